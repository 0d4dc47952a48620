using System.Net;
using System.Text.RegularExpressions;
using Exam.Core.Blueprint;
using Exam.Core.ItemBank;
using Exam.Data.ItemBank;
using Exam.Web.Committee;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Committee;

/// <summary>Forms built on the repository's item bank, imported into this class's database.</summary>
public sealed partial class FormsTests(ItemBankAppFactory factory) : IClassFixture<ItemBankAppFactory>
{
    /// <summary>The repository's blueprint.yaml, which the import put in this class's database.</summary>
    private static readonly BankBlueprint Bank = Exam.ItemBank.Files.BankBlueprintParser
        .ParseText(File.ReadAllText(Path.Combine(CommitteeBank.RepositoryItemBank, "blueprint.yaml"))).Blueprint!;

    private static List<KeyValuePair<string, string>> Settings(string id, IReadOnlyDictionary<string, int>? blueprint = null, int partOneMinutes = 90)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Settings.Id", id), new("Settings.Title", "Form " + id), new("Settings.PartOneMinutes", partOneMinutes.ToString()),
            new("Settings.PartOneCutPercent", "80"), new("Settings.PartTwoMinutes", "90"), new("Settings.PartTwoCutPercent", "80"),
            new("Settings.Tolerance", "2"), new("Settings.RetakeWaitDays", "365"),
        };
        foreach (var d in Bank.Domains)
        {
            var n = blueprint is null ? Bank.PartOne.Blueprint.CountFor(d.Id) : blueprint.GetValueOrDefault(d.Id);
            fields.Add(new($"Settings.Blueprint[{d.Id}]", n.ToString()));
        }
        return fields;
    }

    private async Task<string> CreateAsync(Browserless browser, IReadOnlyDictionary<string, int>? blueprint = null)
    {
        var id = "f-" + CommitteeBank.Tag();
        var (response, body) = await browser.PostFormAsync("/Committee/Forms/Create", Settings(id, blueprint));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, body);
        return id;
    }

    private static Task<(HttpResponseMessage Response, string Body)> PostAsync(Browserless browser, string formId, string handler, IEnumerable<KeyValuePair<string, string>>? fields = null) =>
        browser.PostFormAsync($"/Committee/Forms/Details/{formId}", fields ?? [], $"/Committee/Forms/Details/{formId}?handler={handler}");

    private static Task<(HttpResponseMessage Response, string Body)> AssembleAsync(Browserless browser, string formId, int seed) =>
        PostAsync(browser, formId, "Assemble", [new("Seed", seed.ToString())]);

    private async Task<Dictionary<ItemPin, StoredItemVersion>> VersionsAsync()
    {
        await using var s = await factory.Db.OpenAsync();
        return (await factory.Services.GetRequiredService<ItemBankStore>().AllItemVersionsAsync(s)).ToDictionary(v => v.Pin);
    }

    [Fact]
    public async Task A_new_form_starts_from_the_default_blueprint_and_the_default_essays_per_track()
    {
        var committee = await factory.SessionAsync("committee");
        var (_, page) = await committee.GetAsync("/Committee/Forms/Create");
        Assert.Contains("<label for=\"Blueprint-theoretical-foundations\">Theoretical Foundations</label>", page);
        Assert.Contains("name=\"Settings.Blueprint[theoretical-foundations]\" type=\"number\" inputmode=\"numeric\" min=\"0\" max=\"200\" step=\"1\" value=\"21\"", page);
        Assert.Contains("<caption>Blueprint: Part One items per domain", page);

        var id = await CreateAsync(committee);
        var form = (await factory.FormAsync(id)).Definition;
        Assert.Equal(FormStatus.Draft, (await factory.FormAsync(id)).FormStatus);
        Assert.Equal(Bank.PartOne.Blueprint.Counts, form.PartOne.Blueprint.Counts);
        Assert.Empty(form.PartOne.Items);
        var tracks = form.PartTwo.Tracks.ToDictionary(t => t.Track);
        Assert.Equal(["IMHS", "IMHM-C", "IMHM-P", "IMHM-R/F"], form.PartTwo.Tracks.Select(t => t.Track));
        Assert.Equal(["es-clin-01", "es-clin-02", "es-clin-03"], tracks["IMHS"].Items.Select(p => p.Id));
        Assert.Equal((2, 0), (tracks["IMHS"].Choose, tracks["IMHS"].Require.Count));
        Assert.Equal([new(EssaySet.Clinical, 1), new(EssaySet.Supervisory, 1)], tracks["IMHM-C"].Require.OrderBy(r => r.Key));
        Assert.Contains(tracks["IMHM-C"].Items, p => p.Id == "es-sup-01");
        Assert.All(tracks["IMHM-P"].Items, p => Assert.StartsWith("es-pol-", p.Id, StringComparison.Ordinal));
        Assert.Equal([new(EssaySet.Teaching, 1), new(EssaySet.Research, 1)], tracks["IMHM-R/F"].Require.OrderBy(r => r.Key));
        Assert.Equal(["clinical-vignette", "policy-prompt", "research-scenario", "supervisory-vignette", "teaching-scenario"],
            form.PartTwo.Rubrics.Select(r => r.Id));
        Assert.Contains(await factory.ActionsAsync(ItemBankAuditActions.FormCreated), e => e.SubjectId == id && e.Actor == "committee");
    }

    [Fact]
    public async Task A_form_with_a_bad_id_or_settings_is_refused_with_messages()
    {
        var committee = await factory.SessionAsync("committee");
        var fields = Settings("Bad Id!", partOneMinutes: 0);
        var (response, html) = await committee.PostFormAsync("/Committee/Forms/Create", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("role=\"alert\"", html);
        Assert.Contains("Enter an id of lower-case letters, digits and &#x27;-&#x27;", html);
        Assert.Contains("Enter the Part One time in minutes: a whole number from 1 to 600.", html);
        Assert.Contains("id=\"Settings-PartOneMinutes\" name=\"Settings.PartOneMinutes\"", html);
    }

    [Fact]
    public async Task Auto_assembly_meets_the_blueprint_with_no_item_twice_and_the_same_seed_gives_the_same_form()
    {
        var committee = await factory.SessionAsync("committee");
        var first = await CreateAsync(committee);
        var second = await CreateAsync(committee);

        var (response, _) = await AssembleAsync(committee, first, 42);
        var page = await committee.FollowAsync(response);
        Assert.Contains("Part One assembled with seed 42: 60 items.", page);
        await AssembleAsync(committee, second, 42);

        var a = (await factory.FormAsync(first)).Definition;
        var b = (await factory.FormAsync(second)).Definition;
        Assert.Equal(60, a.PartOne.Items.Count);
        Assert.Equal(a.PartOne.Items, b.PartOne.Items);
        Assert.Equal(42, a.Seed);
        Assert.Equal(60, a.PartOne.Items.Select(p => p.Id).Distinct().Count());
        var versions = await VersionsAsync();
        Assert.All(a.PartOne.Items, p => Assert.Equal(ItemStatus.Approved, versions[p].ItemStatus));
        Assert.Empty(Bank.PartOne.Blueprint.Validate(a.PartOne.Items.Select(p => versions[p].Content.PrimaryDomain!)));
        await using (var s = await factory.Db.OpenAsync())
        {
            // The pins delivery reads match the definition, in order.
            var (pinned, essays) = await factory.Services.GetRequiredService<ItemBankStore>().FormPinsAsync(s, first);
            Assert.Equal(a.PartOne.Items.Select(p => versions[p].Id), pinned.Select(p => p.ItemVersionId));
            Assert.NotEmpty(essays);
        }

        await AssembleAsync(committee, second, 7);
        Assert.NotEqual(a.PartOne.Items, (await factory.FormAsync(second)).Definition.PartOne.Items);
        Assert.Contains(await factory.ActionsAsync(CommitteeAuditActions.FormAssembled), e => e.SubjectId == first && e.Detail!.Contains("seed 42"));

        var (_, check) = await committee.GetAsync($"/Committee/Forms/Details/{first}?handler=Check");
        Assert.Contains("No problems: the form is ready to publish.", check);
    }

    [Fact]
    public async Task Assembly_says_which_domains_lack_approved_items()
    {
        var committee = await factory.SessionAsync("committee");
        var id = await CreateAsync(committee, new Dictionary<string, int> { ["leading-people"] = 150, ["thinking"] = 2 });
        var (response, html) = await AssembleAsync(committee, id, 1);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("role=\"alert\"[^>]*>\\s*<p>There is a problem", html);
        Assert.Matches("Not enough approved MCQs in Leading People that every track sitting the form \\(IMHS, IMHM-C, IMHM-P, IMHM-R/F\\) is examined on, no two of them enemies: [0-9]+ short", html);
        Assert.Empty((await factory.FormAsync(id)).Definition.PartOne.Items);
    }

    [Fact]
    public async Task An_item_is_swapped_by_hand_for_another_approved_MCQ_of_the_same_domain()
    {
        var committee = await factory.SessionAsync("committee");
        var id = await CreateAsync(committee, new Dictionary<string, int> { ["reflection"] = 3, ["thinking"] = 2 });
        await AssembleAsync(committee, id, 5);
        var before = (await factory.FormAsync(id)).Definition.PartOne.Items;
        var versions = await VersionsAsync();
        var position = before.Select((p, i) => (p, i)).First(x => versions[x.p].Content.PrimaryDomain == "reflection").i + 1;
        var old = before[position - 1];

        var (_, choices) = await committee.GetAsync($"/Committee/Forms/Swap/{id}/{position}");
        var offered = SwapChoice().Matches(choices).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(offered);
        Assert.All(offered, o => Assert.StartsWith("ref-", o, StringComparison.Ordinal));
        Assert.DoesNotContain(old.Id, offered);
        Assert.DoesNotContain(offered, o => before.Any(p => p.Id == o));

        var (wrongDomain, refused) = await committee.PostFormAsync($"/Committee/Forms/Swap/{id}/{position}", [new("Replacement", "tf-001")]);
        Assert.Equal(HttpStatusCode.OK, wrongDomain.StatusCode);
        Assert.Contains("a swap keeps the blueprint", refused);
        var taken = before.First(p => p != old && versions[p].Content.PrimaryDomain == "reflection");
        var (_, twice) = await committee.PostFormAsync($"/Committee/Forms/Swap/{id}/{position}", [new("Replacement", taken.Id)]);
        Assert.Contains($"{taken.Id} is already in Part One; no item appears twice.", twice);

        var (swapped, _) = await committee.PostFormAsync($"/Committee/Forms/Swap/{id}/{position}", [new("Replacement", offered[0])]);
        var page = await committee.FollowAsync(swapped);
        Assert.Contains($"Position {position}: {old.Id} swapped for {offered[0]}.", page);
        var after = (await factory.FormAsync(id)).Definition.PartOne.Items;
        Assert.Equal(offered[0], after[position - 1].Id);
        Assert.Equal(before.Where((_, i) => i != position - 1), after.Where((_, i) => i != position - 1));
        var entry = Assert.Single(await factory.ActionsAsync(CommitteeAuditActions.FormItemSwapped), e => e.SubjectId == id);
        Assert.Contains(old.ToString(), entry.BeforeJson);
        Assert.Contains(after[position - 1].ToString(), entry.AfterJson);
    }

    [GeneratedRegex("name=\"Replacement\" value=\"([^\"]+)\"")]
    private static partial Regex SwapChoice();

    [Fact]
    public async Task The_check_lists_every_problem_and_publication_is_refused_until_there_are_none()
    {
        var committee = await factory.SessionAsync("committee");
        var id = await CreateAsync(committee, new Dictionary<string, int> { ["reflection"] = 2, ["thinking"] = 2 });
        var tag = CommitteeBank.Tag();
        var draft = await factory.McqAsync($"x{tag}-draft", "reflection", ItemStatus.Draft);
        var dup = await factory.McqAsync($"x{tag}-dup", "thinking");
        var comm = await factory.McqAsync($"x{tag}-comm", "communicating");
        // A definition no page would make, written straight to the store: an unapproved version, an item twice, a domain
        // the blueprint does not ask for, and reflection one short.
        var store = factory.Services.GetRequiredService<ItemBankStore>();
        await using (var s = await factory.Db.BeginAsync())
        {
            var form = (await store.GetFormAsync(s, id))!.Definition;
            await store.UpdateFormDefinitionAsync(s, form with { PartOne = form.PartOne with { Items = [draft.Pin, dup.Pin, dup.Pin, comm.Pin] } });
            await s.CommitAsync();
        }

        var (_, check) = await committee.GetAsync($"/Committee/Forms/Details/{id}?handler=Check");
        var alert = check[check.IndexOf("id=\"check-result\"", StringComparison.Ordinal)..];
        Assert.Contains("role=\"alert\"", check);
        Assert.Contains($"Part One position 1: x{tag}-draft version 1 is draft, not approved.", alert);
        Assert.Contains($"x{tag}-dup is in Part One twice (positions 2 and 3).", alert);
        Assert.Contains("Blueprint shortfall: Reflection has 1 of 2 (1 short).", alert);
        Assert.Contains("Blueprint shortfall: Thinking has 1 of 2 (1 short).", alert);
        Assert.Contains("Blueprint excess: Communicating has 1 of 0 (1 too many).", alert);
        Assert.Contains("5 problems stop this form from being published", alert);

        var (refused, html) = await PostAsync(committee, id, "Publish");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("5 problems stop this form from being published", html);
        Assert.Equal(FormStatus.Draft, (await factory.FormAsync(id)).FormStatus);
    }

    [Fact]
    public async Task Publishing_makes_the_form_read_only()
    {
        var committee = await factory.SessionAsync("committee");
        var id = await CreateAsync(committee);
        await AssembleAsync(committee, id, 2027);
        var (published, _) = await PostAsync(committee, id, "Publish");
        var page = await committee.FollowAsync(published);
        Assert.Contains($"Form {id} is published. It never changes from now on.", page);
        Assert.Contains("read-only: a published form never changes", page);
        Assert.DoesNotContain("Auto-assemble", page);
        Assert.DoesNotContain("/Committee/Forms/Swap/", page);
        Assert.DoesNotContain("Save the settings", page);
        Assert.DoesNotContain("<input", page[page.IndexOf("<main", StringComparison.Ordinal)..]);
        var stored = await factory.FormAsync(id);
        Assert.Equal((FormStatus.Published, "committee"), (stored.FormStatus, stored.PublishedBy));
        var entry = Assert.Single(await factory.ActionsAsync(ItemBankAuditActions.FormStatusChanged), e => e.SubjectId == id);
        Assert.Contains("\"status\":\"published\"", entry.AfterJson);

        var (assemble, refused) = await AssembleAsync(committee, id, 1);
        Assert.Equal(HttpStatusCode.OK, assemble.StatusCode);
        Assert.Contains("a published form never changes", refused);
        var (swap, swapRefused) = await committee.PostFormAsync($"/Committee/Forms/Swap/{id}/1", [new("Replacement", "tf-002")]);
        Assert.Equal(HttpStatusCode.OK, swap.StatusCode);
        Assert.Contains("a published form never changes", swapRefused);
        var (settings, _) = await PostAsync(committee, id, "Settings", Settings(id, partOneMinutes: 45));
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.Equal(stored.DefinitionJson, (await factory.FormAsync(id)).DefinitionJson);
        var (again, _) = await PostAsync(committee, id, "Publish");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var (_, list) = await committee.GetAsync("/Committee/Forms");
        Assert.Matches($"<a href=\"/Committee/Forms/Details/{id}\" class=\"mono\">{id}</a></th>\\s*<td>[^<]*</td>\\s*<td><span class=\"status status-published\">published</span></td>\\s*<td>60 of 60</td>\\s*<td>4 tracks, 12 essays</td>", list);
    }

    [Fact]
    public async Task Settings_and_part_two_are_edited_on_a_draft_and_audited()
    {
        var committee = await factory.SessionAsync("committee");
        var id = await CreateAsync(committee);
        var (saved, _) = await PostAsync(committee, id, "Settings", Settings(id, new Dictionary<string, int> { ["reflection"] = 3 }, partOneMinutes: 100));
        Assert.Contains("Settings saved.", await committee.FollowAsync(saved));
        var form = (await factory.FormAsync(id)).Definition;
        Assert.Equal((100, 3), (form.PartOne.Minutes, form.PartOne.Blueprint.Total));

        var imhs = form.PartTwo.Tracks.Single(t => t.Track == "IMHS");
        var (partTwo, _) = await PostAsync(committee, id, "PartTwo",
        [
            new("Tracks[0].Track", "IMHS"), new("Tracks[0].Choose", "1"),
            new("Tracks[0].Items", imhs.Items[0].ToString()), new("Tracks[0].Items", imhs.Items[2].ToString()),
            new("Tracks[1].Track", "IMHM-C"), new("Tracks[1].Choose", "2"),
        ]);
        Assert.Contains("Part Two saved.", await committee.FollowAsync(partTwo));
        form = (await factory.FormAsync(id)).Definition;
        var track = Assert.Single(form.PartTwo.Tracks);
        Assert.Equal(("IMHS", 1), (track.Track, track.Choose));
        Assert.Equal([imhs.Items[0], imhs.Items[2]], track.Items);
        Assert.Equal(["clinical-vignette"], form.PartTwo.Rubrics.Select(r => r.Id));
        Assert.Equal(2, (await factory.ActionsAsync(ItemBankAuditActions.FormUpdated)).Count(e => e.SubjectId == id));
    }

    [Theory]
    [InlineData("proctor", "/Committee/Forms")]
    [InlineData("rater1", "/Committee/Forms/Create")]
    [InlineData("lead", "/Committee/Forms/Details/x")]
    [InlineData("coordinator", "/Committee/Forms/Swap/x/1")]
    [InlineData("admin", "/Committee/Forms")]
    public async Task Staff_without_the_committee_role_are_denied_the_forms(string userName, string path)
    {
        var (response, _) = await (await factory.SessionAsync(userName)).GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }
}
