-- Staff accounts, their roles, candidates, candidate access codes, and the append-only audit log.
CREATE TABLE staff_users (
    id              INTEGER PRIMARY KEY,
    user_name       TEXT NOT NULL COLLATE NOCASE UNIQUE,
    display_name    TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    is_disabled     INTEGER NOT NULL DEFAULT 0,
    failed_count    INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT NULL,
    created_at      TEXT NOT NULL
);

CREATE TABLE staff_roles (
    user_id INTEGER NOT NULL REFERENCES staff_users (id),
    role    TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE candidates (
    id               INTEGER PRIMARY KEY,
    candidate_number TEXT NOT NULL UNIQUE,
    full_name        TEXT NOT NULL,
    email            TEXT NOT NULL,
    association      TEXT NOT NULL,
    track            TEXT NOT NULL,
    notes            TEXT NULL,
    failed_count     INTEGER NOT NULL DEFAULT 0,
    locked_until     TEXT NULL,
    created_at       TEXT NOT NULL
);

CREATE TABLE access_codes (
    id           INTEGER PRIMARY KEY,
    candidate_id INTEGER NOT NULL REFERENCES candidates (id),
    code_hash    TEXT NOT NULL,
    valid_from   TEXT NOT NULL,
    valid_until  TEXT NOT NULL,
    revoked_at   TEXT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX ix_access_codes_candidate ON access_codes (candidate_id);

CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id   TEXT NULL,
    before_json  TEXT NULL,
    after_json   TEXT NULL,
    detail       TEXT NULL
);
CREATE INDEX ix_audit_log_subject ON audit_log (subject_type, subject_id);

-- The audit log is append-only: the database refuses to change or remove a line.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
