using Exam.Core.ItemBank;
using Exam.ItemBank.Files;
using Exam.ItemBank.Services;
using Exam.ItemBank.Tests.Fixtures;

namespace Exam.ItemBank.Tests.Files;

/// <summary>The cue report of a bank folder, and lint's warning about an item with a strong cue.</summary>
public sealed class CueTests : IDisposable
{
    private readonly TempBank _bank = new();

    public void Dispose() => _bank.Dispose();

    /// <summary>
    /// TestData/cues: six approved MCQs (each exercising a definition: ties, absolutes, compounds, hedges, stem words)
    /// and a retired one. The figures are what the committee's script, tools/cues.py, printed for that folder.
    /// </summary>
    [Fact]
    public void The_bank_report_matches_the_committees_cue_script_on_the_fixture_bank()
    {
        var report = BankCues.Bank(ItemBankReader.Read(Path.Combine(AppContext.BaseDirectory, "TestData", "cues")));

        Assert.Equal(6, report.Count); // the retired cue-007 is left out
        Assert.Equal(0.5, report.KeyLongest, 9);
        Assert.Equal(2.0 / 6, report.KeyShortest, 9);
        Assert.Equal((1.0 / 6, 3.0 / 18), (report.Compound.InKeys, report.Compound.InDistractors));
        Assert.Equal((0.0, 3.0 / 18), (report.Absolute.InKeys, report.Absolute.InDistractors));
        Assert.Equal((2.0 / 6, 1.0 / 18), (report.Hedged.InKeys, report.Hedged.InDistractors));
        var script = new Dictionary<string, double>
        {
            ["longest"] = 0.5,
            ["avoid-shortest"] = 0.2222222222222222,
            ["shortest"] = 0.2222222222222222,
            ["avoid-longest"] = 0.16666666666666666,
            ["has-and"] = 0.25,
            ["avoid-absolutes"] = 0.3055555555555555,
            ["hedged"] = 0.4166666666666667,
            ["stem-words"] = 0.5833333333333334,
            ["avoid-stem-words"] = 0.25,
            ["combined"] = 0.5,
            ["testwise"] = 0.2222222222222222,
            ["avoid-testwise"] = 0.2222222222222222,
        };
        Assert.Equal(script.Keys.Order(), report.Strategies.Select(s => s.Strategy.Name).Order());
        foreach (var (strategy, expected) in report.Strategies)
            Assert.True(Math.Abs(script[strategy.Name] - expected) < 1e-9, $"{strategy.Name}: script {script[strategy.Name]}, report {expected}");
        Assert.Equal("stem-words", report.Worst.Strategy.Name);
    }

    [Fact]
    public void A_forms_report_covers_the_mcqs_it_pins_and_names_pins_it_cannot_find()
    {
        var files = _bank.ReadBank();
        var form = TempBank.Form() with { PartOne = TempBank.Form().PartOne with { Items = [.. TempBank.Form().PartOne.Items, new ItemPin("tf-404", "0123456789ab")] } };

        var cues = BankCues.Form(files, form, stored: null);

        Assert.Equal(TempBank.Form().PartOne.Items.Count, cues.Report.Count);
        Assert.Equal([new ItemPin("tf-404", "0123456789ab")], cues.Unresolved);
    }

    [Fact]
    public void Lint_warns_of_a_key_much_longer_than_its_distractors_at_the_keys_line_and_says_what_to_change()
    {
        _bank.Edit("items/ref-002.md", "Explore with her the feelings the crying brings up",
            "Explore with her, over several unhurried visits, the feelings that the crying brings up for her as a parent");

        var problem = Assert.Single(_bank.Lint());

        Assert.True(problem.Warning);
        Assert.Equal(_bank.PathOf("items/ref-002.md"), problem.File);
        // The key's "text:" line; the writer folds the text onto the line after it.
        Assert.Equal(_bank.LineOf("items/ref-002.md", "Explore with her, over several") - 1, problem.Line);
        Assert.StartsWith("strong cue: the key (B) is ", problem.Message);
        Assert.EndsWith("longer than any other option: shorten it or lengthen the distractors so the lengths are alike", problem.Message);
    }

    [Fact]
    public void A_retired_item_is_not_linted_for_cues()
    {
        _bank.Edit("items/ref-002.md", "Explore with her the feelings the crying brings up",
            "Explore with her, over several unhurried visits, the feelings that the crying brings up for her as a parent");
        _bank.Edit("items/ref-002.md", "status: in-review", "status: retired");

        Assert.DoesNotContain(_bank.Lint(), p => p.Message.StartsWith("strong cue", StringComparison.Ordinal));
    }
}
