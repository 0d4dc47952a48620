using System.Net;
using Exam.Core.ItemBank;
using Exam.Web.Committee;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Committee;

/// <summary>The committee views and changes the bank blueprint (domains, tracks, default Part One) without a release.</summary>
public sealed class BlueprintTests(ItemBankAppFactory factory) : IClassFixture<ItemBankAppFactory>
{
    private static string Shipped => File.ReadAllText(Path.Combine(CommitteeBank.RepositoryItemBank, "blueprint.yaml"));

    private async Task<int> VersionAsync() =>
        (await factory.Services.GetRequiredService<BankBlueprintEditor>().LoadAsync()).Version;

    private static List<KeyValuePair<string, string>> Fields(string document, int baseVersion) =>
        [new("Document", document), new("BaseVersion", baseVersion.ToString())];

    [Fact]
    public async Task The_page_shows_the_domains_tracks_and_default_part_one_and_only_the_committee_sees_it()
    {
        var committee = await factory.SessionAsync("committee");
        var (response, html) = await committee.GetAsync("/Committee/Blueprint");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<td class=\"mono\">leading-people</td><td>Leading People</td><td>Level IV</td><td>0</td>", html);
        Assert.Contains("<td class=\"mono\">IMHM-C</td>", html);
        Assert.Contains("Total (90 minutes, pass at 80%)</th><td>60</td>", html);
        Assert.Contains("theoretical-foundations: 21", html); // the editable text

        var proctor = await factory.SessionAsync("proctor");
        var (denied, _) = await proctor.GetAsync("/Committee/Blueprint");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }

    [Fact]
    public async Task A_change_is_a_new_audited_version_that_forms_and_items_use_at_once()
    {
        var committee = await factory.SessionAsync("committee");
        var version = await VersionAsync();
        var current = (await factory.Services.GetRequiredService<BankBlueprintEditor>().LoadAsync()).Text;
        var changed = current.Replace("    name: Thinking\n", "    name: Thinking and Judgement\n", StringComparison.Ordinal);
        Assert.NotEqual(current, changed);
        var (saved, _) = await committee.PostFormAsync("/Committee/Blueprint", Fields(changed, version));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(version + 1, await VersionAsync());
        var page = await committee.FollowAsync(saved);
        Assert.Contains($"Blueprint saved as version {version + 1}", page);
        Assert.Contains("<td>Thinking and Judgement</td>", page);
        var (_, create) = await committee.GetAsync("/Committee/Forms/Create");
        Assert.Contains(">Thinking and Judgement</label>", create);
        Assert.Contains(await factory.ActionsAsync(ItemBankAuditActions.BlueprintChanged), a => a.Actor == "committee");
    }

    [Fact]
    public async Task An_edit_that_removes_an_id_or_does_not_parse_or_is_stale_saves_nothing()
    {
        var committee = await factory.SessionAsync("committee");
        var version = await VersionAsync();
        var current = (await factory.Services.GetRequiredService<BankBlueprintEditor>().LoadAsync()).Text;

        var noPolicy = current[..current.IndexOf("  - id: IMHM-P", StringComparison.Ordinal)] +
                       current[current.IndexOf("  - id: IMHM-R/F", StringComparison.Ordinal)..];
        var (_, removed) = await committee.PostFormAsync("/Committee/Blueprint", Fields(noPolicy, version));
        Assert.Contains("The edit removes track &#x27;IMHM-P&#x27;", removed);

        var (_, broken) = await committee.PostFormAsync("/Committee/Blueprint", Fields(current.Replace("    level: III\n", "    level: V\n"), version));
        Assert.Contains("unknown level &#x27;V&#x27;", broken);
        Assert.Matches("Line [0-9]+: ", broken);

        var (_, stale) = await committee.PostFormAsync("/Committee/Blueprint", Fields(current + "# a comment\n", version - 1));
        Assert.Contains("Someone saved the blueprint while you were editing", stale);

        Assert.Equal(version, await VersionAsync());
    }

    [Fact]
    public async Task An_edit_is_rechecked_against_the_supply_of_approved_items()
    {
        var committee = await factory.SessionAsync("committee");
        var version = await VersionAsync();
        var current = (await factory.Services.GetRequiredService<BankBlueprintEditor>().LoadAsync()).Text;

        // The level rule: enough Leading People items, but all Level IV, and Part One is shared with IMHS. Refused, as lint refuses it.
        var (refused, html) = await committee.PostFormAsync("/Committee/Blueprint",
            Fields(current.Replace("    reflection: 6\n", "    reflection: 6\n    leading-people: 3\n", StringComparison.Ordinal), version));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The default Part One asks for 3 Leading People items, but only 0 of the 4 approved suit every track: Part One is shared, " +
            "and IMHS (Level III) is not examined on the others", System.Net.WebUtility.HtmlDecode(html));
        Assert.Equal(version, await VersionAsync());

        // Too few approved items: saved (a bank grows toward its blueprint), with a message naming the shortfall.
        var (saved, _) = await committee.PostFormAsync("/Committee/Blueprint",
            Fields(current.Replace("    thinking: 4\n", "    thinking: 400\n", StringComparison.Ordinal), version));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = System.Net.WebUtility.HtmlDecode(await committee.FollowAsync(saved));
        var status = System.Text.RegularExpressions.Regex.Match(page, "role=\"status\">([^<]*)<").Groups[1].Value;
        // The domain's name as the blueprint has it now (another test of the class may have renamed it).
        Assert.Matches("The bank cannot fill it yet: the default Part One asks for 400 Thinking[a-zA-Z ]* items, but the bank has [0-9]+ approved that suit every track \\([0-9]+ short\\)", status);

        // Put the shipped numbers back for the other tests of the class.
        var (restored, _) = await committee.PostFormAsync("/Committee/Blueprint", Fields(current, version + 1));
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
    }

    [Fact]
    public async Task The_import_stored_the_shipped_file_as_it_is()
    {
        var loaded = await factory.Services.GetRequiredService<BankBlueprintEditor>().LoadAsync();
        Assert.True(loaded.Version >= 1);
        Assert.Equal(Shipped.Replace("\r\n", "\n", StringComparison.Ordinal), (await FirstVersionAsync()).Document);
    }

    private async Task<Exam.Data.ItemBank.StoredBankBlueprint> FirstVersionAsync()
    {
        await using var s = await factory.Db.OpenAsync();
        return (await s.QuerySingleOrDefaultAsync<Exam.Data.ItemBank.StoredBankBlueprint>(
            Exam.Data.Database.SqlStatement.Portable("SELECT version, document, created_by AS CreatedBy, created_at AS CreatedAt FROM bank_blueprints WHERE version = 1;")))!;
    }
}
