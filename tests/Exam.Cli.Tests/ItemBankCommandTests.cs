using System.Text.Json;
using Exam.ItemBank.Files;

namespace Exam.Cli.Tests;

public sealed class ItemBankCommandTests : IDisposable
{
    private readonly CliBank _bank = new();

    public void Dispose() => _bank.Dispose();

    [Fact]
    public async Task Lint_of_a_clean_bank_prints_a_summary_and_exits_0()
    {
        var (exit, output, _) = await _bank.RunAsync("itembank", "lint", "bank");
        Assert.Equal(0, exit);
        Assert.Equal("lint: 85 items, 5 rubrics, 0 forms: no problems\n", output);
    }

    [Fact]
    public async Task Lint_prints_each_problem_as_file_line_message_and_exits_1()
    {
        _bank.Edit("bank/items/tfx-001.md", "key: A", "key: Z");
        _bank.Edit("bank/items/es-pol-01.md", "essaySet: Policy\n", "");
        var (exit, output, _) = await _bank.RunAsync("itembank", "lint", "bank");
        Assert.Equal(1, exit);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("bank/items/es-pol-01.md:2: an essay needs an essaySet", lines[0]);
        Assert.Equal("bank/items/tfx-001.md:12: key 'Z' is not among the options A, B, C, D", lines[1]);
        Assert.Equal("lint: 2 problems in 2 files (85 items, 5 rubrics, 0 forms)", lines[2]);
    }

