-- The time zone a sitting is held in, as an IANA id: coordinators enter and read its times there; the times themselves
-- stay stored in UTC. Sittings made before this column read in UTC, as they were entered.
ALTER TABLE sittings ADD time_zone NVARCHAR(64) NOT NULL CONSTRAINT df_sittings_time_zone DEFAULT 'UTC';
