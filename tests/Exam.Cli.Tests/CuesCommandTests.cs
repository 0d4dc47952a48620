using System.Text.Json;

namespace Exam.Cli.Tests;

public sealed class CuesCommandTests : IDisposable
{
    private readonly CliBank _bank = new();

    public void Dispose() => _bank.Dispose();

    [Fact]
    public async Task Cues_prints_the_banks_strategies_next_to_chance_and_a_line_per_form()
    {
        await _bank.RunAsync("itembank", "assemble-form", "bank", "--id", "form-2027-a", "--title", "Spring 2027", "--seed", "11");

        var (exit, output, error) = await _bank.RunAsync("itembank", "cues", "bank");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var lines = output.Split('\n');
        // The fixture's options are First, Second, Third, Fourth: B and D are the longest, A and C the shortest.
        Assert.Equal("cue report: bank (item files; retired items left out): 77 MCQs", lines[0]);
        Assert.Contains("  expected score by strategy (chance 25.0%; target at most 30.0%):", lines);
        Assert.Contains(lines, l => l.StartsWith("    testwise ", StringComparison.Ordinal));
        Assert.Contains("  items with a strong cue: 0 of 77", lines);
        Assert.Contains(lines, l => l.StartsWith("  form-2027-a (draft, 60 MCQs): worst ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cues_for_one_form_as_json_gives_fractions_per_strategy_and_per_item()
    {
        await _bank.RunAsync("itembank", "assemble-form", "bank", "--id", "form-2027-a", "--title", "Spring 2027", "--seed", "11");

        var (exit, output, _) = await _bank.RunAsync("itembank", "cues", "bank", "--form", "form-2027-a", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.TryGetProperty("bank", out _));
        var form = json.RootElement.GetProperty("forms").EnumerateArray().Single();
        Assert.Equal("form-2027-a", form.GetProperty("id").GetString());
        var report = form.GetProperty("report");
        Assert.Equal(60, report.GetProperty("mcqs").GetInt32());
        Assert.Equal(0.25, report.GetProperty("chance").GetDouble());
        var strategies = report.GetProperty("strategies");
        Assert.Equal(12, strategies.EnumerateObject().Count());
        Assert.InRange(strategies.GetProperty("longest").GetDouble(), 0, 1);
        Assert.Equal(60, report.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Cues_for_a_form_the_bank_does_not_have_fails_with_a_message()
    {
        var (exit, _, error) = await _bank.RunAsync("itembank", "cues", "bank", "--form", "no-such-form");

        Assert.Equal(1, exit);
        Assert.Contains("no readable form 'no-such-form'", error);
    }

    [Fact]
    public async Task A_strong_cue_is_a_lint_warning_with_file_and_line_and_strict_fails_on_it()
    {
        // Only the key of tfx-001 (A) has a compound action; its length stays within the others'.
        _bank.Edit("bank/items/tfx-001.md", "First", "A and B");

        var lint = await _bank.RunAsync("itembank", "lint", "bank");
        var strict = await _bank.RunAsync("itembank", "lint", "bank", "--strict");

        Assert.Equal(0, lint.Exit);
        Assert.Contains("bank/items/tfx-001.md:", lint.Out);
        Assert.Contains(": warning: strong cue: only the key (A) has ' and ' (a compound action)", lint.Out);
        Assert.Contains("no problems; 1 warning (--strict fails on them)", lint.Out);
        Assert.Equal(1, strict.Exit);
    }

    [Fact]
    public async Task Cues_help_prints_its_usage_and_exits_0()
    {
        var (exit, output, _) = await _bank.RunAsync("itembank", "cues", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("exam itembank cues <dir> [--form <form-id>] [--json] [--sqlite <file>]", output);
    }
}
