using System.Collections.Concurrent;
using Exam.Data.Scheduling;
using Exam.Web.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace Exam.Web.Proctoring;

/// <summary>
/// Keeps every console watching a sitting on this node up to date. A proctor action or a candidate's connection
/// refreshes the sitting at once; a short poll of the database catches everything else (saves, submissions, the
/// expiry sweeper, changes made on other nodes). Each refresh reads the roster from the database and sends only the
/// rows that changed, whole, so a lost or repeated message does no harm; a reconnecting console calls Join and
/// gets the full roster again.
/// </summary>
public sealed partial class RosterWatcher(
    RosterReader reader, IHubContext<ProctorHub, IProctorClient> hub, ILogger<RosterWatcher> logger) : BackgroundService
{
    /// <summary>How often watched sittings are re-read: well inside the console's one-second promise.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(400);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001",
        Justification = "A SemaphoreSlim only needs disposing when its wait handle was used; a refresh may still hold it when the sitting is unwatched.")]
    private sealed class Watched
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public Dictionary<long, RosterRow> Rows = [];
        public long LastLineId;
        public bool Primed;
    }

    private readonly ConcurrentDictionary<string, long> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, Watched> _sittings = new();

    /// <summary>A console on this node joined the sitting's group, primed with the snapshot it was sent.</summary>
    public void Watch(string connectionId, RosterSnapshot snapshot)
    {
        if (_connections.TryGetValue(connectionId, out var previous) && previous != snapshot.SittingId) Unwatch(connectionId);
        _connections[connectionId] = snapshot.SittingId;
        var watched = _sittings.GetOrAdd(snapshot.SittingId, _ => new Watched());
        if (watched.Primed) return;
        watched.Gate.Wait();
        try
        {
            if (watched.Primed) return;
            watched.Rows = snapshot.Rows.ToDictionary(r => r.RegistrationId);
            watched.LastLineId = snapshot.Log.Count == 0 ? 0 : snapshot.Log.Max(l => l.Id);
            watched.Primed = true;
        }
        finally { watched.Gate.Release(); }
    }

    public void Unwatch(string connectionId)
    {
        if (!_connections.TryRemove(connectionId, out var sittingId)) return;
        if (!_connections.Values.Contains(sittingId)) _sittings.TryRemove(sittingId, out _);
    }

    public bool IsWatched(long sittingId) => _sittings.ContainsKey(sittingId);

    public async Task RefreshAsync(long sittingId, CancellationToken ct = default)
    {
        if (!_sittings.ContainsKey(sittingId)) return;
        if (await reader.SittingAsync(sittingId, ct) is { } sitting) await RefreshAsync(sitting, ct);
    }

    /// <summary>Sends the rows and log lines that changed since the last refresh to the sitting's consoles.</summary>
    public async Task RefreshAsync(Sitting sitting, CancellationToken ct = default)
    {
        if (!_sittings.TryGetValue(sitting.Id, out var watched)) return;
        await watched.Gate.WaitAsync(ct);
        try
        {
            var snapshot = await reader.SnapshotAsync(sitting, ct);
            var changed = snapshot.Rows.Where(r => !watched.Rows.TryGetValue(r.RegistrationId, out var old) || old != r).ToList();
            var lines = snapshot.Log.Where(l => l.Id > watched.LastLineId).ToList();
            watched.Rows = snapshot.Rows.ToDictionary(r => r.RegistrationId);
            if (lines.Count > 0) watched.LastLineId = lines.Max(l => l.Id);
            var group = hub.Clients.Group(ProctorHub.Group(sitting.Id));
            if (changed.Count > 0) await group.Rows(changed, snapshot.ServerNow);
            foreach (var line in lines) await group.Logged(line);
        }
        finally { watched.Gate.Release(); }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real time on purpose: the poll is transport, not exam time (tests move the exam's clock by hand).
        using var timer = new PeriodicTimer(PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var sittingId in _sittings.Keys)
            {
                try { await RefreshAsync(sittingId, stoppingToken); }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
                catch (Exception e) { RefreshFailed(logger, e, sittingId); }
            }
        }
    }

    [LoggerMessage(1300, LogLevel.Warning, "Refreshing the proctor console of sitting {SittingId} failed")]
    private static partial void RefreshFailed(ILogger logger, Exception e, long sittingId);
}
