-- A save writes only its answer's row. The attempt's last sequence number and last save time are read from its
-- answers, where every applied change already leaves both (AttemptStore.LastSave); keeping copies on the attempt's
-- row made every save of a room rewrite that wide, hot row as well.
-- last_seq's default was created without a name: find it to drop it first.
DECLARE @default sysname = (
    SELECT d.name FROM sys.default_constraints d
    JOIN sys.columns c ON c.object_id = d.parent_object_id AND c.column_id = d.parent_column_id
    WHERE d.parent_object_id = OBJECT_ID(N'attempts') AND c.name = N'last_seq');
DECLARE @drop nvarchar(400) = N'ALTER TABLE attempts DROP CONSTRAINT ' + QUOTENAME(@default);
IF @default IS NOT NULL EXEC sp_executesql @drop;
GO
ALTER TABLE attempts DROP COLUMN last_seq, last_saved_at;
GO
