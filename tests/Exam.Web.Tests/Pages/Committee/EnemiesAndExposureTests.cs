using System.Net;
using Exam.Core.ItemBank;
using Exam.Data.ItemBank;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Committee;

/// <summary>Enemy items in the editor and on forms, cue warnings on save, and the overlap of a form with earlier ones.</summary>
public sealed class EnemiesAndExposureTests(ItemBankAppFactory factory) : IClassFixture<ItemBankAppFactory>
{
    private Task<(HttpResponseMessage Response, string Body)> EditAsync(Browserless browser, StoredItemVersion version, Action<Dictionary<string, string>> change) =>
        browser.PostFormAsync($"/Committee/Items/Edit/{version.ItemId}", CommitteeBank.EditFields(version, change), $"/Committee/Items/Edit/{version.ItemId}");

    private async Task DeclareAsync(string a, string b)
    {
        var store = factory.Services.GetRequiredService<ItemBankStore>();
        var enemies = new ItemEnemyStore(TimeProvider.System);
        await using var s = await factory.Db.BeginAsync();
        await store.LockBankAsync(s);
        await enemies.SetAsync(s, a, [.. (await enemies.AllAsync(s)).Of(a), b]);
        await s.CommitAsync();
    }

    private async Task<EnemyPairs> EnemiesAsync()
    {
        await using var s = await factory.Db.OpenAsync();
        return await new ItemEnemyStore(TimeProvider.System).AllAsync(s);
    }

