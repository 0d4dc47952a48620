using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Exam.Data.Database;

/// <summary>
/// Group commit for SQLite writers in this process. SQLite has one writer at a time and, with synchronous=FULL,
/// every COMMIT waits for an fsync (about 1 ms on these disks): a thousand candidates saving at once would queue
/// on the file lock, sleeping in SQLite's busy handler and blocking pool threads while they wait.
/// Here writers share one connection and one transaction, each inside its own SAVEPOINT, and the batch commits
/// when nobody else is queued (or it is full or old). Nothing is acknowledged before the COMMIT has returned; a
/// writer that fails rolls back to its savepoint and takes nothing else with it.
/// Two kinds of writer take turns at the gate:
/// <list type="bullet">
/// <item>A session (<see cref="BeginAsync"/>) waits for the gate, runs its statements and leaves; the last to leave commits.</item>
/// <item>A unit of work (<see cref="RunAsync{T}"/>) only joins a queue. Whoever finds the gate free runs every queued
/// unit back to back on its own thread, commits, and tells each unit: a unit costs no hand-over of the gate and no
/// thread woken to take it, only the one wake-up that delivers its result (the hot path of a room saving at once).</item>
/// </list>
/// Whoever releases the gate with units still queued starts a writer for them, so none is left waiting.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001",
    Justification = "Lives as long as its Db; a SemaphoreSlim whose wait handle is never asked for holds nothing to dispose.")]
internal sealed class GroupCommit(Func<CancellationToken, Task<DbConnection>> open, SqlDialect dialect, int busyTimeoutMs)
{
    // Microsoft.Data.Sqlite retries a busy database for its command timeout (30 s); a queued session waits as long.
    private readonly TimeSpan _queueTimeout = TimeSpan.FromMilliseconds(Math.Max(busyTimeoutMs, 30_000));
    private const int MaxBatch = 128;
    private static readonly TimeSpan MaxBatchAge = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan WriterTurn = TimeSpan.FromMilliseconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentQueue<Unit> _units = new();
    private int _waiting;

    // Owned by whoever holds the gate.
    private DbConnection? _connection;
    private DbTransaction? _transaction;
    private TaskCompletionSource? _batchCommitted;
    private List<Unit> _batchUnits = [];
    private int _batchSize;
    private long _batchStarted;

    /// <summary>Nobody queued to join the open batch: whoever holds the gate commits it.</summary>
    private bool NobodyElse => Volatile.Read(ref _waiting) == 0 && _units.IsEmpty;

    private bool BatchFull => _transaction is not null
        && (_batchSize >= MaxBatch || Environment.TickCount64 - _batchStarted >= MaxBatchAge.TotalMilliseconds);

