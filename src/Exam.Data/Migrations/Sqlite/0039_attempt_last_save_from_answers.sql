-- A save writes only its answer's row. The attempt's last sequence number and last save time are read from its
-- answers, where every applied change already leaves both (AttemptStore.LastSave); keeping copies on the attempt's
-- row made every save of a room rewrite that wide, hot row as well.
ALTER TABLE attempts DROP COLUMN last_seq;
ALTER TABLE attempts DROP COLUMN last_saved_at;
