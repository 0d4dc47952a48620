-- Accommodations as structured facts the console can act on: a separate room, and rest breaks (how many per part and
-- how long each). The free-text rest_breaks column stays as the coordinator's note. Each break taken is a row: the
-- console starts and ends it, the report counts it apart from pauses, and the unique number per part holds the limit.
ALTER TABLE registrations ADD COLUMN separate_room INTEGER NOT NULL DEFAULT 0;
ALTER TABLE registrations ADD COLUMN break_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE registrations ADD COLUMN break_minutes INTEGER NOT NULL DEFAULT 0;

CREATE TABLE rest_breaks (
    id               INTEGER PRIMARY KEY,
    attempt_id       INTEGER NOT NULL REFERENCES attempts (id),
    part             INTEGER NOT NULL,
    number           INTEGER NOT NULL,
    started_at       TEXT NOT NULL,
    allowed_seconds  INTEGER NOT NULL,
    started_by       TEXT NOT NULL,
    ended_at         TEXT NULL,
    credited_seconds INTEGER NULL,
    ended_by         TEXT NULL,
    CONSTRAINT uq_rest_breaks UNIQUE (attempt_id, part, number)
);
-- The sweeper looks for breaks still running.
CREATE INDEX ix_rest_breaks_open ON rest_breaks (ended_at, started_at);
