using Exam.Core.Scheduling;

namespace Exam.Core.Tests.Scheduling;

public sealed class RetakeWaitTests
{
    private static readonly DateTimeOffset March2026 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_part_sat_within_the_wait_conflicts_and_names_the_first_allowed_date()
    {
        var prior = new[] { new PriorSitting("Spring 2026", March2026, PartOne: true, PartTwo: false) };
        var conflict = Assert.Single(RetakeWait.Conflicts(March2026.AddDays(200), partOne: true, partTwo: true, 365, prior));
        Assert.Equal((1, "Spring 2026", new DateOnly(2027, 3, 1)), (conflict.Part, conflict.SittingTitle, conflict.EarliestAllowed));
    }

    [Fact]
    public void The_first_allowed_date_is_allowed_whatever_the_hour()
    {
        var prior = new[] { new PriorSitting("Spring 2026", March2026, true, true) };
        Assert.Empty(RetakeWait.Conflicts(new DateTimeOffset(2027, 3, 1, 6, 0, 0, TimeSpan.Zero), true, true, 365, prior));
        Assert.Equal(2, RetakeWait.Conflicts(new DateTimeOffset(2027, 2, 28, 23, 0, 0, TimeSpan.Zero), true, true, 365, prior).Count);
    }

    [Fact]
    public void Another_part_or_a_later_sitting_does_not_conflict()
    {
        var prior = new[]
        {
            new PriorSitting("Spring 2026", March2026, PartOne: true, PartTwo: false),
            new PriorSitting("Spring 2027", March2026.AddDays(400), PartOne: false, PartTwo: true),
        };
        Assert.Empty(RetakeWait.Conflicts(March2026.AddDays(30), partOne: false, partTwo: true, 365, prior));
    }

    [Fact]
    public void With_several_conflicts_the_latest_date_is_the_earliest_allowed()
    {
        var prior = new[]
        {
            new PriorSitting("Spring 2026", March2026, true, false),
            new PriorSitting("Autumn 2026", March2026.AddDays(180), false, true),
        };
        var conflicts = RetakeWait.Conflicts(March2026.AddDays(200), true, true, 365, prior);
        Assert.Equal([1, 2], conflicts.Select(c => c.Part));
        Assert.Equal(new DateOnly(2027, 8, 28), RetakeWait.EarliestAllowed(conflicts));
    }

    [Fact]
    public void A_wait_of_zero_days_allows_a_retake_the_same_day()
    {
        var prior = new[] { new PriorSitting("Spring 2026", March2026, true, true) };
        Assert.Empty(RetakeWait.Conflicts(March2026, true, true, 0, prior));
    }
}
