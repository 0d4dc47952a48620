using System.Collections.Concurrent;
using Exam.Data.Database;
using Exam.Data.Proctoring;

namespace Exam.Web.Proctoring;

/// <summary>Bound from the <c>Presence</c> section.</summary>
public sealed class PresenceOptions
{
    /// <summary>How often a node refreshes the heartbeat of the exam pages connected to it, and looks for stale ones.</summary>
    public double HeartbeatSeconds { get; set; } = 2;

    /// <summary>A page whose heartbeat is older than this is shown lost (since its last heartbeat): its node went away.</summary>
    public double LostAfterSeconds { get; set; } = 8;

    public TimeSpan Heartbeat => TimeSpan.FromSeconds(HeartbeatSeconds);
    public TimeSpan LostAfter => TimeSpan.FromSeconds(LostAfterSeconds);
}

/// <summary>
/// Whether a candidate's exam page is connected, as every node sees it. This node counts its own exam hub connections
/// per attempt and, every <see cref="PresenceOptions.Heartbeat"/>, stamps them seen in the database in one statement;
/// a page that closes is marked lost at once. A node that dies says nothing, so every node also marks lost the pages
/// whose heartbeat is older than <see cref="PresenceOptions.LostAfter"/>: the first node to do so announces the change.
/// </summary>
public sealed partial class PresenceTracker(
    Db db, ProctorStore store, TimeProvider clock, IAttemptChanges changes, PresenceOptions options, ILogger<PresenceTracker> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, long> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, int> _counts = new();

    public async Task ConnectedAsync(string connectionId, long attemptId, CancellationToken ct = default)
    {
        if (!_connections.TryAdd(connectionId, attemptId)) return;
        _counts.AddOrUpdate(attemptId, 1, (_, n) => n + 1);
        await using (var s = await db.BeginAsync(ct: ct))
        {
            await store.MarkSeenAsync(s, attemptId, clock.GetUtcNow(), ct);
            await s.CommitAsync(ct);
        }
        changes.Changed(attemptId);
    }

    public async Task DisconnectedAsync(string connectionId, CancellationToken ct = default)
    {
        if (!_connections.TryRemove(connectionId, out var attemptId)) return;
        var left = _counts.AddOrUpdate(attemptId, 0, (_, n) => Math.Max(0, n - 1));
        if (left > 0) return;
        _counts.TryRemove(new KeyValuePair<long, int>(attemptId, 0));
        bool lost;
        await using (var s = await db.BeginAsync(ct: ct))
        {
            lost = await store.MarkLostAsync(s, attemptId, clock.GetUtcNow(), ct);
            await s.CommitAsync(ct);
        }
        if (lost) changes.Changed(attemptId);
    }

    private bool IsHere(long attemptId) => _counts.ContainsKey(attemptId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real time on purpose: heartbeats are transport; the times stored are the exam clock's (tests move it by hand).
        using var timer = new PeriodicTimer(options.Heartbeat);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await BeatAsync(stoppingToken);
                await MarkStaleAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { HeartbeatFailed(logger, e); }
        }
    }

    /// <summary>Stamps this node's pages seen; a page shown lost meanwhile (a late heartbeat) is shown connected again.</summary>
    public async Task BeatAsync(CancellationToken ct = default)
    {
        var here = _counts.Keys.ToList();
        if (here.Count == 0) return;
        var now = clock.GetUtcNow();
        var revived = new List<long>();
        await using (var s = await db.BeginAsync(ct: ct))
        {
            foreach (var chunk in here.Chunk(ProctorStore.MaxIds))
            {
                if (await store.HeartbeatAsync(s, chunk, now, ct) == chunk.Length) continue;
                var shown = (await store.ConnectedAmongAsync(s, chunk, ct)).ToHashSet();
                foreach (var id in chunk.Where(id => !shown.Contains(id) && IsHere(id)))
                {
                    await store.MarkSeenAsync(s, id, now, ct);
                    revived.Add(id);
                }
            }
            await s.CommitAsync(ct);
        }
        foreach (var id in revived) changes.Changed(id);
    }

    /// <summary>Marks lost the pages whose node stopped beating (never this node's own, which it has just stamped).</summary>
    public async Task MarkStaleAsync(CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow() - options.LostAfter;
        IReadOnlyList<long> stale;
        await using (var s = await db.OpenAsync(ct))
            stale = await store.StaleAsync(s, cutoff, ct);
        var lost = new List<long>();
        foreach (var id in stale.Where(id => !IsHere(id)))
        {
            await using var s = await db.BeginAsync(ct: ct);
            if (await store.MarkStaleAsync(s, id, cutoff, ct)) lost.Add(id);
            await s.CommitAsync(ct);
        }
        foreach (var id in lost) changes.Changed(id);
    }

    [LoggerMessage(1310, LogLevel.Warning, "Refreshing exam page presence failed; it runs again at the next heartbeat")]
    private static partial void HeartbeatFailed(ILogger logger, Exception e);
}
