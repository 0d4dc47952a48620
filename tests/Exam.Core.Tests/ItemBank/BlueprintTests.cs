using Exam.Core.ItemBank;

namespace Exam.Core.Tests.ItemBank;

public sealed class BlueprintTests
{
    [Fact]
    public void The_default_blueprint_has_sixty_items_over_all_eleven_domains()
    {
        Assert.Equal(60, ItemBlueprint.Default.Total);
        Assert.Equal(11, ItemBlueprint.Default.Counts.Count);
        Assert.Equal(20, ItemBlueprint.Default.CountFor("theoretical-foundations"));
        Assert.Equal(14, ItemBlueprint.Default.CountFor("direct-service-skills"));
        Assert.Equal("theoretical-foundations", ItemBlueprint.Default.Counts[0].Key);
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
            ["communicating has 0 of 1 (1 short)", "thinking has 2 of 1 (1 too many)", "reflection has 1 of 2 (1 short)", "administration has 1 of 0 (1 too many)"],
            deviations.Select(d => d.ToString()));
    }
}
