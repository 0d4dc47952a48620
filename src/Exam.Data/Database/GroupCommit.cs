using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Exam.Data.Database;

/// <summary>
/// Group commit for SQLite writers in this process. SQLite has one writer at a time and, with synchronous=FULL,
/// every COMMIT waits for an fsync (about 1 ms on these disks): a thousand candidates saving at once would queue
/// on the file lock, sleeping in SQLite's busy handler and blocking pool threads while they wait.
/// Here writers queue asynchronously for one shared connection; each runs inside its own SAVEPOINT of a shared
/// transaction, and the writer that leaves the queue empty (or fills the batch) commits for everyone. A session's
/// CommitAsync returns only after that COMMIT has returned, so nothing is acknowledged before it is durable; a
/// session disposed without committing rolls back to its savepoint and takes nothing else with it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001",
    Justification = "Lives as long as its Db; a SemaphoreSlim whose wait handle is never asked for holds nothing to dispose.")]
internal sealed class GroupCommit(Func<CancellationToken, Task<DbConnection>> open, SqlDialect dialect, int busyTimeoutMs)
{
    // Microsoft.Data.Sqlite retries a busy database for its command timeout (30 s); a queued writer waits as long.
    private readonly TimeSpan _queueTimeout = TimeSpan.FromMilliseconds(Math.Max(busyTimeoutMs, 30_000));
    private const int MaxBatch = 128;
    private static readonly TimeSpan MaxBatchAge = TimeSpan.FromMilliseconds(20);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _waiting;

    // Owned by whoever holds the gate.
    private DbConnection? _connection;
    private DbTransaction? _transaction;
    private TaskCompletionSource? _batchCommitted;
    private int _batchSize;
    private long _batchStarted;

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
            if (_transaction is null)
            {
                _connection = await open(CancellationToken.None);
                _transaction = await _connection.BeginTransactionAsync(CancellationToken.None);
                _batchCommitted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _batchSize = 0;
                _batchStarted = Environment.TickCount64;
            }
            await _transaction.SaveAsync("w", CancellationToken.None);
            _batchSize++;
            return new DbSession(_connection!, _transaction, dialect, new Member(this, _batchCommitted!));
        }
        catch
        {
            await EndBatchAsync(commit: false);
            _gate.Release();
            throw;
        }
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
            if (Volatile.Read(ref _waiting) == 0) await EndBatchAsync(commit: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>After a member's work: commit now when nobody else is queued or the batch is full, else leave it to them.</summary>
    private async Task LeaveAsync(bool keep)
    {
        try
        {
            if (keep) await _transaction!.ReleaseAsync("w");
            else await _transaction!.RollbackAsync("w");
        }
        catch
        {
            await EndBatchAsync(commit: false); // the shared transaction is in doubt: fail the whole batch
            _gate.Release();
            throw;
        }
        if (Volatile.Read(ref _waiting) == 0 || _batchSize >= MaxBatch || Environment.TickCount64 - _batchStarted >= MaxBatchAge.TotalMilliseconds)
            await EndBatchAsync(commit: true);
        _gate.Release();
    }

    private async Task EndBatchAsync(bool commit)
    {
        var (connection, transaction, committed) = (_connection, _transaction, _batchCommitted);
        (_connection, _transaction, _batchCommitted) = (null, null, null);
        if (transaction is null) return;
        try
        {
            if (commit) await transaction.CommitAsync();
            else await transaction.RollbackAsync();
            if (commit) committed!.TrySetResult();
            else committed!.TrySetException(new InvalidOperationException("The shared write transaction was rolled back."));
        }
        catch (Exception e)
        {
            committed!.TrySetException(e);
        }
        finally
        {
            await transaction.DisposeAsync();
            await connection!.DisposeAsync();
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
}
