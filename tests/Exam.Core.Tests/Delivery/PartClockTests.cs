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
    public void Expiry_comes_at_the_deadline_and_saves_are_taken_only_within_the_grace()
    {
        var clock = PartClock.Start(_time.GetUtcNow(), Ninety);
        var deadline = clock.Deadline;
        Assert.False(clock.HasExpired(deadline.AddTicks(-1)));
        Assert.True(clock.HasExpired(deadline));
        Assert.Equal(TimeSpan.Zero, clock.Remaining(deadline.AddMinutes(3)));
        Assert.True(clock.AcceptsSaveAt(deadline.AddSeconds(30), Grace));
        Assert.False(clock.AcceptsSaveAt(deadline.AddSeconds(31), Grace));
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
