namespace Exam.Core.Delivery;

/// <summary>
/// The server-owned clock of one exam part. The deadline is stored; a pause freezes the time left (the
/// deadline moves on by the pause's length at resume), an extension moves it on. The browser only displays.
/// </summary>
public sealed record PartClock(
    DateTimeOffset StartedAt,
    DateTimeOffset Deadline,
    DateTimeOffset? PausedSince = null,
    TimeSpan Extended = default,
    TimeSpan Paused = default)
{
    /// <summary>Starts a part: the time limit plus the accommodation's extra percentage.</summary>
    public static PartClock Start(DateTimeOffset now, TimeSpan timeLimit, int extraTimePercent = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeLimit.Ticks, nameof(timeLimit));
        ArgumentOutOfRangeException.ThrowIfNegative(extraTimePercent);
        return new PartClock(now, now + AllowedTime(timeLimit, extraTimePercent));
    }

    /// <summary>The limit with extra time, rounded to whole seconds so every display agrees.</summary>
    public static TimeSpan AllowedTime(TimeSpan timeLimit, int extraTimePercent) =>
        TimeSpan.FromSeconds(Math.Round(timeLimit.TotalSeconds * (100 + extraTimePercent) / 100.0));

    public bool IsPaused => PausedSince is not null;

    /// <summary>Time left; frozen while paused; never negative.</summary>
    public TimeSpan Remaining(DateTimeOffset now)
    {
        var left = Deadline - (PausedSince ?? now);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>The time is up (a paused part never expires).</summary>
    public bool HasExpired(DateTimeOffset now) => !IsPaused && now >= Deadline;

    /// <summary>
    /// Whether a change is taken: it was made no later than the deadline, and it was delivered no later than the deadline
    /// plus the window that covers a slow network or a short offline spell. While paused the clock has not run out.
    /// </summary>
    /// <param name="madeAt">When the page says the change was made; absent, the change counts as made when it arrived.</param>
    public bool AcceptsSave(DateTimeOffset deliveredAt, DateTimeOffset? madeAt, TimeSpan lateWindow) =>
        IsPaused || Deadline >= SaveCutoff(deliveredAt, madeAt, lateWindow);

    /// <summary>A change delivered now is late: the deadline has passed (it is taken only if made before it, within the window).</summary>
    public bool IsLate(DateTimeOffset deliveredAt) => !IsPaused && deliveredAt > Deadline;

    /// <summary>
    /// The earliest deadline under which a change is still taken: the later of when it was made and its delivery less the
    /// window. A page's claim to have made a change later than it arrived counts as its arrival, and any claim can buy at
    /// most the window, so a hand-built request gains no more time than a delayed one.
    /// </summary>
    public static DateTimeOffset SaveCutoff(DateTimeOffset deliveredAt, DateTimeOffset? madeAt, TimeSpan lateWindow)
    {
        var made = madeAt is { } m && m < deliveredAt ? m : deliveredAt;
        var windowStart = deliveredAt - lateWindow;
        return made > windowStart ? made : windowStart;
    }

    public PartClock Pause(DateTimeOffset now) =>
        IsPaused ? this : this with { PausedSince = now };

    public PartClock Resume(DateTimeOffset now)
    {
        if (PausedSince is not { } since) return this;
        var length = now > since ? now - since : TimeSpan.Zero;
        return this with { Deadline = Deadline + length, PausedSince = null, Paused = Paused + length };
    }

    public PartClock Extend(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(by.Ticks, nameof(by));
        return this with { Deadline = Deadline + by, Extended = Extended + by };
    }
}
