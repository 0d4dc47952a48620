using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Exam.Resilience.Tests.Cluster;

/// <summary>A roster row as the console receives it (the fields the test compares).</summary>
public sealed record ConsoleRow
{
    public long RegistrationId { get; init; }
    public long? AttemptId { get; init; }
    public string CandidateNumber { get; init; } = "";
    public string Status { get; init; } = "";
    public int Part { get; init; }
    public int Answered { get; init; }
    public DateTimeOffset? Deadline { get; init; }
    public long? PausedRemainingMs { get; init; }
    public int ExtendedMinutes { get; init; }
    public string Connection { get; init; } = "";
    public DateTimeOffset? LostSince { get; init; }
    public DateTimeOffset? LastSavedAt { get; init; }
    public bool CanPause { get; init; }
    public bool CanResume { get; init; }

    /// <summary>Everything but the figures a running candidate changes every moment.</summary>
    public ConsoleRow Settled => this with { Answered = 0, LastSavedAt = null };
}

public sealed record ConsoleSnapshot(long SittingId, DateTimeOffset ServerNow, List<ConsoleRow> Rows);

/// <summary>
/// The proctor's console as live.js keeps it: Join, whole rows pushed as they change (a row never replaced by an older
/// read), Join again on reconnect, on "Resync" and every 10 s.
/// </summary>
public sealed class ConsoleModel(HubConnection hub, long sittingId) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, (ConsoleRow Row, DateTimeOffset AsOf)> _rows = [];
    private readonly Interval _interval = new(TimeSpan.FromSeconds(10));
    private int _resyncs;

    public HubConnection Hub => hub;

    /// <summary>How many times the server said "Resync".</summary>
    public int Resyncs => Volatile.Read(ref _resyncs);

    /// <summary>Every row pushed, as it arrived.</summary>
    public event Action<ConsoleRow>? Pushed;

    public async Task OpenAsync()
    {
        hub.On<List<ConsoleRow>, DateTimeOffset>("Rows", (rows, serverNow) =>
        {
            foreach (var r in rows)
            {
                Apply(r, serverNow);
                Pushed?.Invoke(r);
            }
        });
        hub.On("Resync", () =>
        {
            Interlocked.Increment(ref _resyncs);
            _ = ResyncAsync();
        });
        hub.Reconnected += _ => ResyncAsync();
        await hub.StartAsync();
        await JoinAsync();
        _interval.Start(() => hub.State == HubConnectionState.Connected ? ResyncAsync() : Task.CompletedTask);
    }

    public async Task JoinAsync()
    {
        var snapshot = await hub.InvokeAsync<ConsoleSnapshot>("Join", sittingId);
        foreach (var r in snapshot.Rows) Apply(r, snapshot.ServerNow);
    }

    private async Task ResyncAsync()
    {
        try { await JoinAsync(); } catch (Exception) { /* the next resync or reconnect tries again, as on the page */ }
    }

    private void Apply(ConsoleRow row, DateTimeOffset asOf)
    {
        lock (_gate)
            if (!_rows.TryGetValue(row.RegistrationId, out var known) || known.AsOf <= asOf) _rows[row.RegistrationId] = (row, asOf);
    }

    public IReadOnlyDictionary<long, ConsoleRow> Rows
    {
        get { lock (_gate) return _rows.ToDictionary(r => r.Key, r => r.Value.Row); }
    }

    public async ValueTask DisposeAsync()
    {
        await _interval.DisposeAsync();
        await hub.DisposeAsync();
    }
}

public sealed record PageClock(int Part, long RemainingMs, bool Paused, DateTimeOffset Deadline, DateTimeOffset ServerNow);

/// <summary>A candidate's exam page as exam-common.js keeps it: the clock, and whether its part is over (asked again every 30 s).</summary>
public sealed class ExamPageModel(HubConnection hub, int part) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Interval _interval = new(TimeSpan.FromSeconds(30));

    public HubConnection Hub => hub;
    public PageClock? Clock { get; private set; }
    public bool PartOver { get; private set; }

    /// <summary>Every clock pushed, as it arrived.</summary>
    public event Action<PageClock>? Pushed;

    public async Task OpenAsync()
    {
        hub.On<PageClock>("Clock", c =>
        {
            if (c.Part != part) return;
            lock (_gate) Clock = c;
            Pushed?.Invoke(c);
        });
        hub.On<int, string>("PartSubmitted", (p, _) => { if (p == part) PartOver = true; });
        hub.On<string>("Ended", _ => PartOver = true);
        hub.On("Resync", () => { _ = ResyncAsync(); });
        hub.Reconnected += _ => ResyncAsync();
        await hub.StartAsync();
        _interval.Start(() => hub.State == HubConnectionState.Connected ? ResyncAsync() : Task.CompletedTask);
    }

    private async Task ResyncAsync()
    {
        try
        {
            var c = await hub.InvokeAsync<PageClock?>("Sync");
            lock (_gate)
            {
                if (c is not null && c.Part == part) Clock = c;
                else PartOver = true;
            }
        }
        catch (Exception) { /* as on the page: the next one tries again */ }
    }

    public async ValueTask DisposeAsync()
    {
        await _interval.DisposeAsync();
        await hub.DisposeAsync();
    }
}

/// <summary>A rater's queue page as queue.js keeps it: its view, read again on "changed", on reconnect, on "Resync" and every 15 s.</summary>
public sealed class RaterQueueModel(HubConnection hub) : IAsyncDisposable
{
    private readonly Interval _interval = new(TimeSpan.FromSeconds(15));
    private int _resyncs;

    public string View { get; private set; } = "";

    /// <summary>How many times the server said "Resync".</summary>
    public int Resyncs => Volatile.Read(ref _resyncs);

    public async Task OpenAsync()
    {
        hub.On("QueueChanged", () => { _ = RefreshAsync(); });
        hub.On("Resync", () =>
        {
            Interlocked.Increment(ref _resyncs);
            _ = RefreshAsync();
        });
        hub.Reconnected += _ => RefreshAsync();
        await hub.StartAsync();
        await RefreshAsync();
        _interval.Start(() => hub.State == HubConnectionState.Connected ? RefreshAsync() : Task.CompletedTask);
    }

    /// <summary>What the server holds now (read without touching the page's view).</summary>
    public async Task<string> TruthAsync() => (await hub.InvokeAsync<JsonElement>("Queue")).GetRawText();

    private async Task RefreshAsync()
    {
        try { View = await TruthAsync(); } catch (Exception) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _interval.DisposeAsync();
        await hub.DisposeAsync();
    }
}

/// <summary>A page's timer: runs the action every period until disposed.</summary>
public sealed class Interval(TimeSpan period) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public void Start(Func<Task> action) => _loop = Task.Run(async () =>
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) await action();
        }
        catch (OperationCanceledException) { }
    });

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
