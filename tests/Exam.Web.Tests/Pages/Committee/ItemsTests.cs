using System.Net;
using Exam.Core.ItemBank;
using Exam.Web.Tests.Fixtures;

namespace Exam.Web.Tests.Pages.Committee;

public sealed class ItemsTests(ExamAppFactory factory) : IClassFixture<ExamAppFactory>
{
    [Fact]
    public async Task The_search_filters_by_text_domain_level_designation_status_and_essay_set()
    {
        var tag = CommitteeBank.Tag();
        await factory.AddAsync(CommitteeBank.Mcq($"s{tag}-a", "thinking", body: $"Zebra {tag} stem about attunement?"));
        await factory.AddAsync(CommitteeBank.Mcq($"s{tag}-b", "reflection") with { Level = Level.IV, Designation = Designation.C }, ItemStatus.Draft);
        await factory.AddAsync(CommitteeBank.Mcq($"s{tag}-c", "reflection") with
        {
            Options = "ABCD".Select(l => new ItemOption(l.ToString(), $"Quokka{tag} option {l}", "why")).ToList(),
        }, ItemStatus.InReview);
        await factory.AddAsync(new ItemContent
        {
            Id = $"s{tag}-e", Type = ItemType.Essay, Level = Level.IV, Designation = Designation.P, Domains = ["administration"],
            Author = "w", EssaySet = EssaySet.Policy, Rubric = "policy-prompt", Body = $"Policy prompt {tag}.",
        });
        var committee = await factory.SessionAsync("committee");

        async Task<string[]> FoundAsync(string query)
        {
            var (response, html) = await committee.GetAsync("/Committee/Items?" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return new[] { "a", "b", "c", "e" }.Where(x => html.Contains($">s{tag}-{x}<", StringComparison.Ordinal)).ToArray();
        }

        Assert.Equal(["a", "b", "c", "e"], await FoundAsync($"q=s{tag}"));
        Assert.Equal(["a"], await FoundAsync($"q=zebra+{tag}"));
        Assert.Equal(["c"], await FoundAsync($"q=quokka{tag}"));
        Assert.Equal(["a"], await FoundAsync($"q=s{tag}&domain=thinking"));
        Assert.Equal(["b", "e"], await FoundAsync($"q=s{tag}&level=IV"));
        Assert.Equal(["b"], await FoundAsync($"q=s{tag}&designation=C"));
        Assert.Equal(["c"], await FoundAsync($"q=s{tag}&status=in-review"));
        Assert.Equal(["a", "e"], await FoundAsync($"q=s{tag}&status=approved"));
        Assert.Equal(["e"], await FoundAsync($"q=s{tag}&set=Policy"));
        Assert.Equal(["e"], await FoundAsync($"q=s{tag}&type=essay"));
        Assert.Empty(await FoundAsync($"q=s{tag}&set=Clinical"));

        var (_, none) = await committee.GetAsync($"/Committee/Items?q=nothing-{tag}");
        Assert.Contains("No items found.", none);
        Assert.Contains("<label for=\"q\">Text</label>", none);
        Assert.Contains("<label for=\"domain\">Domain</label>", none);
    }

    [Fact]
    public async Task The_list_is_paged()
    {
        var tag = CommitteeBank.Tag();
        for (var i = 0; i < 27; i++) await factory.McqAsync($"p{tag}-{i:00}");
        var committee = await factory.SessionAsync("committee");

        var (_, first) = await committee.GetAsync($"/Committee/Items?q=p{tag}");
        Assert.Contains("1 to 25 of 27", first);
        Assert.Contains($">p{tag}-24<", first);
        Assert.DoesNotContain($">p{tag}-25<", first);
        Assert.Contains($"href=\"?q=p{tag}&amp;pageNumber=1\">Next page", first);

        var (_, second) = await committee.GetAsync($"/Committee/Items?q=p{tag}&pageNumber=1");
        Assert.Contains("26 to 27 of 27", second);
        Assert.Contains($">p{tag}-26<", second);
        Assert.Contains("Previous page", second);
        Assert.DoesNotContain("Next page", second);
    }

    [Fact]
    public async Task The_supply_table_counts_approved_MCQs_per_domain_against_the_default_blueprint()
    {
        var committee = await factory.SessionAsync("committee");
        var before = SupplyRow(await PageAsync(committee), "Leading People");

        var tag = CommitteeBank.Tag();
        await factory.McqAsync($"l{tag}-1", "leading-people");
        await factory.McqAsync($"l{tag}-2", "leading-people", ItemStatus.Draft);
        // An item counts toward its first domain only.
        await factory.AddAsync(CommitteeBank.Mcq($"l{tag}-3", "thinking") with { Domains = ["thinking", "leading-people"] });
        // An item under revision still offers its approved version; one whose newest decided version is retired offers none.
        await factory.McqAsync($"l{tag}-4", "leading-people");
        await factory.AddAsync(CommitteeBank.Mcq($"l{tag}-4", "leading-people", author: "someone-else"), ItemStatus.InReview);
        await factory.McqAsync($"l{tag}-5", "leading-people");
        await factory.AddAsync(CommitteeBank.Mcq($"l{tag}-5", "leading-people", author: "someone-else"), ItemStatus.Retired);

        var html = await PageAsync(committee);
        var after = SupplyRow(html, "Leading People");
        Assert.Equal(before.Approved + 2, after.Approved);
        Assert.Equal(0, after.Needed); // Part One is shared by Level III and IV: the default blueprint asks for no Leading People items
        Assert.Equal("Yes", after.Enough);
        Assert.Contains("<caption>Approved multiple-choice items per domain", html);
        Assert.Contains("<th scope=\"col\">Blueprint needs</th>", html);
    }

    private static async Task<string> PageAsync(Browserless browser) => (await browser.GetAsync("/Committee/Items")).Body;

    private static (int Approved, int Needed, string Enough) SupplyRow(string html, string domain)
    {
        var m = System.Text.RegularExpressions.Regex.Match(html,
            $"<th scope=\"row\">{domain}</th>\\s*<td>(\\d+)</td>\\s*<td>(\\d+)</td>\\s*<td>([^<]+)</td>");
        Assert.True(m.Success, $"no supply row for {domain}");
        return (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), m.Groups[3].Value.Trim());
    }

