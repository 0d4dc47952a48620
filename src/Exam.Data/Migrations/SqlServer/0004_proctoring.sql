-- Proctoring: a second sign-in waiting to be re-admitted, the candidate page's connection as last seen, and the
-- per-sitting log of proctor actions and incidents (the audit log has them too; this one is for the console and report).
ALTER TABLE attempts ADD pending_session_id NVARCHAR(64) NULL;
ALTER TABLE attempts ADD pending_since DATETIMEOFFSET NULL;
-- The sign-in a re-admission moved the attempt away from: that computer is signed out, not queued again.
ALTER TABLE attempts ADD replaced_session_id NVARCHAR(64) NULL;
ALTER TABLE attempts ADD last_seen_at DATETIMEOFFSET NULL;
ALTER TABLE attempts ADD lost_since DATETIMEOFFSET NULL;
GO

CREATE TABLE proctor_events (
    id          BIGINT IDENTITY(1,1) PRIMARY KEY,
    sitting_id  BIGINT NOT NULL REFERENCES sittings (id),
    attempt_id  BIGINT NULL REFERENCES attempts (id),
    kind        NVARCHAR(20) NOT NULL,
    category    NVARCHAR(20) NULL,
    part        INT NULL,
    minutes     INT NULL,
    note        NVARCHAR(2000) NULL,
    actor       NVARCHAR(100) NOT NULL,
    at          DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_proctor_events_sitting ON proctor_events (sitting_id, id);
