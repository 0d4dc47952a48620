-- Sign-ins ended on the server (sign-out, a re-admit to another computer, a disabled account), so that a copy of the
-- cookie stops working. Every node reads the recent rows into memory; nothing here is read per request.
-- sign_in_id set: that one sign-in. Otherwise every sign-in of the principal made up to ended_at, only those of one
-- computer when device_session is set.
CREATE TABLE session_ends (
    id             INTEGER PRIMARY KEY,
    principal_kind TEXT NOT NULL CHECK (principal_kind IN ('staff', 'candidate')),
    principal_id   INTEGER NOT NULL,
    sign_in_id     TEXT NULL,
    device_session TEXT NULL,
    ended_at       TEXT NOT NULL,
    reason         TEXT NOT NULL CHECK (reason IN ('sign-out', 'readmit', 'disabled'))
);
CREATE INDEX ix_session_ends_ended_at ON session_ends (ended_at);
