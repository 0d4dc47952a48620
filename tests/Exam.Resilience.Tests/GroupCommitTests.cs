using Dapper;
using Exam.Data.Database;
using Microsoft.Data.Sqlite;

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

    [Fact]
    public async Task Units_of_work_and_sessions_interleaved_all_commit_and_a_failing_unit_takes_nothing_else_with_it()
    {
        var writers = Enumerable.Range(1, 300).Select(i => Task.Run(async () =>
        {
            if (i % 3 == 0)
            {
                await using var s = await _db.BeginAsync();
                await s.ExecuteAsync(Insert, new { i });
                await s.CommitAsync();
                return;
            }
            var written = _db.WriteAsync(async (s, ct) =>
            {
                await s.ExecuteAsync(Insert, new { i }, ct);
                if (i % 10 == 1) throw new InvalidOperationException($"unit {i} fails after its insert");
                return i;
            });
            if (i % 10 == 1) Assert.Equal($"unit {i} fails after its insert", (await Assert.ThrowsAsync<InvalidOperationException>(() => written)).Message);
            else Assert.Equal(i, await written);
        }));
        await Task.WhenAll(writers);

        await using var read = await _db.OpenAsync();
        var ids = (await read.Connection.QueryAsync<int>("SELECT id FROM t ORDER BY id;")).ToList();
        Assert.Equal(Enumerable.Range(1, 300).Where(i => i % 3 == 0 || i % 10 != 1), ids);
    }

    [Fact]
    public async Task A_unit_returns_only_once_its_write_is_committed_and_seen_by_another_connection()
    {
        var units = Enumerable.Range(1, 100).Select(i => Task.Run(async () =>
        {
            await _db.WriteAsync((s, ct) => s.ExecuteAsync(Insert, new { i }, ct));
            // A fresh connection outside the shared transaction sees it: the batch had committed when the unit returned.
            await using var other = new SqliteConnection($"Data Source={Path.Combine(_dir, "t.db")};Pooling=False");
            await other.OpenAsync();
            return await other.ExecuteScalarAsync<long>("SELECT count(*) FROM t WHERE id = @i;", new { i });
        }));
        Assert.All(await Task.WhenAll(units), seen => Assert.Equal(1, seen));
    }

    [Fact]
    public async Task A_unit_runs_in_its_own_callers_context_may_not_commit_itself_and_is_not_run_once_given_up()
    {
        var caller = new AsyncLocal<int>();
        var seen = await Task.WhenAll(Enumerable.Range(1, 50).Select(i => Task.Run(async () =>
        {
            caller.Value = i; // the unit may run on another caller's thread, but sees this caller's AsyncLocals
            return await _db.WriteAsync((_, _) => Task.FromResult(caller.Value));
        })));
        Assert.Equal(Enumerable.Range(1, 50), seen);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _db.WriteAsync(async (s, ct) =>
        {
            await s.ExecuteAsync(Insert, new { i = 1001 }, ct);
            await s.CommitAsync(ct);
            return 0;
        }));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _db.WriteAsync((s, ct) => s.ExecuteAsync(Insert, new { i = 1002 }, ct), cancelled.Token));

        await using var read = await _db.OpenAsync();
        Assert.Equal(0, await read.Connection.ExecuteScalarAsync<long>("SELECT count(*) FROM t WHERE id > 1000;"));
    }

    [Fact]
    public async Task A_session_queued_behind_a_steady_stream_of_units_still_gets_its_turn()
    {
        using var stop = new CancellationTokenSource();
        var next = 10_000;
        var stream = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
                await _db.WriteAsync((s, ct) => s.ExecuteAsync(Insert, new { i = Interlocked.Increment(ref next) }, ct));
        })).ToList();
        await Task.Delay(200);

        var session = Task.Run(async () =>
        {
            await using var s = await _db.BeginAsync();
            await s.ExecuteAsync(Insert, new { i = 1 });
            await s.CommitAsync();
        });
        await session.WaitAsync(TimeSpan.FromSeconds(10)); // a writer running units gives way to a queued session
        await stop.CancelAsync();
        await Task.WhenAll(stream);

        await using var read = await _db.OpenAsync();
        Assert.Equal(1, await read.Connection.ExecuteScalarAsync<long>("SELECT count(*) FROM t WHERE id = 1;"));
        Assert.Equal(next - 10_000, await read.Connection.ExecuteScalarAsync<long>("SELECT count(*) FROM t WHERE id > 10000;"));
    }

    [Fact]
    public async Task Without_group_commit_a_unit_of_work_is_its_own_transaction()
    {
        using var plain = new Db(new DatabaseOptions { SqlitePath = Path.Combine(_dir, "t.db"), GroupCommit = false });
        Assert.Equal(7, await plain.WriteAsync(async (s, ct) => await s.ExecuteAsync(Insert, new { i = 7 }, ct) * 7));
        await Assert.ThrowsAsync<InvalidOperationException>(() => plain.WriteAsync<int>(async (s, ct) =>
        {
            await s.ExecuteAsync(Insert, new { i = 8 }, ct);
            throw new InvalidOperationException("rolled back");
        }));
        await using var read = await plain.OpenAsync();
        Assert.Equal([7], (await read.Connection.QueryAsync<int>("SELECT id FROM t ORDER BY id;")).ToList());
    }

    private static readonly SqlStatement Insert = SqlStatement.Portable("INSERT INTO t (id, v) VALUES (@i, 'x');");
}
