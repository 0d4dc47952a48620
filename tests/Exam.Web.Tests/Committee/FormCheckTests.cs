using Exam.Core.ItemBank;
using Exam.Data.ItemBank;
using Exam.ItemBank.Files;
using Exam.Web.Committee;
using Exam.Web.Tests.Fixtures;

namespace Exam.Web.Tests.Committee;

/// <summary>The form check's level rule: Part One is shared by every track that sits the form.</summary>
public sealed class FormCheckTests
{
    private static readonly Exam.Core.Blueprint.BankBlueprint Bank = BankBlueprintParser
        .ParseText(File.ReadAllText(Path.Combine(CommitteeBank.RepositoryItemBank, "blueprint.yaml"))).Blueprint!;

    private static StoredItemVersion Stored(ItemContent c) => new()
    {
        ItemId = c.Id, VersionNo = 1, ContentHash = c.Version, ContentJson = c.ToCanonicalJson(), Status = "approved", Author = c.Author,
    };

    private static IReadOnlyList<string> Check(Level level, params string[] tracks)
    {
        var item = CommitteeBank.Mcq("lead-901", "leading-people") with { Level = level };
        var form = new FormDefinition
        {
            Id = "f",
            PartOne = new PartOneDefinition { Blueprint = new ItemBlueprint([new("leading-people", 1)]), Items = [item.Pin] },
            PartTwo = new PartTwoDefinition { Tracks = tracks.Select(t => new TrackEssays { Track = t, Choose = 0 }).ToList() },
        };
        return FormCheck.Problems(form, new Dictionary<ItemPin, StoredItemVersion> { [item.Pin] = Stored(item) }, new Dictionary<ItemPin, StoredRubricVersion>(), Bank, EnemyPairs.Empty)
            .Where(p => p.StartsWith("Part One", StringComparison.Ordinal)).ToList();
    }

    [Fact]
    public void A_level_four_item_on_a_form_IMHS_sits_is_a_problem_naming_the_position_and_the_track()
    {
        var problem = Assert.Single(Check(Level.IV, "IMHS", "IMHM-C"));
        Assert.StartsWith("Part One position 1: lead-901 is written for level IV, designation A, but IMHS (level III) sits this form.", problem);
    }

    [Fact]
    public void A_level_four_item_on_a_form_only_mentors_sit_is_no_problem()
    {
        Assert.Empty(Check(Level.IV, "IMHM-C", "IMHM-P"));
        Assert.Empty(Check(Level.Both, "IMHS"));
    }
}
