using Exam.Core.Scoring;

namespace Exam.Core.Tests.Scoring;

public sealed class DomainVerdictTests
{
    private static bool AtEighty(int raw, int max) => McScorer.Passes(raw, max, 80);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 2)]
    [InlineData(1, 3)]
    [InlineData(3, 3)]
    public void A_domain_on_one_to_three_items_gets_no_verdict_whatever_the_score(int raw, int items) =>
        Assert.Equal(DomainVerdict.TooFewItems, DomainVerdicts.Of(raw, items, AtEighty));

    [Theory]
    [InlineData(4, 4, DomainVerdict.Met)]
    [InlineData(3, 4, DomainVerdict.ToStrengthen)]
    [InlineData(4, 5, DomainVerdict.Met)]
    [InlineData(16, 21, DomainVerdict.ToStrengthen)]
    [InlineData(17, 21, DomainVerdict.Met)]
    public void From_the_minimum_on_the_verdict_is_held_to_the_pass_mark(int raw, int items, DomainVerdict verdict) =>
        Assert.Equal(verdict, DomainVerdicts.Of(raw, items, AtEighty));

    [Fact]
    public void The_minimum_is_four_items_and_the_mark_is_asked_only_from_there()
    {
        Assert.Equal(4, DomainVerdicts.MinimumItems);
        Assert.False(DomainVerdicts.CanJudge(3));
        Assert.True(DomainVerdicts.CanJudge(4));
        var asked = 0;
        DomainVerdicts.Of(0, 3, (_, _) => { asked++; return false; });
        Assert.Equal(0, asked);
        Assert.Equal(DomainVerdict.ToStrengthen, DomainVerdicts.Of(0, 4, (_, _) => { asked++; return false; }));
        Assert.Equal(1, asked);
    }

    [Fact]
    public void The_demo_blueprint_leaves_communicating_and_working_with_others_without_a_verdict()
    {
        // The Part One blueprint (DESIGN.md): 21, 15, 6, 5, 4, 4, 3, 2 items.
        int[] counts = [21, 15, 6, 5, 4, 4, 3, 2];
        Assert.Equal([true, true, true, true, true, true, false, false], counts.Select(DomainVerdicts.CanJudge));
    }
}