    [Fact]
    public async Task Stats_counts_from_the_files_as_one_json_object()
    {
        var (exit, output, _) = await _bank.RunAsync("itembank", "stats", "bank", "--json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(77, root.GetProperty("items").GetProperty("mcq").GetInt32());
        Assert.Equal(8, root.GetProperty("items").GetProperty("essay").GetInt32());
        Assert.Equal(84, root.GetProperty("status").GetProperty("approved").GetInt32());
        Assert.Equal(1, root.GetProperty("status").GetProperty("in-review").GetInt32());
        Assert.Equal(23, root.GetProperty("mcqByDomain").GetProperty("Theoretical Foundations").GetInt32()); // tf-900 is in review
        Assert.Equal(7, root.GetProperty("mcqByDomain").GetProperty("Law, Regulation and Agency Policy").GetInt32());
        Assert.Equal(3, root.GetProperty("essaySets").GetProperty("Clinical").GetInt32());
        Assert.Equal(0, root.GetProperty("forms").GetProperty("published").GetInt32());
        Assert.Equal(0, root.GetProperty("forms").GetProperty("draft").GetInt32());
    }

    [Fact]
    public async Task Assemble_form_writes_a_draft_that_meets_the_default_blueprint_and_lints_clean()
    {
        var (exit, output, error) = await _bank.RunAsync("itembank", "assemble-form", "bank", "--id", "form-2027-a", "--title", "Spring 2027", "--seed", "11");
        Assert.Equal(0, exit);
        Assert.StartsWith("wrote bank/forms/form-2027-a.yaml: Part One 60 items (seed 11)", output);
        Assert.Equal("", error);
        var form = ItemBankReader.Read(_bank.PathOf("bank")).Forms.Single().Form!;
        Assert.Equal(Core.ItemBank.FormStatus.Draft, form.Status);
        Assert.Equal(60, form.PartOne.Items.Count);
        Assert.Equal(["IMHS", "IMHM-C", "IMHM-P", "IMHM-R/F"], form.PartTwo.Tracks.Select(t => t.Track));
        Assert.Equal(4, form.PartTwo.Tracks.Single(t => t.Track == "IMHM-C").Items.Count);
        Assert.DoesNotContain(form.PartOne.Items, p => p.Id == "tf-900");
        Assert.Equal(0, (await _bank.RunAsync("itembank", "lint", "bank")).Exit);
    }

    [Fact]
    public async Task Assemble_form_leaves_level_four_items_out_of_a_part_one_that_level_three_candidates_sit()
    {
        for (var i = 1; i <= 5; i++) _bank.AddMcq($"lead-{i:000}", "leading-people", Core.ItemBank.Level.IV);
        _bank.AddMcq("dsx-901", "direct-service-skills", Core.ItemBank.Level.IV);
        _bank.Edit("bank/blueprint.yaml", "    reflection: 6\n", "    reflection: 6\n    leading-people: 1\n");
        var refused = await _bank.RunAsync("itembank", "assemble-form", "bank", "--id", "form-a", "--title", "A", "--seed", "5");
        Assert.Equal(1, refused.Exit);
        Assert.Contains("bank/blueprint.yaml:", refused.Out);
        Assert.Contains("asks for 1 Leading People items, but only 0 of the 5 approved suit every track", refused.Out);

        _bank.Edit("bank/blueprint.yaml", "    leading-people: 1\n", "");
        for (var seed = 1; seed <= 5; seed++)
        {
            var (exit, _, _) = await _bank.RunAsync("itembank", "assemble-form", "bank", "--id", "form-a", "--title", "A", "--seed", $"{seed}", "--force");
            Assert.Equal(0, exit);
            var form = _bank.Read("bank/forms/form-a.yaml");
            Assert.DoesNotContain("lead-", form);
            Assert.DoesNotContain("dsx-901", form);
        }
        Assert.Equal(0, (await _bank.RunAsync("itembank", "publish-form", "bank", "form-a")).Exit);

        // The same form with a Level IV item pinned: published, it is a warning that only --strict fails on.
        var text = _bank.Read("bank/forms/form-a.yaml");
        var dsx = ItemBankReader.Read(_bank.PathOf("bank")).Items.Single(i => i.Id == "dsx-901").Document!.Content.Pin;
        var firstDss = System.Text.RegularExpressions.Regex.Match(text, "dssx-[0-9]{3}@[0-9a-f]{12}").Value;
        File.WriteAllText(_bank.PathOf("bank/forms/form-a.yaml"), text.Replace(firstDss, dsx.ToString(), StringComparison.Ordinal));
        var lint = await _bank.RunAsync("itembank", "lint", "bank");
        Assert.Equal(0, lint.Exit);
        Assert.Matches("bank/forms/form-a.yaml:[0-9]+: warning: dsx-901 is written for level IV", lint.Out);
        Assert.Contains("no problems; 1 warning (--strict fails on them)", lint.Out);
        Assert.Equal(1, (await _bank.RunAsync("itembank", "lint", "bank", "--strict")).Exit);
    }

    [Fact]
    public async Task Help_prints_usage_and_exits_0_for_the_command_and_each_subcommand()
    {
        var all = await _bank.RunAsync("itembank", "--help");
        Assert.Equal(0, all.Exit);
        Assert.Contains("exam itembank lint <dir>", all.Out);
        Assert.Contains("exam itembank assemble-form <dir>", all.Out);
        Assert.DoesNotContain("exam bench", all.Out);
        var one = await _bank.RunAsync("itembank", "import", "-h");
        Assert.Equal(0, one.Exit);
        Assert.Equal("usage:\n  exam itembank import <dir> --actor <staff-account> [--reviewers <n>] [--sqlite <file>]\n", one.Out);
        foreach (var sub in new[] { "lint", "export", "stats", "assemble-form", "publish-form" })
        {
            var (exit, output, _) = await _bank.RunAsync("itembank", sub, "--help");
            Assert.Equal(0, exit);
            Assert.Contains($"exam itembank {sub} ", output);
        }
        Assert.Equal(0, (await _bank.RunAsync("-h")).Exit);
        Assert.Equal(2, (await _bank.RunAsync("itembank", "nonsense", "--help")).Exit);
    }

    [Fact]
    public async Task Assemble_form_is_reproducible_from_its_seed()
    {
        await _bank.RunAsync("itembank", "assemble-form", "bank", "--id", "form-a", "--title", "A", "--seed", "5");
        await _bank.RunAsync("itembank", "assemble-form", "bank", "--id", "form-b", "--title", "A", "--seed", "5");
        await _bank.RunAsync("itembank", "assemble-form", "bank", "--id", "form-c", "--title", "A", "--seed", "6");
        string Items(string id) => _bank.Read($"bank/forms/{id}.yaml")[_bank.Read($"bank/forms/{id}.yaml").IndexOf("  items:", StringComparison.Ordinal)..];
        Assert.Equal(Items("form-a"), Items("form-b"));
        Assert.NotEqual(Items("form-a"), Items("form-c"));
    }

    [Fact]
    public async Task Assemble_form_refuses_to_overwrite_without_force()
    {
        await _bank.RunAsync("itembank", "assemble-form", "bank", "--id", "form-a", "--title", "A", "--seed", "5");
        var (exit, _, error) = await _bank.RunAsync("itembank", "assemble-form", "bank", "--id", "form-a", "--title", "A", "--seed", "6");
        Assert.Equal(1, exit);
        Assert.Contains("pass --force", error);
        Assert.Equal(0, (await _bank.RunAsync("itembank", "assemble-form", "bank", "--id", "form-a", "--title", "A", "--seed", "6", "--force")).Exit);
    }

    [Fact]
    public async Task Publish_form_validates_and_sets_the_status_in_the_file()
    {
        await _bank.RunAsync("itembank", "assemble-form", "bank", "--id", "form-a", "--title", "A", "--seed", "5");
        var (exit, output, _) = await _bank.RunAsync("itembank", "publish-form", "bank", "form-a");
        Assert.Equal(0, exit);
        Assert.StartsWith("published form form-a", output);
        Assert.Contains("\nstatus: published\n", _bank.Read("bank/forms/form-a.yaml"));
        Assert.Equal(1, (await _bank.RunAsync("itembank", "publish-form", "bank", "form-a")).Exit);
    }

    [Fact]
    public async Task Publish_form_refuses_a_form_that_misses_its_blueprint()
    {
        await _bank.RunAsync("itembank", "assemble-form", "bank", "--id", "form-a", "--title", "A", "--seed", "5");
        _bank.Edit("bank/forms/form-a.yaml", "    reflection: 6", "    reflection: 7");
        var (exit, output, error) = await _bank.RunAsync("itembank", "publish-form", "bank", "form-a");
        Assert.Equal(1, exit);
        Assert.Contains("bank/forms/form-a.yaml:", output);
        Assert.Contains("misses its blueprint", output);
        Assert.Contains("not published", error);
        Assert.Contains("\nstatus: draft\n", _bank.Read("bank/forms/form-a.yaml"));
    }

    [Fact]
    public async Task Import_then_export_reproduces_the_files_and_a_second_import_changes_nothing()
    {
        await _bank.RunAsync("itembank", "assemble-form", "bank", "--id", "form-a", "--title", "A", "--seed", "5");
        await _bank.RunAsync("itembank", "publish-form", "bank", "form-a");
        await _bank.AddAccountsAsync();
        var (exit, output, _) = await _bank.RunAsync("itembank", "import", "bank", "--actor", "chair");
        Assert.Equal(0, exit);
        Assert.Contains("85 new item versions", output);
        Assert.True(File.Exists(_bank.PathOf("data/exam.db")));

        Assert.Equal(0, (await _bank.RunAsync("itembank", "export", "exported")).Exit);
        Assert.Equal(CliBank.Snapshot(_bank.PathOf("bank")), CliBank.Snapshot(_bank.PathOf("exported")));

        var again = await _bank.RunAsync("itembank", "import", "exported", "--actor", "chair");
        Assert.Equal(0, again.Exit);
        Assert.Contains("0 new item versions, 0 status changes, 0 reviews, 0 new rubric versions, 0 new forms", again.Out);
    }

    [Fact]
    public async Task Import_of_a_bank_with_one_bad_file_imports_nothing_and_exits_1()
    {
        _bank.Edit("bank/items/tfx-001.md", "key: A", "key: Z");
        await _bank.AddAccountsAsync("other/bank.db");
        var (exit, output, _) = await _bank.RunAsync("itembank", "import", "bank", "--sqlite", "other/bank.db", "--actor", "chair");
        Assert.Equal(1, exit);
        Assert.Contains("bank/items/tfx-001.md:12: key 'Z' is not among the options", output);
        Assert.Contains("1 problem; nothing imported", output);
        Assert.Equal(0, (await _bank.RunAsync("itembank", "export", "exported", "--sqlite", "other/bank.db")).Exit);
        Assert.False(Directory.Exists(_bank.PathOf("exported/items")));
    }

    [Fact]
    public async Task Lint_uses_the_database_for_versions_no_longer_in_the_files()
    {
        await _bank.RunAsync("itembank", "assemble-form", "bank", "--id", "form-a", "--title", "A", "--seed", "5");
        var pinned = _bank.Read("bank/forms/form-a.yaml").Split('\n').First(l => l.StartsWith("    - tfx-", StringComparison.Ordinal)).Trim()[2..];
        await _bank.AddAccountsAsync();
        Assert.Equal(0, (await _bank.RunAsync("itembank", "import", "bank", "--actor", "chair")).Exit);
        _bank.Edit($"bank/items/{pinned.Split('@')[0]}.md", "Stem of", "Edited stem of");
        Assert.Equal(0, (await _bank.RunAsync("itembank", "lint", "bank")).Exit); // data/exam.db exists: the old version is stored
        var filesOnly = await _bank.RunAsync("itembank", "lint", "bank", "--sqlite", "empty.db");
        Assert.Equal(1, filesOnly.Exit);
        Assert.Contains($"pins {pinned}, a version that does not exist", filesOnly.Out);
    }

    [Fact]
    public async Task Import_needs_a_real_actor_and_lands_an_approval_nobody_gave_as_a_draft()
    {
        var unknown = await _bank.RunAsync("itembank", "import", "bank", "--actor", "nobody");
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("--actor 'nobody' is not an enabled staff account", unknown.Err);

        await _bank.AddAccountsAsync();
        _bank.Edit("bank/items/tfx-001.md", "reviewers: [committee-chair]", "reviewers: [the-chair-we-wish-we-had]");
        var (exit, output, _) = await _bank.RunAsync("itembank", "import", "bank", "--actor", "chair");
        Assert.Equal(0, exit);
        Assert.Contains("bank/items/tfx-001.md:7: warning: lands as draft, not approved: approval needs 1 reviewer who is a committee account " +
            "other than the author, and none approved it ('the-chair-we-wish-we-had' is not a staff account)", output);
        Assert.Contains("1 version claimed an approval nobody gave and did not land as approved", output);
        Assert.Equal(0, (await _bank.RunAsync("itembank", "export", "exported")).Exit);
        Assert.Contains("status: draft\n", _bank.Read("exported/items/tfx-001.md"));
        Assert.DoesNotContain("reviewers:", _bank.Read("exported/items/tfx-001.md"));
    }

    [Fact]
    public async Task Sql_server_without_a_connection_string_is_a_usage_error()
    {
        var env = new Dictionary<string, string> { ["Database__Provider"] = "SqlServer" };
        var (exit, _, error) = await _bank.RunAsync(env, "itembank", "import", "bank");
        Assert.Equal(2, exit);
        Assert.Contains("ConnectionStrings__Exam is not set", error);
    }

    [Theory]
    [InlineData("itembank", "frobnicate", "bank")]
    [InlineData("itembank", "lint")]
    [InlineData("nothing")]
    [InlineData("itembank", "lint", "bank", "--bogus", "1")]
    [InlineData("itembank", "assemble-form", "bank", "--id", "x", "--title", "t")]
    public async Task Bad_usage_exits_2_with_the_usage(params string[] args)
    {
        var (exit, _, error) = await _bank.RunAsync(args);
        Assert.Equal(2, exit);
        Assert.Contains("usage:", error);
    }

    [Fact]
    public async Task A_missing_folder_exits_1()
    {
        var (exit, _, error) = await _bank.RunAsync("itembank", "lint", "nowhere");
        Assert.Equal(1, exit);
        Assert.Contains("no such folder 'nowhere'", error);
    }
}