    /// <summary>A draft form whose Part One is exactly <paramref name="items"/> (all reflection), written straight to the store.</summary>
    private async Task<string> DraftFormAsync(params StoredItemVersion[] items)
    {
        var id = "f-" + CommitteeBank.Tag();
        var committee = await factory.SessionAsync("committee");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Settings.Id", id), new("Settings.Title", "Form " + id), new("Settings.PartOneMinutes", "90"), new("Settings.PartOneCutPercent", "80"),
            new("Settings.PartTwoMinutes", "90"), new("Settings.PartTwoCutPercent", "80"), new("Settings.Tolerance", "2"), new("Settings.RetakeWaitDays", "365"),
            new("Settings.Blueprint[reflection]", items.Length.ToString()),
        };
        var (created, body) = await committee.PostFormAsync("/Committee/Forms/Create", fields);
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, body);
        var store = factory.Services.GetRequiredService<ItemBankStore>();
        await using var s = await factory.Db.BeginAsync();
        var form = (await store.GetFormAsync(s, id))!.Definition;
        var changed = form with { PartOne = form.PartOne with { Items = items.Select(v => v.Pin).ToList() } };
        await store.UpdateFormDefinitionAsync(s, changed);
        await store.PinFormAsync(s, changed);
        await s.CommitAsync();
        return id;
    }

    [Fact]
    public async Task Enemies_saved_in_the_editor_are_mutual_audited_and_make_no_new_version()
    {
        var a = await factory.McqAsync();
        var b = await factory.McqAsync();
        var committee = await factory.SessionAsync("committee");
        var (response, _) = await EditAsync(committee, a, f => f["Input.Enemies"] = b.ItemId);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Enemies saved; the content is unchanged, so no new version.", await committee.FollowAsync(response));
        Assert.Single(await factory.VersionsAsync(a.ItemId));
        Assert.True((await EnemiesAsync()).AreEnemies(b.ItemId, a.ItemId));
        var (_, other) = await committee.GetAsync($"/Committee/Items/Details/{b.ItemId}");
        Assert.Contains($"id=\"enemies\">{a.ItemId} <span", other);
        var (_, edit) = await committee.GetAsync($"/Committee/Items/Edit/{b.ItemId}");
        Assert.Contains($"name=\"Input.Enemies\" value=\"{a.ItemId}\"", edit);
        var entry = Assert.Single(await factory.ActionsAsync(ItemBankAuditActions.ItemEnemiesChanged), e => e.SubjectId == a.ItemId);
        Assert.Equal("committee", entry.Actor);
        Assert.Contains(b.ItemId, entry.AfterJson);

        // Clearing the field on either side ends the pair.
        var (cleared, _) = await EditAsync(committee, b, f => f["Input.Enemies"] = "");
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.False((await EnemiesAsync()).AreEnemies(a.ItemId, b.ItemId));
    }

    [Theory]
    [InlineData("../../etc/passwd", "is not an item in the bank")]
    [InlineData("no-such-item-x", "&#x27;no-such-item-x&#x27; is not an item in the bank")]
    [InlineData("SELF", "An item cannot be its own enemy.")]
    public async Task A_hand_built_enemy_that_is_no_item_is_a_clear_message_and_nothing_changes(string enemy, string message)
    {
        var a = await factory.McqAsync();
        var (response, html) = await EditAsync(await factory.SessionAsync("committee"), a, f =>
        {
            f["Input.Enemies"] = enemy == "SELF" ? a.ItemId : enemy;
            f["Input.Body"] = "A changed stem that must not be saved either.";
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, html);
        Assert.Contains("id=\"Enemies\" name=\"Input.Enemies\"", html);
        Assert.Single(await factory.VersionsAsync(a.ItemId));
        Assert.Empty((await EnemiesAsync()).Of(a.ItemId));
    }

    [Fact]
    public async Task Two_enemies_on_a_form_are_named_by_the_check_and_block_publication()
    {
        var a = await factory.McqAsync();
        var b = await factory.McqAsync();
        var id = await DraftFormAsync(a, b);
        var committee = await factory.SessionAsync("committee");
        var (_, before) = await committee.GetAsync($"/Committee/Forms/Details/{id}?handler=Check");
        Assert.DoesNotContain("are enemies", before);

        await DeclareAsync(b.ItemId, a.ItemId);
        var (_, check) = await committee.GetAsync($"/Committee/Forms/Details/{id}?handler=Check");
        Assert.Contains($"{a.ItemId} (position 1) and {b.ItemId} (position 2) are enemies", check);
        var (refused, html) = await committee.PostFormAsync($"/Committee/Forms/Details/{id}", [], $"/Committee/Forms/Details/{id}?handler=Publish");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("are enemies", html);
        Assert.Equal(FormStatus.Draft, (await factory.FormAsync(id)).FormStatus);
    }

    [Fact]
    public async Task A_swap_that_would_bring_an_enemy_onto_the_form_is_refused_and_not_offered()
    {
        var a = await factory.McqAsync();
        var b = await factory.McqAsync();
        var enemyOfB = await factory.McqAsync();
        var id = await DraftFormAsync(a, b);
        await DeclareAsync(enemyOfB.ItemId, b.ItemId);
        var committee = await factory.SessionAsync("committee");
        var (_, choices) = await committee.GetAsync($"/Committee/Forms/Swap/{id}/1");
        Assert.DoesNotContain($"value=\"{enemyOfB.ItemId}\"", choices);
        var (response, html) = await committee.PostFormAsync($"/Committee/Forms/Swap/{id}/1", [new("Replacement", enemyOfB.ItemId)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"{enemyOfB.ItemId} and {b.ItemId} are enemies", html);
        Assert.Equal(a.Pin, (await factory.FormAsync(id)).Definition.PartOne.Items[0]);
    }

    [Fact]
    public async Task The_form_page_reports_the_overlap_with_every_earlier_form()
    {
        var a = await factory.McqAsync();
        var b = await factory.McqAsync();
        var c = await factory.McqAsync();
        var first = await DraftFormAsync(a, b);
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await DraftFormAsync(b, c);
        var (_, page) = await (await factory.SessionAsync("committee")).GetAsync($"/Committee/Forms/Details/{second}");
        var overlap = page[page.IndexOf("Overlap with earlier forms", StringComparison.Ordinal)..];
        overlap = overlap[..overlap.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Contains($"href=\"/Committee/Forms/Details/{first}\"", overlap);
        Assert.Matches($"{first}</a>[^<]*</th>\\s*<td>draft</td>\\s*<td>1 of 2</td>\\s*<td>50%</td>", overlap);
        Assert.Contains("href=\"/Committee/Forms/Details/demo-2027\"", overlap); // the imported published form
        var (_, earliest) = await (await factory.SessionAsync("committee")).GetAsync($"/Committee/Forms/Details/{first}");
        Assert.DoesNotContain($"href=\"/Committee/Forms/Details/{second}\"", earliest);
    }

    [Fact]
    public async Task Saving_a_version_with_a_strong_cue_shows_the_cue_warning()
    {
        var a = await factory.McqAsync();
        var committee = await factory.SessionAsync("committee");
        var (response, _) = await EditAsync(committee, a, f =>
            f["Input.Options[1].Text"] = "Sit beside the mother and name what the baby is showing, then wonder with her what the crying means to her");
        var page = await committee.FollowAsync(response);
        Assert.Contains("Saved as version 2, a draft. It has", page);
        Assert.Contains("id=\"cue-warnings\"", page);
        Assert.Contains("Option B: the key (B) is", page);
    }

    [Fact]
    public async Task The_shipped_bank_declares_the_child_protection_enemies_and_auto_assembly_keeps_them_apart()
    {
        var enemies = await EnemiesAsync();
        Assert.Equal(["com-007", "dss-019", "thk-005"], enemies.Of("law-002"));
        Assert.True(enemies.AreEnemies("dss-020", "com-007"));
        var committee = await factory.SessionAsync("committee");
        var id = "f-" + CommitteeBank.Tag();
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Settings.Id", id), new("Settings.Title", "Form " + id), new("Settings.PartOneMinutes", "90"), new("Settings.PartOneCutPercent", "80"),
            new("Settings.PartTwoMinutes", "90"), new("Settings.PartTwoCutPercent", "80"), new("Settings.Tolerance", "2"), new("Settings.RetakeWaitDays", "365"),
            new("Settings.Blueprint[law-regulation-policy]", "10"), new("Settings.Blueprint[thinking]", "10"), new("Settings.Blueprint[communicating]", "6"),
        };
        Assert.Equal(HttpStatusCode.Redirect, (await committee.PostFormAsync("/Committee/Forms/Create", fields)).Response.StatusCode);
        for (var seed = 1; seed <= 5; seed++)
        {
            var (assembled, body) = await committee.PostFormAsync($"/Committee/Forms/Details/{id}", [new("Seed", seed.ToString())], $"/Committee/Forms/Details/{id}?handler=Assemble");
            Assert.True(assembled.StatusCode == HttpStatusCode.Redirect, body);
            var items = (await factory.FormAsync(id)).Definition.PartOne.Items.Select(p => p.Id).ToList();
            Assert.Equal(26, items.Count);
            Assert.Empty(enemies.Violations(items));
        }
    }
}
