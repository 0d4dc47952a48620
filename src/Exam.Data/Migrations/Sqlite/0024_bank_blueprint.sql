-- The bank's frame (itembank/blueprint.yaml: level names, domains, tracks, the default Part One), as the committee
-- last saved or imported it. Append-only: each change is a new version; the highest is current. The document is the
-- YAML text itself, so export writes back exactly what was imported or typed.
CREATE TABLE bank_blueprints (
    version    INTEGER NOT NULL PRIMARY KEY,
    document   TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
