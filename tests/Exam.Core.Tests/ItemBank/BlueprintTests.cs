using Exam.Core.ItemBank;

namespace Exam.Core.Tests.ItemBank;

public sealed class BlueprintTests
{
    [Fact]
    public void A_blueprint_keeps_its_domains_in_the_order_given_and_counts_a_repeated_domain_once()
    {
        var bp = new ItemBlueprint([new("reflection", 2), new("thinking", 1), new("reflection", 3)]);
        Assert.Equal(["reflection", "thinking"], bp.Counts.Select(c => c.Key));
        Assert.Equal(5, bp.CountFor("reflection"));
        Assert.Equal(6, bp.Total);
    }

    [Fact]
    public void Items_that_match_exactly_meet_the_blueprint()
    {
        var bp = new ItemBlueprint(new Dictionary<string, int> { ["reflection"] = 2, ["thinking"] = 1 });
        Assert.Empty(bp.Validate(["reflection", "thinking", "reflection"]));
    }

    [Fact]
    public void Validation_lists_each_shortfall_and_each_excess()
    {
        var bp = new ItemBlueprint(new Dictionary<string, int> { ["reflection"] = 2, ["thinking"] = 1, ["communicating"] = 1 });
        var deviations = bp.Validate(["reflection", "thinking", "thinking", "administration"]);
        Assert.Equal(
            ["reflection has 1 of 2 (1 short)", "thinking has 2 of 1 (1 too many)", "communicating has 0 of 1 (1 short)", "administration has 1 of 0 (1 too many)"],
            deviations.Select(d => d.ToString()));
    }
}
