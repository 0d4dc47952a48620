using Exam.Core.ItemBank;
using Exam.ItemBank.Files;
using Exam.ItemBank.Tests.Fixtures;

namespace Exam.ItemBank.Tests.Files;

/// <summary>blueprint.yaml: the domains, tracks and default Part One the rest of the bank is checked against, and the level rule.</summary>
public sealed class BlueprintFileTests : IDisposable
{
    private readonly TempBank _bank = new();

    public void Dispose() => _bank.Dispose();

    private LintProblem OnlyProblem(string file)
    {
        var problem = Assert.Single(_bank.Lint());
        Assert.Equal(_bank.PathOf(file), problem.File);
        return problem;
    }

    /// <summary>Makes dss-001 a Level IV item (a new version) and repins the form to it.</summary>
    private FormDefinition LevelFourDss(FormStatus status = FormStatus.Draft, bool withImhs = true)
    {
        var doc = TempBank.Items().Single(d => d.Content.Id == "dss-001");
        var levelFour = doc.Content with { Level = Level.IV };
        _bank.WriteItem(doc with { Content = levelFour });
        var form = TempBank.Form();
        form = form with
        {
            Status = status,
            PartOne = form.PartOne with { Items = form.PartOne.Items.Select(p => p.Id == "dss-001" ? levelFour.Pin : p).ToList() },
            PartTwo = form.PartTwo with { Tracks = form.PartTwo.Tracks.Where(t => withImhs || t.Track != "IMHS").ToList() },
        };
        _bank.WriteForm(form);
        return form;
    }

    [Fact]
    public void The_shipped_blueprint_names_eleven_domains_four_tracks_and_a_sixty_item_part_one_over_the_shared_domains()
    {
        var (bank, problems) = BankBlueprintParser.ParseText(File.ReadAllText(TempBank.ShippedBlueprintPath));
        Assert.Empty(problems);
        Assert.NotNull(bank);
        Assert.Equal(11, bank.Domains.Count);
        Assert.Equal(["IMHS", "IMHM-C", "IMHM-P", "IMHM-R/F"], bank.Tracks.Select(t => t.Id));
        Assert.Equal(60, bank.PartOne.Blueprint.Total);
        Assert.DoesNotContain(bank.PartOne.Blueprint.Counts, c => bank.Domain(c.Key)!.LevelFourOnly);
        var clinical = bank.Track("IMHM-C")!;
        Assert.Equal(Level.IV, clinical.Level);
        Assert.Equal([new(EssaySet.Clinical, 1), new(EssaySet.Supervisory, 1)], clinical.Require);
    }

    [Fact]
    public void A_bank_without_blueprint_yaml_is_reported()
    {
        _bank.Delete("blueprint.yaml");
        var p = OnlyProblem("blueprint.yaml");
        Assert.Contains("no blueprint.yaml", p.Message);
    }

    [Fact]
    public void An_unknown_level_in_the_blueprint_is_reported_on_its_line()
    {
        _bank.Edit("blueprint.yaml", "    level: III\n", "    level: V\n");
        var p = OnlyProblem("blueprint.yaml");
        Assert.Equal(_bank.LineOf("blueprint.yaml", "level: V"), p.Line);
        Assert.Contains("unknown level 'V'", p.Message);
    }

    [Fact]
    public void A_track_that_requires_an_essay_set_it_does_not_answer_is_reported()
    {
        _bank.Edit("blueprint.yaml", "      Supervisory: 1\n      Clinical: 1\n", "      Policy: 1\n      Clinical: 1\n");
        var p = OnlyProblem("blueprint.yaml");
        Assert.Contains("IMHM-C requires Policy essays", p.Message);
    }

    [Fact]
    public void An_item_domain_the_blueprint_does_not_list_is_reported_on_its_line()
    {
        _bank.Edit("blueprint.yaml", "  - id: reflection\n    name: Reflection\n    levels: [III, IV]\n", "");
        _bank.Edit("blueprint.yaml", "    reflection: 6\n", "");
        var problems = _bank.Lint();
        var onItem = Assert.Single(problems, p => p.File == _bank.PathOf("items/ref-001.md"));
        Assert.Equal(_bank.LineOf("items/ref-001.md", "domains:"), onItem.Line);
        Assert.StartsWith("unknown domain 'reflection'; blueprint.yaml lists:", onItem.Message);
    }

    [Fact]
    public void A_level_four_item_in_part_one_of_a_draft_form_that_IMHS_sits_is_a_problem_on_its_line()
    {
        LevelFourDss();
        var p = OnlyProblem("forms/form-test.yaml");
        Assert.Equal(_bank.LineOf("forms/form-test.yaml", "- dss-001@"), p.Line);
        Assert.False(p.Warning);
        Assert.Contains("dss-001 is written for level IV", p.Message);
        Assert.Contains("but IMHS (level III) sits this form", p.Message);
    }

    [Fact]
    public void The_same_misfit_on_a_published_form_is_a_warning_and_on_a_retired_form_nothing()
    {
        LevelFourDss(FormStatus.Published);
        var p = OnlyProblem("forms/form-test.yaml");
        Assert.True(p.Warning);
        Assert.StartsWith($"{_bank.PathOf("forms/form-test.yaml")}:{p.Line}: warning: dss-001", p.ToString());
        _bank.Edit("forms/form-test.yaml", "status: published", "status: retired");
        Assert.Empty(_bank.Lint());
    }

    [Fact]
    public void A_level_four_item_suits_a_form_that_only_level_four_tracks_sit()
    {
        LevelFourDss(withImhs: false);
        Assert.Empty(_bank.Lint());
    }

    [Fact]
    public void A_default_part_one_that_only_level_four_items_can_fill_is_reported_on_the_blueprint_line()
    {
        _bank.Edit("blueprint.yaml", "    reflection: 6\n", "    reflection: 6\n    leading-people: 1\n");
        foreach (var id in new[] { "lead-001", "lead-002" })
            _bank.WriteItem(new ItemDocument(TempBank.Mcq(id, "leading-people") with { Level = Level.IV }, ItemStatus.Approved, ["committee-chair"]));
        var p = OnlyProblem("blueprint.yaml");
        Assert.Equal(_bank.LineOf("blueprint.yaml", "leading-people: 1"), p.Line);
        Assert.Contains("asks for 1 Leading People items, but only 0 of the 2 approved suit every track", p.Message);
        Assert.Contains("IMHS (Level III)", p.Message);
    }

    [Fact]
    public void An_unknown_track_on_a_form_is_reported_on_its_line()
    {
        _bank.Edit("forms/form-test.yaml", "    IMHS:\n", "    IMHX:\n");
        var p = OnlyProblem("forms/form-test.yaml");
        Assert.Equal(_bank.LineOf("forms/form-test.yaml", "IMHX:"), p.Line);
        Assert.StartsWith("unknown track 'IMHX'", p.Message);
    }
}
