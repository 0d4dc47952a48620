using Exam.Core.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace Exam.Core.Tests.Delivery;

public sealed class PartClockTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
    private static readonly TimeSpan Ninety = TimeSpan.FromMinutes(90);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_part_ends_its_time_limit_after_it_starts()
    {
        var clock = PartClock.Start(_time.GetUtcNow(), Ninety);
        Assert.Equal(_time.GetUtcNow().AddMinutes(90), clock.Deadline);
        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(TimeSpan.FromMinutes(60), clock.Remaining(_time.GetUtcNow()));
    }

    [Theory]
    [InlineData(25, 112.5)]
    [InlineData(50, 135)]
    [InlineData(100, 180)]
    public void Accommodated_extra_time_is_a_percentage_of_the_limit(int percent, double minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), PartClock.Start(_time.GetUtcNow(), Ninety, percent).Deadline - _time.GetUtcNow());

    [Fact]
    public void A_pause_freezes_the_time_left_and_resume_moves_the_deadline_by_the_pause()
    {
        var clock = PartClock.Start(_time.GetUtcNow(), Ninety);
        _time.Advance(TimeSpan.FromMinutes(10));
        clock = clock.Pause(_time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(7));
        Assert.Equal(TimeSpan.FromMinutes(80), clock.Remaining(_time.GetUtcNow()));
        Assert.False(clock.HasExpired(_time.GetUtcNow().AddHours(5)));

        clock = clock.Resume(_time.GetUtcNow());
        Assert.Equal(TimeSpan.FromMinutes(80), clock.Remaining(_time.GetUtcNow()));
        Assert.Equal(TimeSpan.FromMinutes(7), clock.Paused);
        Assert.Equal(_time.GetUtcNow().AddMinutes(80), clock.Deadline);
    }

    [Fact]
    public void Pausing_twice_or_resuming_a_running_clock_changes_nothing()
    {
        var clock = PartClock.Start(_time.GetUtcNow(), Ninety).Pause(_time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(clock, clock.Pause(_time.GetUtcNow()));
        var running = PartClock.Start(_time.GetUtcNow(), Ninety);
        Assert.Equal(running, running.Resume(_time.GetUtcNow()));
    }

    [Fact]
    public void Extensions_add_up_and_move_the_deadline()
    {
        var clock = PartClock.Start(_time.GetUtcNow(), Ninety).Extend(TimeSpan.FromMinutes(5)).Extend(TimeSpan.FromMinutes(10));
        Assert.Equal(TimeSpan.FromMinutes(15), clock.Extended);
        Assert.Equal(TimeSpan.FromMinutes(105), clock.Remaining(_time.GetUtcNow()));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Extend(TimeSpan.Zero));
    }

    [Fact]
    public void Expiry_comes_at_the_deadline()
    {
        var clock = PartClock.Start(_time.GetUtcNow(), Ninety);
        var deadline = clock.Deadline;
        Assert.False(clock.HasExpired(deadline.AddTicks(-1)));
        Assert.True(clock.HasExpired(deadline));
        Assert.Equal(TimeSpan.Zero, clock.Remaining(deadline.AddMinutes(3)));
    }

    [Fact]
    public void A_change_made_after_the_deadline_is_never_taken_even_when_it_arrives_at_once()
    {
        var clock = PartClock.Start(_time.GetUtcNow(), Ninety);
        var deadline = clock.Deadline;
        Assert.True(clock.AcceptsSave(deadline, deadline, Grace));
        Assert.False(clock.AcceptsSave(deadline.AddSeconds(1), deadline.AddSeconds(1), Grace));
        Assert.False(clock.AcceptsSave(deadline.AddSeconds(1), null, Grace)); // no word of when: made when it arrived
        Assert.False(clock.IsLate(deadline));
    }

    [Fact]
    public void A_change_made_before_the_deadline_and_delayed_is_taken_as_late_only_within_the_window()
    {
        var clock = PartClock.Start(_time.GetUtcNow(), Ninety);
        var deadline = clock.Deadline;
        var made = deadline.AddSeconds(-2);
        Assert.True(clock.AcceptsSave(deadline.AddSeconds(30), made, Grace));
        Assert.True(clock.IsLate(deadline.AddSeconds(30)));
        Assert.False(clock.AcceptsSave(deadline.AddSeconds(31), made, Grace));
        Assert.False(clock.AcceptsSave(deadline.AddSeconds(31), deadline.AddHours(-1), Grace)); // an older claim buys no more
    }

    [Fact]
    public void A_claim_to_have_made_a_change_after_it_arrived_counts_as_its_arrival()
    {
        var deadline = _time.GetUtcNow();
        Assert.Equal(deadline, PartClock.SaveCutoff(deadline, deadline.AddMinutes(5), Grace));
        Assert.Equal(deadline.AddSeconds(-30), PartClock.SaveCutoff(deadline, deadline.AddMinutes(-5), Grace));
    }

    [Fact]
    public void A_paused_part_takes_changes_and_none_is_late()
    {
        var clock = PartClock.Start(_time.GetUtcNow(), Ninety);
        var paused = clock.Pause(clock.Deadline.AddMinutes(-1));
        Assert.True(paused.AcceptsSave(clock.Deadline.AddMinutes(5), null, Grace));
        Assert.False(paused.IsLate(clock.Deadline.AddMinutes(5)));
    }

    [Fact]
    public void Changing_the_computer_clock_cannot_matter_because_only_server_time_goes_in()
    {
        // The clock has no notion of client time: every question takes the server's "now".
        var clock = PartClock.Start(_time.GetUtcNow(), Ninety);
        Assert.Equal(clock.Remaining(_time.GetUtcNow()), PartClock.Start(_time.GetUtcNow(), Ninety).Remaining(_time.GetUtcNow()));
        Assert.DoesNotContain(typeof(PartClock).GetMethods(), m => m.GetParameters().Any(p => p.Name!.Contains("client", StringComparison.OrdinalIgnoreCase)));
    }
}
