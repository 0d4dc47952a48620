using Exam.Core.Delivery;

namespace Exam.Core.Tests.Delivery;

public sealed class RestBreakTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly RestBreakAllowance TwoOfTen = new(2, 10);

    [Fact]
    public void A_break_stops_the_clock_and_moves_the_deadline_by_its_length_without_counting_as_a_pause()
    {
        var running = PartClock.Start(Nine, TimeSpan.FromMinutes(90));
        var onBreak = RestBreakRule.Start(running, Nine.AddMinutes(30));
        Assert.Equal(TimeSpan.FromMinutes(60), onBreak.Remaining(Nine.AddMinutes(38)));

        var after = RestBreakRule.End(onBreak, Nine.AddMinutes(30), Nine.AddMinutes(38), TwoOfTen.Length);

        Assert.False(after.IsPaused);
        Assert.Equal(Nine.AddMinutes(98), after.Deadline);
        Assert.Equal(TimeSpan.Zero, after.Paused);
    }

    [Fact]
    public void A_break_ended_late_stops_the_clock_only_for_its_approved_length()
    {
        var onBreak = RestBreakRule.Start(PartClock.Start(Nine, TimeSpan.FromMinutes(90)), Nine.AddMinutes(30));
        var after = RestBreakRule.End(onBreak, Nine.AddMinutes(30), Nine.AddMinutes(55), TwoOfTen.Length);
        // The clock runs again from 09:40, when the break should have ended: 60 minutes left then, 45 at 09:55.
        Assert.Equal(Nine.AddMinutes(100), after.Deadline);
        Assert.Equal(TimeSpan.FromMinutes(45), after.Remaining(Nine.AddMinutes(55)));
        Assert.Equal(Nine.AddMinutes(40), RestBreakRule.EndsBy(Nine.AddMinutes(30), TwoOfTen.Length));
    }

    [Fact]
    public void Breaks_are_limited_to_the_number_approved_per_part()
    {
        Assert.Null(RestBreakRule.CanStart(TwoOfTen, taken: 1, clockStopped: false, expired: false));
        Assert.Contains("all 2 of their rest breaks", RestBreakRule.CanStart(TwoOfTen, taken: 2, clockStopped: false, expired: false));
        Assert.Contains("no rest breaks", RestBreakRule.CanStart(RestBreakAllowance.None, 0, false, false));
        Assert.Contains("already stopped", RestBreakRule.CanStart(TwoOfTen, 0, clockStopped: true, expired: false));
        Assert.Contains("time is already over", RestBreakRule.CanStart(TwoOfTen, 0, clockStopped: false, expired: true));
    }

    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(2, 10, null)]
    [InlineData(7, 10, "from 0 to 6")]
    [InlineData(2, 61, "from 1 to 60")]
    [InlineData(2, 0, "both")]
    [InlineData(0, 10, "both")]
    [InlineData(-1, 10, "from 0 to 6")]
    public void An_allowance_has_both_a_count_and_a_length_within_limits(int count, int minutes, string? error)
    {
        var problem = RestBreakAllowance.Check(count, minutes);
        if (error is null) Assert.Null(problem);
        else Assert.Contains(error, problem);
    }

    [Fact]
    public void An_allowance_reads_as_a_sentence()
    {
        Assert.Equal("2 rest breaks of 10 min per part", TwoOfTen.Describe());
        Assert.Equal("1 rest break of 15 min per part", new RestBreakAllowance(1, 15).Describe());
        Assert.Equal("No rest breaks", RestBreakAllowance.None.Describe());
    }
}
