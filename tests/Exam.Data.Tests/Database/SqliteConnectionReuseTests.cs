using Dapper;
using Exam.Data.Database;
using Exam.Data.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace Exam.Data.Tests.Database;

/// <summary>
/// SQLite connections stay open between sessions with their prepared statements: a failed statement, a rolled-back
/// transaction or a burst of concurrent sessions must leave every connection fit for the next session.
/// </summary>
public sealed class SqliteConnectionReuseTests(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private const string Insert = "INSERT INTO reuse_probe (id, note) VALUES (@Id, @Note);";
    private const string Read = "SELECT note FROM reuse_probe WHERE id = @Id;";

    private async Task EnsureTableAsync()
    {
        await using var s = await fixture.Db.OpenAsync();
        await s.Connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS reuse_probe (id INTEGER PRIMARY KEY, note TEXT NOT NULL);");
    }

    [Fact]
    public async Task A_statement_that_fails_does_not_spoil_the_connection_or_its_next_run()
    {
        await EnsureTableAsync();
        await using (var s = await fixture.Db.OpenAsync())
        {
            await s.Connection.ExecuteAsync(Insert, new { Id = 1, Note = "first" });
            await Assert.ThrowsAsync<SqliteException>(() => s.Connection.ExecuteAsync(Insert, new { Id = 1, Note = "again" })); // primary key
            await s.Connection.ExecuteAsync(Insert, new { Id = 2, Note = "second" }); // the same text, prepared afresh
        }
        await using var read = await fixture.Db.OpenAsync();
        Assert.Equal("first", await read.Connection.ExecuteScalarAsync<string>(Read, new { Id = 1 }));
        Assert.Equal("second", await read.Connection.ExecuteScalarAsync<string>(Read, new { Id = 2 }));
    }

    [Fact]
    public async Task A_transaction_left_uncommitted_is_rolled_back_and_the_connection_is_clean_for_the_next_session()
    {
        await EnsureTableAsync();
        await using (var s = await fixture.Db.BeginAsync(System.Data.IsolationLevel.Serializable)) // a plain transaction, not a group commit
            await s.ExecuteAsync(SqlStatement.Portable(Insert), new { Id = 10, Note = "never committed" });

        await using (var s = await fixture.Db.BeginAsync(System.Data.IsolationLevel.Serializable))
        {
            await s.ExecuteAsync(SqlStatement.Portable(Insert), new { Id = 10, Note = "committed" }); // would fail if the first were kept
            await s.CommitAsync();
        }
        await using var read = await fixture.Db.OpenAsync();
        Assert.Equal("committed", await read.Connection.ExecuteScalarAsync<string>(Read, new { Id = 10 }));
    }

    [Fact]
    public async Task The_same_query_runs_again_while_a_reader_of_it_is_still_open()
    {
        await EnsureTableAsync();
        await using (var s = await fixture.Db.BeginAsync())
        {
            await s.ExecuteAsync(SqlStatement.Portable(Insert), new { Id = 50, Note = "outer" });
            await s.ExecuteAsync(SqlStatement.Portable(Insert), new { Id = 51, Note = "inner" });
            await s.CommitAsync();
        }
        await using var read = await fixture.Db.OpenAsync();
        await using var outer = await read.Connection.ExecuteReaderAsync(Read, new { Id = 50 });
        Assert.True(await outer.ReadAsync());
        Assert.Equal("inner", await read.Connection.ExecuteScalarAsync<string>(Read, new { Id = 51 })); // as with unprepared commands
        Assert.Equal("outer", outer.GetString(0));
    }

    [Fact]
    public async Task Concurrent_sessions_each_get_their_own_connection_and_see_their_own_parameters()
    {
        await EnsureTableAsync();
        await using (var s = await fixture.Db.BeginAsync())
        {
            for (var id = 100; id < 164; id++) await s.ExecuteAsync(SqlStatement.Portable(Insert), new { Id = id, Note = $"note {id}" });
            await s.CommitAsync();
        }
        await Parallel.ForEachAsync(Enumerable.Range(0, 400), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var id = 100 + i % 64;
            await using var s = await fixture.Db.OpenAsync(ct);
            Assert.Equal($"note {id}", await s.Connection.ExecuteScalarAsync<string>(Read, new { Id = id }));
        });
    }
}
