-- Accommodations as structured facts the console can act on: a separate room, and rest breaks (how many per part and
-- how long each). The free-text rest_breaks column stays as the coordinator's note. Each break taken is a row: the
-- console starts and ends it, the report counts it apart from pauses, and the unique number per part holds the limit.
ALTER TABLE registrations ADD separate_room BIT NOT NULL DEFAULT 0;
ALTER TABLE registrations ADD break_count INT NOT NULL DEFAULT 0;
ALTER TABLE registrations ADD break_minutes INT NOT NULL DEFAULT 0;
GO

CREATE TABLE rest_breaks (
    id               BIGINT IDENTITY(1,1) PRIMARY KEY,
    attempt_id       BIGINT NOT NULL REFERENCES attempts (id),
    part             INT NOT NULL,
    number           INT NOT NULL,
    started_at       DATETIMEOFFSET NOT NULL,
    allowed_seconds  INT NOT NULL,
    started_by       NVARCHAR(100) NOT NULL,
    ended_at         DATETIMEOFFSET NULL,
    credited_seconds INT NULL,
    ended_by         NVARCHAR(100) NULL,
    CONSTRAINT uq_rest_breaks UNIQUE (attempt_id, part, number)
);
-- The sweeper looks for breaks still running.
CREATE INDEX ix_rest_breaks_open ON rest_breaks (ended_at, started_at);
