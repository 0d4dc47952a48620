using Dapper;
using Exam.Data.Database;
using Exam.Data.Tests.Fixtures;

namespace Exam.Data.Tests.Database;

public abstract class MigratorTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : DatabaseFixture
{
    protected TFixture Fixture => fixture;

    [SkippableFact]
    public async Task Every_script_is_recorded_once()
    {
        var expected = Migrator.ScriptsFor(fixture.Db.Dialect.Provider).Select(s => s.Version);
        Assert.Equal(expected, await new Migrator(fixture.Db).AppliedVersionsAsync());
    }

    [SkippableFact]
    public async Task A_second_start_applies_nothing()
    {
        var applied = await new Migrator(fixture.Db).MigrateAsync();
        Assert.Empty(applied);
    }

    [SkippableFact]
    public async Task The_audit_log_refuses_updates_and_deletes()
    {
        await using (var s = await fixture.Db.BeginAsync())
        {
            await new Exam.Data.Audit.AuditLog(fixture.Clock).AppendAsync(s, new("tester", "test.append-only", "test", "1"));
            await s.CommitAsync();
        }
        await using var session = await fixture.Db.OpenAsync();
        await Assert.ThrowsAnyAsync<Exception>(() =>
            session.Connection.ExecuteAsync("UPDATE audit_log SET actor = 'someone else' WHERE action = 'test.append-only';"));
        await Assert.ThrowsAnyAsync<Exception>(() =>
            session.Connection.ExecuteAsync("DELETE FROM audit_log WHERE action = 'test.append-only';"));
        Assert.Equal(1, await session.Connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'test.append-only' AND actor = 'tester';"));
    }
}

public sealed class SqliteMigratorTests(SqliteFixture fixture) : MigratorTests<SqliteFixture>(fixture)
{
    [Fact]
    public async Task Sqlite_connections_use_wal_full_sync_a_busy_timeout_and_foreign_keys_also_when_reused_from_the_pool()
    {
        object? first = null;
        for (var open = 0; open < 3; open++)
        {
            await using var s = await Fixture.Db.OpenAsync();
            if (open == 0) first = s.Connection;
            else Assert.Same(first, s.Connection); // the same open connection, handed back for reuse
            Assert.Equal("wal", await s.Connection.ExecuteScalarAsync<string>("PRAGMA journal_mode;"));
            Assert.Equal(2, await s.Connection.ExecuteScalarAsync<int>("PRAGMA synchronous;")); // 2 = FULL
            Assert.Equal(5000, await s.Connection.ExecuteScalarAsync<int>("PRAGMA busy_timeout;"));
            Assert.Equal(1, await s.Connection.ExecuteScalarAsync<int>("PRAGMA foreign_keys;"));
        }
        Assert.True(File.Exists(Fixture.FilePath));
    }
}

public sealed class SqlServerMigratorTests(SqlServerFixture fixture) : MigratorTests<SqlServerFixture>(fixture);
