-- Sign-ins ended on the server (sign-out, a re-admit to another computer, a disabled account), so that a copy of the
-- cookie stops working. Every node reads the recent rows into memory; nothing here is read per request.
-- sign_in_id set: that one sign-in. Otherwise every sign-in of the principal made up to ended_at, only those of one
-- computer when device_session is set.
CREATE TABLE session_ends (
    id             BIGINT IDENTITY(1,1) PRIMARY KEY,
    principal_kind NVARCHAR(16) NOT NULL CHECK (principal_kind IN ('staff', 'candidate')),
    principal_id   BIGINT NOT NULL,
    sign_in_id     NVARCHAR(32) NULL,
    device_session NVARCHAR(64) NULL,
    ended_at       DATETIMEOFFSET NOT NULL,
    reason         NVARCHAR(16) NOT NULL CHECK (reason IN ('sign-out', 'readmit', 'disabled'))
);
CREATE INDEX ix_session_ends_ended_at ON session_ends (ended_at);
