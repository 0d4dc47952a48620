-- Presence leaves the attempt row. The node that holds an exam page's connection refreshes its heartbeat here, where
-- every node reads it, so a dead node's candidates show as lost on the other nodes' consoles; heartbeats never lock
-- the attempt row that saves, submissions and proctor actions update.
CREATE TABLE attempt_presence (
    attempt_id   BIGINT NOT NULL PRIMARY KEY REFERENCES attempts (id),
    last_seen_at DATETIMEOFFSET NOT NULL,
    lost_since   DATETIMEOFFSET NULL
);
GO
INSERT INTO attempt_presence (attempt_id, last_seen_at, lost_since)
SELECT id, last_seen_at, lost_since FROM attempts WHERE last_seen_at IS NOT NULL;
-- The sweep for pages whose node went away: shown connected, heartbeat older than the cut-off.
CREATE INDEX ix_attempt_presence_stale ON attempt_presence (lost_since, last_seen_at);
GO
ALTER TABLE attempts DROP COLUMN last_seen_at, lost_since;
GO

-- One-time start-up work (seeding a demo database) is claimed by one node; the others wait until it is completed.
CREATE TABLE startup_claims (
    name         NVARCHAR(100) NOT NULL PRIMARY KEY,
    claimed_by   NVARCHAR(200) NOT NULL,
    claimed_at   DATETIMEOFFSET NOT NULL,
    completed_at DATETIMEOFFSET NULL
);
