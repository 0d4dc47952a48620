using System.Collections.Concurrent;
using Exam.Data.Database;
using Exam.Data.Proctoring;

namespace Exam.Web.Proctoring;

/// <summary>
/// Whether a candidate's exam page is connected. This node counts its own exam hub connections per attempt; the
/// database keeps when the attempt was last seen and since when it is lost, so a console rebuilt from the database
/// (on any node) shows "lost since hh:mm".
/// </summary>
public sealed class PresenceTracker(Db db, ProctorStore store, TimeProvider clock, RosterWatcher watcher)
{
    private readonly ConcurrentDictionary<string, long> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, int> _counts = new();

    public async Task ConnectedAsync(string connectionId, long attemptId, CancellationToken ct = default)
    {
        if (!_connections.TryAdd(connectionId, attemptId)) return;
        _counts.AddOrUpdate(attemptId, 1, (_, n) => n + 1);
        await MarkAsync(attemptId, seen: true, ct);
    }

    public async Task DisconnectedAsync(string connectionId, CancellationToken ct = default)
    {
        if (!_connections.TryRemove(connectionId, out var attemptId)) return;
        var left = _counts.AddOrUpdate(attemptId, 0, (_, n) => Math.Max(0, n - 1));
        if (left == 0)
        {
            _counts.TryRemove(new KeyValuePair<long, int>(attemptId, 0));
            await MarkAsync(attemptId, seen: false, ct);
        }
    }

    private async Task MarkAsync(long attemptId, bool seen, CancellationToken ct)
    {
        long? sittingId;
        await using (var s = await db.BeginAsync(ct: ct))
        {
            if (seen) await store.MarkSeenAsync(s, attemptId, clock.GetUtcNow(), ct);
            else await store.MarkLostAsync(s, attemptId, clock.GetUtcNow(), ct);
            sittingId = await store.SittingOfAttemptAsync(s, attemptId, ct);
            await s.CommitAsync(ct);
        }
        if (sittingId is { } id) await watcher.RefreshAsync(id, ct);
    }
}
