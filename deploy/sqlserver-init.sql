-- The compose file's init step (sqlcmd as sa, once SQL Server accepts logins; safe to run at every start): the
-- database and the application's own login, so that the web nodes never connect as sa. The app then applies its
-- migrations itself, as this login, under an application lock.
-- sqlcmd takes $(EXAM_DB_PASSWORD) from the environment.
IF DB_ID(N'Exam') IS NULL CREATE DATABASE [Exam];
GO
IF SUSER_ID(N'exam_app') IS NULL
    CREATE LOGIN [exam_app] WITH PASSWORD = N'$(EXAM_DB_PASSWORD)', DEFAULT_DATABASE = [Exam], CHECK_POLICY = ON;
ELSE
    ALTER LOGIN [exam_app] WITH PASSWORD = N'$(EXAM_DB_PASSWORD)';
GO
USE [Exam];
GO
IF USER_ID(N'exam_app') IS NULL CREATE USER [exam_app] FOR LOGIN [exam_app];
GO
-- Owner of this one database and nothing on the server: the migrations create tables and indexes and may set
-- database options (READ_COMMITTED_SNAPSHOT).
ALTER ROLE db_owner ADD MEMBER [exam_app];
GO
