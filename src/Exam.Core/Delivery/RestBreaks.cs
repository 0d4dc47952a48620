namespace Exam.Core.Delivery;

/// <summary>
/// A rest-break accommodation: how many breaks a candidate may take in each part they sit, and how long each may be.
/// Approved ahead with the registration; none unless both are set.
/// </summary>
public sealed record RestBreakAllowance(int Count, int Minutes)
{
    public const int MaxCount = 6;
    public const int MaxMinutes = 60;

    public static readonly RestBreakAllowance None = new(0, 0);

    public bool Any => Count > 0 && Minutes > 0;

    public TimeSpan Length => TimeSpan.FromMinutes(Minutes);

    /// <summary>Why these figures are not an allowance (both zero, or a count and a length within the limits); null when they are.</summary>
    public static string? Check(int count, int minutes) =>
        count is < 0 or > MaxCount ? $"Rest breaks: from 0 to {MaxCount} per part."
        : minutes is < 0 or > MaxMinutes ? $"A rest break lasts from 1 to {MaxMinutes} minutes."
        : (count == 0) != (minutes == 0) ? "Give both how many rest breaks and how long each is (or neither)."
        : null;

    /// <summary>"2 rest breaks of 10 min per part", or "No rest breaks".</summary>
    public string Describe() => !Any ? "No rest breaks"
        : $"{Count} rest break{(Count == 1 ? "" : "s")} of {Minutes} min per part";
}

/// <summary>
/// The rule for taking a rest break. A break stops the part's clock like a pause, but it is the candidate's
/// accommodation, not an interruption: it is counted apart from pauses, limited in number per part, and the clock is
/// stopped for at most the break's approved length (a break ended late gives back only what was approved: the
/// candidate's clock runs again from the moment the break should have ended).
/// </summary>
public static class RestBreakRule
{
    /// <summary>Why a break cannot start now; null when it can.</summary>
    /// <param name="taken">Breaks already taken (or running) in this part.</param>
    /// <param name="clockStopped">The part's clock is already stopped (paused, or on a break).</param>
    public static string? CanStart(RestBreakAllowance allowance, int taken, bool clockStopped, bool expired) =>
        !allowance.Any ? "This candidate has no rest breaks in their accommodations."
        : expired ? "This part's time is already over."
        : clockStopped ? "This candidate's clock is already stopped (a pause or a break running): resume or end it first."
        : taken >= allowance.Count ? $"This candidate has taken all {allowance.Count} of their rest breaks in this part."
        : null;

    /// <summary>Starts a break: the clock stops now.</summary>
    public static PartClock Start(PartClock clock, DateTimeOffset now) => clock.Pause(now);

    /// <summary>How long the break stops the clock: as long as it lasted, but no longer than approved.</summary>
    public static TimeSpan Credited(DateTimeOffset startedAt, DateTimeOffset endedAt, TimeSpan allowed)
    {
        var lasted = endedAt > startedAt ? endedAt - startedAt : TimeSpan.Zero;
        return lasted < allowed ? lasted : allowed;
    }

    /// <summary>
    /// Ends a break: the clock runs again, its deadline moved on by the credited time only. The time a break counts is
    /// not a pause, so the clock's pause total does not change.
    /// </summary>
    public static PartClock End(PartClock clock, DateTimeOffset startedAt, DateTimeOffset now, TimeSpan allowed) =>
        clock with { Deadline = clock.Deadline + Credited(startedAt, now, allowed), PausedSince = null };

    /// <summary>When a running break is over by its approved length (the sweeper ends it then).</summary>
    public static DateTimeOffset EndsBy(DateTimeOffset startedAt, TimeSpan allowed) => startedAt + allowed;
}
