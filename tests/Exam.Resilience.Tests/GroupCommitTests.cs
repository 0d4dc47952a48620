using Dapper;
using Exam.Data.Database;

namespace Exam.Resilience.Tests;

/// <summary>SQLite writers of one process share commits; each keeps its own outcome, and none is told "committed" early.</summary>
public sealed class GroupCommitTests : IAsyncLifetime
{
    private readonly string _dir = Fixtures.ScratchDirectory("group-commit");
    private Db _db = null!;

    public async Task InitializeAsync()
    {
        _db = new Db(new DatabaseOptions { SqlitePath = Path.Combine(_dir, "t.db") });
        await using var s = await _db.BeginAsync();
        await s.Connection.ExecuteAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL);", transaction: s.Transaction);
        await s.CommitAsync();
    }

    public Task DisposeAsync()
    {
        Fixtures.Clean(_dir);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Concurrent_writers_all_commit_and_a_writer_that_does_not_commit_takes_nothing_else_with_it()
    {
        var writers = Enumerable.Range(1, 200).Select(i => Task.Run(async () =>
        {
            await using var s = await _db.BeginAsync();
            await s.Connection.ExecuteAsync("INSERT INTO t (id, v) VALUES (@i, 'x');", new { i }, s.Transaction);
            if (i % 10 != 0) await s.CommitAsync(); // every tenth gives up: disposed without commit
        }));
        await Task.WhenAll(writers);

        await using var read = await _db.OpenAsync();
        var ids = (await read.Connection.QueryAsync<int>("SELECT id FROM t ORDER BY id;")).ToList();
        Assert.Equal(Enumerable.Range(1, 200).Where(i => i % 10 != 0), ids);
    }

    [Fact]
    public async Task A_writer_that_stops_waiting_does_not_leave_a_batch_uncommitted()
    {
        // Several rounds: the first warms up, so later ones finish inside the batch's age limit, where only the
        // writer that gave up can commit the batch it was counted for.
        for (var id = 1; id <= 5; id++)
        {
            using var cancelled = new CancellationTokenSource();
            var first = await _db.BeginAsync();
            await first.Connection.ExecuteAsync("INSERT INTO t (id, v) VALUES (@id, 'first');", new { id }, first.Transaction);
            var waiter = _db.BeginAsync(ct: cancelled.Token); // queued behind the first
            await cancelled.CancelAsync();                     // gives up (a browser gone away), still counted as queued
            var commit = first.CommitAsync();                  // sees a writer queued, so may leave the batch to it
            try
            {
                await using var late = await waiter; // the lock may have been handed over just before the cancel
            }
            catch (OperationCanceledException) { }
            await commit.WaitAsync(TimeSpan.FromSeconds(10));  // committed either way
            await first.DisposeAsync();

            await using var read = await _db.OpenAsync();
            Assert.Equal("first", await read.Connection.ExecuteScalarAsync<string>("SELECT v FROM t WHERE id = @id;", new { id }));
        }
    }
}
