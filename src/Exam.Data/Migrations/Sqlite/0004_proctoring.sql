-- Proctoring: a second sign-in waiting to be re-admitted, the candidate page's connection as last seen, and the
-- per-sitting log of proctor actions and incidents (the audit log has them too; this one is for the console and report).
ALTER TABLE attempts ADD COLUMN pending_session_id TEXT NULL;
ALTER TABLE attempts ADD COLUMN pending_since TEXT NULL;
-- The sign-in a re-admission moved the attempt away from: that computer is signed out, not queued again.
ALTER TABLE attempts ADD COLUMN replaced_session_id TEXT NULL;
ALTER TABLE attempts ADD COLUMN last_seen_at TEXT NULL;
ALTER TABLE attempts ADD COLUMN lost_since TEXT NULL;

CREATE TABLE proctor_events (
    id          INTEGER PRIMARY KEY,
    sitting_id  INTEGER NOT NULL REFERENCES sittings (id),
    attempt_id  INTEGER NULL REFERENCES attempts (id),
    kind        TEXT NOT NULL,
    category    TEXT NULL,
    part        INTEGER NULL,
    minutes     INTEGER NULL,
    note        TEXT NULL,
    actor       TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX ix_proctor_events_sitting ON proctor_events (sitting_id, id);
