using Exam.Core.Accounts;
using Exam.Data.Accounts;
using Exam.Data.Database;

namespace Exam.Web.Accounts;

public sealed class SignInSessionOptions
{
    /// <summary>How often a node reads the sign-ins other nodes ended: the most a copied cookie outlives its end elsewhere.</summary>
    public double RefreshSeconds { get; set; } = 10;

    /// <summary>A sign-in ends this long after the password or code was checked, however active (an exam day or a working day).</summary>
    public double MaxHours { get; set; } = 12;
}

/// <summary>
/// Server-side sign-in sessions without a database query per request. The cookie carries a ticket (whose, a random
/// sign-in id, when); signing out, a re-admit and disabling an account write a <see cref="SessionEnd"/> in their own
/// transaction and apply it to this node's memory at once. Every node reads the ends written since its last read at most
/// every <see cref="SignInSessionOptions.RefreshSeconds"/> (one query per node per interval, whatever the traffic), so a
/// cookie ended on another node stops working there within that interval. A request that finds the memory older than the
/// interval waits for the read, so the bound holds after a quiet spell too.
/// </summary>
public sealed class SignInSessions(Db db, SessionEndStore store, TimeProvider clock, SignInSessionOptions options, ILogger<SignInSessions> logger)
{
    // A read takes the ends from a minute before the last read, not just after it: an end whose transaction committed
    // late, or written by a node whose clock runs a little behind, is still seen.
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly EndedSessions _ended = new(TimeSpan.FromHours(options.MaxHours));
    private DateTimeOffset? _readAt;
    private Task? _reading;

    public TimeSpan Refresh { get; } = TimeSpan.FromSeconds(options.RefreshSeconds);

    /// <summary>A new sign-in's ticket.</summary>
    public SignInTicket Begin(string kind, long principalId, string? deviceSession = null) =>
        new(kind, principalId, Guid.NewGuid().ToString("N"), deviceSession, clock.GetUtcNow());

    /// <summary>Why this sign-in has ended (signed out, moved away by a re-admit, account disabled, too old), or null.</summary>
    public async ValueTask<string?> EndOfAsync(SignInTicket ticket)
    {
        var now = clock.GetUtcNow();
        Task reading;
        lock (_gate)
        {
            if (_readAt is { } at && now - at < Refresh) return _ended.EndOf(ticket, now);
            if (_reading is null || _reading.IsCompleted) _reading = ReadAsync(now);
            reading = _reading;
        }
        await reading;
        lock (_gate) return _ended.EndOf(ticket, now);
    }

    /// <summary>Records the end in the caller's transaction; call <see cref="Apply"/> once it has committed.</summary>
    public Task EndAsync(DbSession s, SessionEnd end, CancellationToken ct = default) => store.AddAsync(s, end, ct);

    /// <summary>Makes a committed end count on this node at once (other nodes read it within the interval).</summary>
    public void Apply(SessionEnd end)
    {
        lock (_gate) _ended.Add(end);
    }

    private async Task ReadAsync(DateTimeOffset now)
    {
        DateTimeOffset since;
        lock (_gate) since = _readAt is { } at ? at - Overlap : now - _ended.MaxLifetime;
        IReadOnlyList<SessionEnd>? ends = null;
        try
        {
            await using var s = await db.OpenAsync();
            ends = await store.SinceAsync(s, since);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
        {
            // The database is away: keep what this node knows and try again after the interval (nothing can be signed out
            // meanwhile either). Waiting on a failing connection at every request would stall the whole site.
            Infrastructure.Log.SessionEndsUnreadable(logger, e);
        }
        lock (_gate)
        {
            foreach (var end in ends ?? []) _ended.Add(end);
            _ended.Prune(now);
            _readAt = now;
        }
    }
}
