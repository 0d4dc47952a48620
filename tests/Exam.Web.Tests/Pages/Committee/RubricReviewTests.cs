using System.Net;
using System.Text.RegularExpressions;
using Exam.Core.ItemBank;
using Exam.Data.ItemBank;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Committee;

/// <summary>Rubrics in the committee UI: list, page with history and diff, editor, and the review rule no request gets round.</summary>
public sealed partial class RubricReviewTests(ExamAppFactory factory) : IClassFixture<ExamAppFactory>
{
    private static List<KeyValuePair<string, string>> Fields(string title, params (string Id, string Title, string Domains, string Points)[] criteria)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Input.Title", title), new("Input.Notes", "Credit accurate points that are not listed.") };
        for (var i = 0; i < criteria.Length; i++)
        {
            fields.Add(new($"Input.Criteria[{i}].Id", criteria[i].Id));
            fields.Add(new($"Input.Criteria[{i}].Title", criteria[i].Title));
            fields.Add(new($"Input.Criteria[{i}].Domains", criteria[i].Domains));
            fields.Add(new($"Input.Criteria[{i}].Points", criteria[i].Points));
        }
        return fields;
    }

    private static readonly (string, string, string, string) Observation =
        ("observation", "Observation and assessment", "direct-service-skills, thinking", "No observation.\nSome behaviour noted.\nBoth perspectives, specific details.");

    private async Task<StoredRubricVersion?> LatestAsync(string id)
    {
        await using var s = await factory.Db.OpenAsync();
        return await factory.Services.GetRequiredService<ItemBankStore>().LatestRubricVersionAsync(s, id);
    }

    /// <summary>A rubric created in the editor by the committee account: version 1, a draft it wrote.</summary>
    private async Task<(string Id, Browserless Author)> CreateAsync()
    {
        var id = "rb-" + CommitteeBank.Tag();
        var author = await factory.SessionAsync("committee");
        var fields = Fields("Clinical vignette (test)", Observation);
        fields.Add(new("Input.Id", id));
        fields.Add(new("Input.EssaySet", "Clinical"));
        var (created, _) = await author.PostFormAsync("/Committee/Rubrics/Create", fields);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal($"/Committee/Rubrics/Details/{id}", created.Headers.Location!.ToString());
        return (id, author);
    }

    private async Task<(HttpResponseMessage Response, string Body)> ReviewAsync(Browserless browser, string id, string handler, string? comment = null)
    {
        var latest = await LatestAsync(id);
        return await browser.PostFormAsync($"/Committee/Rubrics/Details/{id}",
            [new("Version", latest!.ContentHash), new("Comment", comment ?? "")], $"/Committee/Rubrics/Details/{id}?handler={handler}");
    }

    [Fact]
    public async Task A_rubric_is_drafted_reviewed_by_another_member_edited_into_a_new_version_and_compared()
    {
        var (id, author) = await CreateAsync();
        var v1 = await LatestAsync(id);
        Assert.Equal((1, ItemStatus.Draft, "committee"), (v1!.VersionNo, v1.ItemStatus, v1.Author));

        Assert.Contains("Version 1 is submitted for review.", await author.FollowAsync((await ReviewAsync(author, id, "Submit")).Response));
        var reviewer = await factory.SessionAsync("committee2");
        var (changes, _) = await ReviewAsync(reviewer, id, "RequestChanges", "Add a criterion on reflection.");
        Assert.Contains("Changes requested; version 1 is a draft again.", await reviewer.FollowAsync(changes));

        // The author edits: a second version, a draft; version 1 never changes.
        var edit = Fields("Clinical vignette (test)", Observation,
            ("reflection", "Reflection", "reflection", "None.\nNames a feeling.\nLinks feelings to the work.\nUses the parallel process."));
        edit.Add(new("Input.BaseVersion", v1.ContentHash));
        var (saved, _) = await author.PostFormAsync($"/Committee/Rubrics/Edit/{id}", edit);
        Assert.Contains("Saved as version 2, a draft.", await author.FollowAsync(saved));
        await author.FollowAsync((await ReviewAsync(author, id, "Submit")).Response);
        var (approved, _) = await ReviewAsync(reviewer, id, "Approve", "Descriptors are distinct.");
        var page = await reviewer.FollowAsync(approved);
        Assert.Contains("Version 2 is approved.", page);
        Assert.Contains("<td>committee2</td><td>approved</td><td>Descriptors are distinct.</td>", page);
        Assert.Contains($"<caption>Every version of {id}, oldest first</caption>", page);
        Assert.Contains("Status in-review to approved", page);

        var (diff, diffHtml) = await reviewer.GetAsync($"/Committee/Rubrics/Diff/{id}?from=1&to=2");
        Assert.Equal(HttpStatusCode.OK, diff.StatusCode);
        Assert.Contains("<th scope=\"row\">Criterion 2 point 3</th>", diffHtml);
        Assert.Contains("<td class=\"text\">Uses the parallel process.</td>", diffHtml);
        Assert.Matches(ChangedCount(), diffHtml);

        var (list, listHtml) = await reviewer.GetAsync("/Committee/Rubrics");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains($"href=\"/Committee/Rubrics/Details/{id}\">{id}</a>", listHtml);
    }

    [Fact]
    public async Task An_author_approving_their_own_rubric_by_a_hand_built_request_is_refused()
    {
        var (id, author) = await CreateAsync();
        await author.FollowAsync((await ReviewAsync(author, id, "Submit")).Response);
        var (refused, html) = await ReviewAsync(author, id, "Approve", "Looks fine to me.");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("role=\"alert\" id=\"review-error\">You wrote this version; another committee member must approve it.</div>", html);
        Assert.Equal(ItemStatus.InReview, (await LatestAsync(id))!.ItemStatus);
        await using var s = await factory.Db.OpenAsync();
        Assert.Empty(await factory.Services.GetRequiredService<ItemBankStore>().RubricReviewsAsync(s, (await LatestAsync(id))!.Id));
    }

    [Fact]
    public async Task Someone_without_the_committee_role_can_neither_open_nor_approve_a_rubric()
    {
        var (id, author) = await CreateAsync();
        await author.FollowAsync((await ReviewAsync(author, id, "Submit")).Response);
        var lead = await factory.SessionAsync("lead");
        foreach (var path in new[] { "/Committee/Rubrics", $"/Committee/Rubrics/Details/{id}", $"/Committee/Rubrics/Edit/{id}", "/Committee/Rubrics/Create" })
        {
            var (response, _) = await lead.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
        }
        // A hand-built approval with the lead's own valid antiforgery token (from a page the lead may open).
        var latest = await LatestAsync(id);
        var (home, homeHtml) = await lead.GetAsync("/Rating/Profile");
        var token = Token().Match(homeHtml);
        Assert.True(token.Success, $"no antiforgery token on /Rating/Profile ({(int)home.StatusCode})");
        var post = await lead.Client.PostAsync($"/Committee/Rubrics/Details/{id}?handler=Approve", new FormUrlEncodedContent(
            [new("Version", latest!.ContentHash), new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))]));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Contains("/Account/AccessDenied", post.Headers.Location!.ToString());
        Assert.Equal(ItemStatus.InReview, (await LatestAsync(id))!.ItemStatus);
    }

    [Theory]
    [InlineData("one-point", "A criterion with one point", "reflection", "Only a zero.", "Criterion 1: score points need descriptors for at least 0 and 1.")]
    [InlineData("Bad Id", "Bad id", "reflection", "None.\nSome.", "Criterion 1: its id is lower-case letters, digits and '-'.")]
    [InlineData("domain", "Unknown domain", "astrology", "None.\nSome.", "Criterion 1: 'astrology' is not a domain of the bank's blueprint.")]
    [InlineData("gap", "A point without a descriptor", "reflection", "None.\n\nAll.", "Criterion 1: point 1 has no descriptor.")]
    public async Task Bad_input_is_a_400_with_a_clear_message_and_saves_nothing(string criterionId, string title, string domains, string points, string message)
    {
        var (id, author) = await CreateAsync();
        var v1 = await LatestAsync(id);
        var fields = Fields("Clinical vignette (test)", (criterionId, title, domains, points));
        fields.Add(new("Input.BaseVersion", v1!.ContentHash));
        var (response, html) = await author.PostFormAsync($"/Committee/Rubrics/Edit/{id}", fields);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(html));
        Assert.Equal(1, (await LatestAsync(id))!.VersionNo);
    }

    [Fact]
    public async Task A_stale_editor_is_a_400_and_never_overwrites_a_newer_version()
    {
        var (id, author) = await CreateAsync();
        var fields = Fields("Clinical vignette (renamed)", Observation);
        fields.Add(new("Input.BaseVersion", "000000000000"));
        var (response, html) = await author.PostFormAsync($"/Committee/Rubrics/Edit/{id}", fields);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("was saved while you were editing. Nothing was saved", html);
        Assert.Equal(1, (await LatestAsync(id))!.VersionNo);
    }

    [GeneratedRegex("id=\"changed-count\">[1-9][0-9]* fields? changed\\.")]
    private static partial Regex ChangedCount();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
