namespace Exam.Core.Accounts;

/// <summary>How many failed sign-ins lock an account, and for how long.</summary>
public sealed record LockoutOptions
{
    public int MaxFailedAttempts { get; init; } = 5;
    public TimeSpan LockoutDuration { get; init; } = TimeSpan.FromMinutes(15);
}

/// <summary>The sign-in counters kept per account (staff user or candidate).</summary>
public sealed record LockoutState(int FailedCount, DateTimeOffset? LockedUntil);

/// <summary>Pure lockout arithmetic, shared by staff and candidate sign-in.</summary>
public sealed class LockoutPolicy(LockoutOptions options)
{
    public LockoutOptions Options { get; } = options;

    public bool IsLockedOut(LockoutState state, DateTimeOffset now) => state.LockedUntil is { } until && until > now;

    /// <summary>The state after one more failure: the count grows, and reaching the limit locks the account.</summary>
    public LockoutState AfterFailure(LockoutState state, DateTimeOffset now)
    {
        // A lock that has run out starts a fresh count.
        var count = state.LockedUntil is { } until && until <= now ? 1 : state.FailedCount + 1;
        return count >= Options.MaxFailedAttempts
            ? new LockoutState(0, now + Options.LockoutDuration)
            : new LockoutState(count, null);
    }

    public static LockoutState AfterSuccess() => new(0, null);
}
