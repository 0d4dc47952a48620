-- exam:no-transaction
-- READ_COMMITTED_SNAPSHOT is ON for this database, decided here rather than left to the server's default (off on a
-- new SQL Server database, on in Azure SQL), so every installation behaves alike.
-- Why on: the proctor consoles (every node, every 400 ms), the rater queues and the reports read while candidates
-- save. With it on, a read sees the last committed version instead of waiting for a writer's locks, so readers and
-- writers neither block nor deadlock each other, and a roster is one consistent snapshot.
-- What that asks of the code (and the code does): no write decision rests on a plain read. Each transition is a
-- conditional UPDATE whose row count is checked, or rests on a read that takes a lock (UPDLOCK, HOLDLOCK: see
-- SqlDialect.Lock); where a read must wait for a writer's commit it says READCOMMITTEDLOCK. Lock order: README.
-- Setting it needs the database to itself: a new database gets it when it is created (Migrator.EnsureDatabaseAsync,
-- deploy/sqlserver-init.sql), so this only acts on an older database, rolling back whatever else is connected.
IF (SELECT is_read_committed_snapshot_on FROM sys.databases WHERE database_id = DB_ID()) = 0
    ALTER DATABASE CURRENT SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE;
