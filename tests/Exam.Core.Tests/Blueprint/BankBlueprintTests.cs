using Exam.Core.Blueprint;
using Exam.Core.ItemBank;

namespace Exam.Core.Tests.Blueprint;

public sealed class BankBlueprintTests
{
    private static readonly BankBlueprint Bank = TestBlueprints.Shipped;

    [Fact]
    public void Level_three_has_eight_domains_and_level_four_adds_three()
    {
        Assert.Equal(8, Bank.Domains.Count(d => !d.LevelFourOnly));
        Assert.Equal(["leading-people", "administration", "research-evaluation"], Bank.Domains.Where(d => d.LevelFourOnly).Select(d => d.Id));
    }

    [Fact]
    public void Ids_are_known_exactly_and_an_unknown_id_is_shown_as_itself()
    {
        Assert.True(Bank.IsKnownDomain("reflection"));
        Assert.False(Bank.IsKnownDomain("Reflection"));
        Assert.Equal("Law, Regulation and Agency Policy", Bank.DomainName("law-regulation-policy"));
        Assert.Equal("parenting", Bank.DomainName("parenting"));
        Assert.True(Bank.IsKnownTrack("IMHM-R/F"));
        Assert.False(Bank.IsKnownTrack("IMHM"));
    }

    [Fact]
    public void A_blueprint_is_put_in_the_banks_domain_order_with_unknown_domains_last()
    {
        var ordered = Bank.Ordered([new("reflection", 2), new("zeta", 1), new("theoretical-foundations", 3)]);
        Assert.Equal(["theoretical-foundations", "reflection", "zeta"], ordered.Counts.Select(c => c.Key));
    }

    [Fact]
    public void Tracks_suit_items_by_level_and_designation()
    {
        Assert.True(BankBlueprint.Suits(TestBlueprints.Imhs, Level.Both, Designation.C));
        Assert.False(BankBlueprint.Suits(TestBlueprints.Imhs, Level.IV, Designation.A));
        Assert.True(BankBlueprint.Suits(TestBlueprints.ImhmClinical, Level.IV, Designation.C));
        Assert.False(BankBlueprint.Suits(TestBlueprints.ImhmPolicy, Level.IV, Designation.RF));
        Assert.True(BankBlueprint.Suits(TestBlueprints.ImhmPolicy, Level.IV, Designation.A));
        Assert.False(BankBlueprint.Suits(TestBlueprints.ImhmPolicy, Level.III, Designation.A));
    }

    [Fact]
    public void The_shipped_default_part_one_draws_only_on_domains_every_level_shares()
    {
        Assert.Equal(60, Bank.PartOne.Blueprint.Total);
        Assert.All(Bank.PartOne.Blueprint.Counts, c => Assert.False(Bank.Domain(c.Key)!.LevelFourOnly, c.Key));
    }
}
