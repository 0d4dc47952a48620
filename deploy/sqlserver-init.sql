-- The one-time SQL Server set-up for Exam, run by an administrator login (sa, or a DBA's) before the app starts:
--
--   sqlcmd -S <server> -U sa -P "$SA_PASSWORD" -C -b -i deploy/sqlserver-init.sql \
--          -v ExamDatabase=exam ExamLogin=exam_app ExamPassword="$EXAM_DB_PASSWORD"
--
-- It creates the database (with READ_COMMITTED_SNAPSHOT on, see migration 0016), and the login the app connects as:
-- not sa, and with no rights on the server, only in its own database. Running it again changes nothing but the
-- password. The app then connects with
--   ConnectionStrings__Exam="Server=<server>;Database=exam;User ID=exam_app;Password=...;TrustServerCertificate=true"
-- and applies the schema itself at start-up. (The password must not contain a single quote.)

IF DB_ID(N'$(ExamDatabase)') IS NULL
    CREATE DATABASE [$(ExamDatabase)];
GO

-- Set now, while nothing else is connected: setting it later needs the database to itself.
IF (SELECT is_read_committed_snapshot_on FROM sys.databases WHERE name = N'$(ExamDatabase)') = 0
    ALTER DATABASE [$(ExamDatabase)] SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE;
GO

IF SUSER_ID(N'$(ExamLogin)') IS NULL
    CREATE LOGIN [$(ExamLogin)] WITH PASSWORD = N'$(ExamPassword)', DEFAULT_DATABASE = [$(ExamDatabase)], CHECK_POLICY = ON;
ELSE
    ALTER LOGIN [$(ExamLogin)] WITH PASSWORD = N'$(ExamPassword)';
GO

USE [$(ExamDatabase)];
GO

IF DATABASE_PRINCIPAL_ID(N'$(ExamLogin)') IS NULL
    CREATE USER [$(ExamLogin)] FOR LOGIN [$(ExamLogin)];
GO

-- Read and write its tables, and create and change them: the migrations run at start-up, as this login. Nothing
-- more: no server role, no db_owner (it cannot change permissions, users or the database's settings).
ALTER ROLE db_datareader ADD MEMBER [$(ExamLogin)];
ALTER ROLE db_datawriter ADD MEMBER [$(ExamLogin)];
ALTER ROLE db_ddladmin ADD MEMBER [$(ExamLogin)];
GO