    /// <summary>Runs <paramref name="work"/> inside the shared transaction and returns its result once the batch has committed.</summary>
    public async Task<T> RunAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var unit = new Unit<T>(work, ct);
        _units.Enqueue(unit);
        await RunQueuedIfFreeAsync();
        return await unit.Done; // usually done already when this thread ran the queue
    }

    public async Task<DbSession> BeginAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _waiting);
        bool entered;
        try
        {
            entered = await _gate.WaitAsync(_queueTimeout, ct);
        }
        catch (OperationCanceledException)
        {
            await GiveUpAsync();
            throw;
        }
        if (!entered)
        {
            await GiveUpAsync();
            throw new SqliteException("database is locked (waited for the writer queue)", 5);
        }
        Interlocked.Decrement(ref _waiting);
        try
        {
            // Inside the gate the caller's token is no longer consulted: a request given up now must not fail the
            // batch others are in. Its own statements still see the token, and disposing rolls back only its savepoint.
            await EnterBatchAsync();
            return new DbSession(_connection!, _transaction!, dialect, new Member(this, _batchCommitted!));
        }
        catch
        {
            await EndBatchAsync(commit: false);
            ReleaseGate();
            throw;
        }
    }

    /// <summary>Opens the shared transaction when none is open, and a savepoint in it for the next writer.</summary>
    private async Task EnterBatchAsync()
    {
        if (_transaction is null)
        {
            _connection = await open(CancellationToken.None);
            _transaction = await _connection.BeginTransactionAsync(CancellationToken.None);
            _batchCommitted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _batchSize = 0;
            _batchStarted = Environment.TickCount64;
        }
        await SavepointAsync("SAVEPOINT w;");
        _batchSize++;
    }

    /// <summary>
    /// A savepoint statement through the connection's own commands, so it is prepared once per connection (the
    /// transaction's Save and Release parse their SQL afresh every time, twice per save).
    /// </summary>
    private async Task SavepointAsync(string sql)
    {
        await using var command = _connection!.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private void ReleaseGate()
    {
        _gate.Release();
        // Units queued while the gate was held: whoever holds it next runs them; when nobody took it, a writer starts
        // for them on the thread pool (not on this thread, whose own caller is waiting for it to return).
        if (!_units.IsEmpty) ThreadPool.UnsafeQueueUserWorkItem(static self => _ = self.RunQueuedIfFreeAsync(), this, preferLocal: false);
    }

    /// <summary>
    /// Takes the gate if it is free and runs the queued units (never throws: failures go to the units). Units that
    /// queue during a commit's fsync are run by the same writer straight after it, for a few milliseconds at most:
    /// handing over costs a thread-pool turn behind the answers of the batch just committed, while the disk waits.
    /// </summary>
    private async Task RunQueuedIfFreeAsync()
    {
        if (_units.IsEmpty || !_gate.Wait(0)) return;
        var turn = Environment.TickCount64;
        try
        {
            do await RunQueuedAsync();
            while (!_units.IsEmpty && Volatile.Read(ref _waiting) == 0 && Environment.TickCount64 - turn < WriterTurn.TotalMilliseconds);
        }
        finally
        {
            ReleaseGate();
        }
    }

    /// <summary>Runs queued units in the open batch until the queue is empty or the batch full, then commits unless a session is queued to join.</summary>
    private async Task RunQueuedAsync()
    {
        while (!BatchFull && _units.TryDequeue(out var unit))
        {
            if (unit.Token.IsCancellationRequested)
            {
                unit.Cancel();
                continue;
            }
            try
            {
                await EnterBatchAsync();
            }
            catch (Exception e)
            {
                unit.Fail(e);
                await EndBatchAsync(commit: false);
                continue;
            }
            var failed = await unit.RunAsync(DbSession.ForUnitOfWork(_connection!, _transaction!, dialect));
            try
            {
                await SavepointAsync(failed is null ? "RELEASE w;" : "ROLLBACK TO w; RELEASE w;");
            }
            catch (Exception e)
            {
                failed ??= e;
                unit.Fail(failed);
                await EndBatchAsync(commit: false); // the shared transaction is in doubt: fail the whole batch
                continue;
            }
            if (failed is null) _batchUnits.Add(unit);
            else unit.Fail(failed);
        }
        if (NobodyElse || BatchFull) await EndBatchAsync(commit: true);
    }

    /// <summary>
    /// A writer that stops waiting was counted as queued, so the last member may have left its batch for it to
    /// commit: take the gate once more and commit that batch if nobody else will, or its members would wait on.
    /// </summary>
    private async Task GiveUpAsync()
    {
        await _gate.WaitAsync(CancellationToken.None);
        Interlocked.Decrement(ref _waiting);
        try
        {
            if (NobodyElse) await EndBatchAsync(commit: true);
        }
        finally
        {
            ReleaseGate();
        }
    }

    /// <summary>After a session's work: commit now when nobody else is queued or the batch is full, else leave it to them.</summary>
    private async Task LeaveAsync(bool keep)
    {
        try
        {
            await SavepointAsync(keep ? "RELEASE w;" : "ROLLBACK TO w; RELEASE w;");
        }
        catch
        {
            await EndBatchAsync(commit: false); // the shared transaction is in doubt: fail the whole batch
            ReleaseGate();
            throw;
        }
        if (NobodyElse || BatchFull) await EndBatchAsync(commit: true);
        ReleaseGate();
    }

    private async Task EndBatchAsync(bool commit)
    {
        var (connection, transaction, committed, units) = (_connection, _transaction, _batchCommitted, _batchUnits);
        (_connection, _transaction, _batchCommitted) = (null, null, null);
        if (transaction is null) return;
        _batchUnits = [];
        try
        {
            if (commit) await transaction.CommitAsync();
            else await transaction.RollbackAsync();
            if (commit)
            {
                committed!.TrySetResult();
                foreach (var unit in units) unit.Committed();
            }
            else Fail(new InvalidOperationException("The shared write transaction was rolled back."));
        }
        catch (Exception e)
        {
            Fail(e);
        }
        finally
        {
            await transaction.DisposeAsync();
            await connection!.DisposeAsync();
        }

        void Fail(Exception e)
        {
            committed!.TrySetException(e);
            foreach (var unit in units) unit.Fail(e);
        }
    }

    /// <summary>One session's place in the batch.</summary>
    internal sealed class Member(GroupCommit owner, TaskCompletionSource batchCommitted)
    {
        private bool _left;

        public async Task CommitAsync()
        {
            if (_left) throw new InvalidOperationException("This session has already committed.");
            _left = true;
            await owner.LeaveAsync(keep: true);
            await batchCommitted.Task; // durable before the caller may acknowledge anything
        }

        public async ValueTask DisposeAsync()
        {
            if (_left) return;
            _left = true;
            await owner.LeaveAsync(keep: false);
        }
    }

    /// <summary>A queued unit of work: run by whichever writer holds the gate, told its outcome when its batch ends.</summary>
    private abstract class Unit(CancellationToken ct)
    {
        public CancellationToken Token => ct;

        /// <summary>Runs the work; returns why it failed, or null.</summary>
        public abstract Task<Exception?> RunAsync(DbSession session);

        public abstract void Committed();
        public abstract void Fail(Exception e);
        public abstract void Cancel();
    }

    private sealed class Unit<T>(Func<DbSession, CancellationToken, Task<T>> work, CancellationToken ct) : Unit(ct)
    {
        // The work runs on another request's thread, so in its own caller's context (its AsyncLocals, its activity).
        private readonly ExecutionContext? _context = ExecutionContext.Capture();
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Done => _done.Task;

        public override async Task<Exception?> RunAsync(DbSession session)
        {
            try
            {
                Task<T> running = null!;
                if (_context is null) running = work(session, Token);
                else ExecutionContext.Run(_context, _ => running = work(session, Token), null);
                _result = await running;
                return null;
            }
            catch (Exception e)
            {
                return e;
            }
        }

        public override void Committed() => _done.TrySetResult(_result);
        public override void Fail(Exception e) => _done.TrySetException(e);
        public override void Cancel() => _done.TrySetCanceled(Token);
    }
}
