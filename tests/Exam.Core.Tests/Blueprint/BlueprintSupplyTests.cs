using Exam.Core.Blueprint;
using Exam.Core.ItemBank;

namespace Exam.Core.Tests.Blueprint;

/// <summary>Whether the bank's approved MCQs can fill the default Part One: plain shortage apart from the level rule.</summary>
public sealed class BlueprintSupplyTests
{
    private static BankBlueprint Asking(params (string Domain, int Count)[] counts) => TestBlueprints.Shipped with
    {
        PartOne = new PartOneDefinition { Blueprint = new ItemBlueprint(counts.ToDictionary(c => c.Domain, c => c.Count)) },
    };

    private static ItemContent Mcq(int n, string domain, Level level) => new()
    {
        Id = $"m-{n}", Type = ItemType.Mcq, Level = level, Designation = Designation.A, Domains = [domain], Author = "w",
        Key = "A", Body = "Stem?", Options = "ABCD".Select(l => new ItemOption(l.ToString(), $"Option {l} {n}", "Why.")).ToList(),
    };

    [Fact]
    public void Enough_items_of_level_both_leave_no_shortfall() =>
        Assert.Empty(BlueprintSupply.Check(Asking(("thinking", 2)), Enumerable.Range(1, 2).Select(i => Mcq(i, "thinking", Level.Both))));

    [Fact]
    public void Too_few_items_is_a_plain_shortage_without_a_track_to_blame()
    {
        var shortfall = Assert.Single(BlueprintSupply.Check(Asking(("thinking", 3)), [Mcq(1, "thinking", Level.Both)]));
        Assert.Equal(("thinking", 3, 1, 1, (ExamTrack?)null), (shortfall.DomainId, shortfall.Required, shortfall.Approved, shortfall.SuitEveryTrack, shortfall.ShutOut));
        Assert.Equal("the default Part One asks for 3 Thinking items, but the bank has 1 approved that suit every track (2 short): " +
            "no form can be assembled to it until more are written and approved", shortfall.Describe(TestBlueprints.Shipped));
    }

    [Fact]
    public void Enough_items_that_a_level_three_track_may_not_sit_is_the_level_rule_naming_that_track()
    {
        var shortfall = Assert.Single(BlueprintSupply.Check(Asking(("leading-people", 2)),
            Enumerable.Range(1, 3).Select(i => Mcq(i, "leading-people", Level.IV))));
        Assert.Equal((3, 0, "IMHS"), (shortfall.Approved, shortfall.SuitEveryTrack, shortfall.ShutOut!.Id));
    }
}
