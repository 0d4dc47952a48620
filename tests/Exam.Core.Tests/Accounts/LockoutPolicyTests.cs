using Exam.Core.Accounts;

namespace Exam.Core.Tests.Accounts;

public sealed class LockoutPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private readonly LockoutPolicy _policy = new(new LockoutOptions { MaxFailedAttempts = 5, LockoutDuration = TimeSpan.FromMinutes(15) });

    [Fact]
    public void Four_failures_count_but_do_not_lock()
    {
        var state = new LockoutState(0, null);
        for (var i = 0; i < 4; i++) state = _policy.AfterFailure(state, Now);
        Assert.Equal(4, state.FailedCount);
        Assert.False(_policy.IsLockedOut(state, Now));
    }

    [Fact]
    public void The_fifth_failure_locks_for_the_configured_duration()
    {
        var state = _policy.AfterFailure(new LockoutState(4, null), Now);
        Assert.Equal(Now.AddMinutes(15), state.LockedUntil);
        Assert.True(_policy.IsLockedOut(state, Now.AddMinutes(14.9)));
        Assert.False(_policy.IsLockedOut(state, Now.AddMinutes(15)));
    }

    [Fact]
    public void A_failure_after_the_lock_ran_out_starts_a_fresh_count()
    {
        var locked = new LockoutState(0, Now);
        var state = _policy.AfterFailure(locked, Now.AddMinutes(1));
        Assert.Equal(1, state.FailedCount);
        Assert.Null(state.LockedUntil);
    }

    [Fact]
    public void Success_clears_the_counters() =>
        Assert.Equal(new LockoutState(0, null), LockoutPolicy.AfterSuccess());
}