    [Fact]
    public async Task The_committee_home_links_the_pages_and_counts_items_and_forms_by_status()
    {
        await factory.McqAsync(status: ItemStatus.Retired);
        var (response, html) = await (await factory.SessionAsync("committee")).GetAsync("/Committee");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("href=\"/Committee/Items\"", html);
        Assert.Contains("href=\"/Committee/Forms\"", html);
        Assert.Contains("<caption>Items by the status of their latest version</caption>", html);
        Assert.Contains("<caption>Forms by status</caption>", html);
        Assert.Matches("<a href=\"/Committee/Items\\?status=retired\">retired</a></th><td>[1-9]", html);
        Assert.DoesNotContain("are managed here", html);
    }

    [Theory]
    [InlineData("proctor", "/Committee")]
    [InlineData("proctor", "/Committee/Items")]
    [InlineData("proctor", "/Committee/Items/Edit/tf-001")]
    [InlineData("rater1", "/Committee/Items/Details/tf-001")]
    [InlineData("lead", "/Committee/Items/Diff/tf-001?from=1&to=1")]
    [InlineData("admin", "/Committee/Items/Create")]
    [InlineData("coordinator", "/Committee/Items")]
    public async Task Staff_without_the_committee_role_are_denied(string userName, string path)
    {
        var (response, _) = await (await factory.SessionAsync(userName)).GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_candidate_is_denied_the_committee_pages_and_cannot_post_to_them()
    {
        var candidate = Browserless.For(factory);
        var login = DemoLogins.Candidate;
        var (signIn, _) = await candidate.CandidateSignInAsync(login.Number, login.AccessCode);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        foreach (var path in new[] { "/Committee", "/Committee/Items", "/Committee/Items/Create" })
        {
            var (response, _) = await candidate.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
        }
        var item = await factory.McqAsync(status: ItemStatus.InReview);
        var post = await candidate.Client.PostAsync($"/Committee/Items/Details/{item.ItemId}?handler=Approve",
            new FormUrlEncodedContent([new("Version", item.ContentHash)]));
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(ItemStatus.InReview, (await factory.LatestAsync(item.ItemId))!.ItemStatus);
    }
}
