-- SQL Server's script turns READ_COMMITTED_SNAPSHOT on. SQLite behaves that way already: in WAL mode a reader sees
-- the database as of its first read and never waits for a writer, and writers take the one write lock up front
-- (BEGIN IMMEDIATE), so a writer's reads are never stale. Nothing to change; the number is kept in step.
SELECT 1;
