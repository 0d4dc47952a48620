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
    /// Whether a save made now is still taken: until the deadline plus the grace that covers a request in
    /// flight at the last second. While paused the candidate's last in-flight changes are still taken.
    /// </summary>
    public bool AcceptsSaveAt(DateTimeOffset now, TimeSpan grace) => IsPaused || now <= Deadline + grace;

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
