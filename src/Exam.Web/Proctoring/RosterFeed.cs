using Exam.Data.Database;
using Exam.Data.Proctoring;
using Exam.Web.Delivery;
using Exam.Web.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace Exam.Web.Proctoring;

/// <summary>
/// Pushes roster changes from the writes that make them. A save, a submission, a proctor action or a presence change
/// notes its attempt (and a proctor action its log line) in memory; every <see cref="FlushInterval"/> this node reads
/// the rows of the attempts noted here, in one query however many saves there were, and sends them to their sittings'
/// consoles through the backplane. Only the node that made a change announces it, so each console hears each change
/// once, whichever node it is connected to. Consoles resync from the database on reconnect, when the backplane
/// returns and at an interval, so a message lost here costs seconds.
/// </summary>
public sealed partial class RosterFeed(
    Db db, ProctorStore store, RosterReader reader, ExamContent content, IHubContext<ProctorHub, IProctorClient> hub, TimeProvider clock,
    ILogger<RosterFeed> logger) : BackgroundService, IAttemptChanges
{
    /// <summary>Changes are gathered this long: a console row moves within it, and a room of saves costs one query.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private HashSet<long> _attempts = [];
    private HashSet<(long SittingId, long EventId)> _lines = [];

    public void Changed(long attemptId)
    {
        lock (_gate) _attempts.Add(attemptId);
    }

    /// <summary>A line was added to the sitting's proctor log.</summary>
    public void Logged(long sittingId, long eventId)
    {
        lock (_gate) _lines.Add((sittingId, eventId));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real time on purpose: this is transport, not exam time (tests move the exam's clock by hand).
        using var timer = new PeriodicTimer(FlushInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try { await FlushAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { FlushFailed(logger, e); }
        }
    }

    /// <summary>Sends what changed since the last flush. Public for tests that want it now.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        HashSet<long> attempts;
        HashSet<(long SittingId, long EventId)> lines;
        lock (_gate)
        {
            if (_attempts.Count == 0 && _lines.Count == 0) return;
            (attempts, _attempts) = (_attempts, []);
            (lines, _lines) = (_lines, []);
        }
        try
        {
            if (attempts.Count > 0) await SendRowsAsync(attempts, ct);
            if (lines.Count > 0) await SendLinesAsync(lines, ct);
        }
        catch
        {
            // Not sent: try again at the next flush (a console resyncs on its own in any case).
            foreach (var id in attempts) Changed(id);
            foreach (var (sittingId, eventId) in lines) Logged(sittingId, eventId);
            throw;
        }
    }

    private async Task SendRowsAsync(HashSet<long> attemptIds, CancellationToken ct)
    {
        var entries = new List<RosterEntry>();
        await using (var s = await db.OpenAsync(ct))
            foreach (var chunk in attemptIds.Chunk(ProctorStore.MaxIds))
                entries.AddRange(await store.RosterOfAttemptsAsync(s, chunk, ct));
        var now = clock.GetUtcNow();
        foreach (var sitting in entries.GroupBy(e => e.SittingId))
        {
            var form = await content.GetAsync(sitting.First().FormId, ct);
            var rows = sitting.Select(e => RosterReader.Row(e, form, e.RequiresAdmission, now)).ToList();
            await hub.Clients.Group(ProctorHub.Group(sitting.Key)).Rows(rows, now);
        }
    }

    private async Task SendLinesAsync(HashSet<(long SittingId, long EventId)> added, CancellationToken ct)
    {
        foreach (var sitting in added.GroupBy(l => l.SittingId))
        {
            var ids = sitting.Select(l => l.EventId).ToHashSet();
            foreach (var line in (await reader.LogAsync(sitting.Key, ct)).Where(l => ids.Contains(l.Id)))
                await hub.Clients.Group(ProctorHub.Group(sitting.Key)).Logged(line);
        }
    }

    [LoggerMessage(1300, LogLevel.Warning, "Sending roster changes to the proctor consoles failed; they go at the next flush")]
    private static partial void FlushFailed(ILogger logger, Exception e);
}
