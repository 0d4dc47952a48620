-- The time zone a sitting is held in, as an IANA id: coordinators enter and read its times there; the times themselves
-- stay stored in UTC. Sittings made before this column read in UTC, as they were entered.
ALTER TABLE sittings ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
