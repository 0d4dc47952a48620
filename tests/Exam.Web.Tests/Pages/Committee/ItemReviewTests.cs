using System.Net;
using Exam.Core.ItemBank;
using Exam.Data.ItemBank;
using Exam.Web.Tests.Fixtures;

namespace Exam.Web.Tests.Pages.Committee;

public sealed class ItemReviewTests(ExamAppFactory factory) : IClassFixture<ExamAppFactory>
{
    /// <summary>An approved item that the committee member edits: the latest version is then a draft written by them.</summary>
    private async Task<(StoredItemVersion Draft, Browserless Author)> DraftByCommitteeAsync()
    {
        var v1 = await factory.McqAsync();
        var author = await factory.SessionAsync("committee");
        var (response, _) = await author.PostFormAsync($"/Committee/Items/Edit/{v1.ItemId}",
            CommitteeBank.EditFields(v1, f => f["Input.Body"] = "An edited stem: which response is best?"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return ((await factory.LatestAsync(v1.ItemId))!, author);
    }

    [Fact]
    public async Task The_item_page_shows_the_candidate_view_and_for_the_committee_the_key_rationales_references_and_history()
    {
        var tag = CommitteeBank.Tag();
        var v1 = await factory.AddAsync(CommitteeBank.Mcq($"i{tag}", "direct-service-skills", "item-writer-9", "C",
            "During a home visit, a *mother* says she freezes.\n\nWhich response is best?"));
        var (response, html) = await (await factory.SessionAsync("committee")).GetAsync($"/Committee/Items/Details/i{tag}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h2 id=\"candidate-view\">As the candidate sees it</h2>", html);
        Assert.Contains("a <em>mother</em> says she freezes", html);
        Assert.Contains($"<span>Option A of i{tag}</span>", html);
        Assert.Contains("<caption>Options, key and rationales</caption>", html);
        Assert.Contains($"<td>Why C for i{tag}.</td>", html);
        Assert.Contains("<dd id=\"key\">C</dd>", html);
        Assert.Contains("Weatherston, D. J. (2000)", html);
        Assert.Contains("<dt>Author</dt><dd>item-writer-9</dd>", html);
        Assert.Contains("committee-chair", CommitteeBank.Text(html[html.IndexOf("id=\"reviewers\"", StringComparison.Ordinal)..]));
        Assert.Contains($"<caption>Every version of i{tag}, oldest first</caption>", html);
        Assert.Contains($"<td class=\"mono\">{v1.ContentHash}</td><td>approved</td>", html);
    }

    [Fact]
    public async Task The_author_cannot_approve_their_own_version_and_another_member_can()
    {
        var (draft, author) = await DraftByCommitteeAsync();
        var (submitted, _) = await author.ReviewAsync(factory, draft.ItemId, "Submit", "Ready for a second pair of eyes.");
        Assert.Contains($"Version {draft.VersionNo} is submitted for review.", await author.FollowAsync(submitted));

        var (refused, html) = await author.ReviewAsync(factory, draft.ItemId, "Approve", "Looks fine to me.");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("role=\"alert\" id=\"review-error\">You wrote this version; another committee member must approve it.</div>", html);
        Assert.Equal(ItemStatus.InReview, (await factory.LatestAsync(draft.ItemId))!.ItemStatus);

        var reviewer = await factory.SessionAsync("committee2");
        var (approved, _) = await reviewer.ReviewAsync(factory, draft.ItemId, "Approve", "Clear stem, plausible distractors.");
        var page = await reviewer.FollowAsync(approved);
        Assert.Contains($"Version {draft.VersionNo} is approved.", page);
        Assert.Equal(ItemStatus.Approved, (await factory.LatestAsync(draft.ItemId))!.ItemStatus);
        Assert.Contains("committee2", CommitteeBank.Text(page[page.IndexOf("id=\"reviewers\"", StringComparison.Ordinal)..])[..40]);
        Assert.Contains("<td>committee2</td><td>approved</td><td>Clear stem, plausible distractors.</td>", page);
    }

    [Fact]
    public async Task Requesting_changes_requires_a_comment_and_sends_the_version_back_to_draft()
    {
        var (draft, author) = await DraftByCommitteeAsync();
        await author.ReviewAsync(factory, draft.ItemId, "Submit");
        var reviewer = await factory.SessionAsync("committee2");

        var (refused, html) = await reviewer.ReviewAsync(factory, draft.ItemId, "RequestChanges", "   ");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("role=\"alert\" id=\"review-error\">Say what needs to change: a comment is required to request changes.", html);
        Assert.Equal(ItemStatus.InReview, (await factory.LatestAsync(draft.ItemId))!.ItemStatus);

        var (done, _) = await reviewer.ReviewAsync(factory, draft.ItemId, "RequestChanges", "Option D is also defensible; sharpen it.");
        var page = await reviewer.FollowAsync(done);
        Assert.Contains("Changes requested", page);
        Assert.Equal(ItemStatus.Draft, (await factory.LatestAsync(draft.ItemId))!.ItemStatus);
        Assert.Contains("<td>committee2</td><td>changes-requested</td><td>Option D is also defensible; sharpen it.</td>", page);
    }

    [Fact]
    public async Task Every_transition_is_audited_with_its_actor_and_comment()
    {
        var (draft, author) = await DraftByCommitteeAsync();
        var reviewer = await factory.SessionAsync("committee2");
        await author.ReviewAsync(factory, draft.ItemId, "Submit", "first submission");
        await reviewer.ReviewAsync(factory, draft.ItemId, "RequestChanges", "tighten the stem");
        await author.ReviewAsync(factory, draft.ItemId, "Submit", "tightened");
        await reviewer.ReviewAsync(factory, draft.ItemId, "Approve", "good now");
        var (retired, _) = await reviewer.ReviewAsync(factory, draft.ItemId, "Retire", "content is out of date");
        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);

        var steps = (await factory.ActionsAsync(ItemBankAuditActions.ItemStatusChanged))
            .Where(e => e.SubjectId == draft.ItemId).OrderBy(e => e.Id)
            .Select(e => (e.Actor, Status: e.AfterJson!.Split("\"status\":\"")[1].Split('"')[0], e.Detail)).ToList();
        Assert.Equal(
        [
            ("committee", "in-review", "first submission"),
            ("committee2", "draft", "tighten the stem"),
            ("committee", "in-review", "tightened"),
            ("committee2", "approved", "good now"),
            ("committee2", "retired", "content is out of date"),
        ], steps);

        var (_, page) = await reviewer.GetAsync($"/Committee/Items/Details/{draft.ItemId}");
        Assert.Contains("Status in-review to approved", page);
        Assert.Contains("<td>content is out of date</td>", page);
        Assert.Contains("This version is retired; that is final.", page);
    }

    [Fact]
    public async Task Retiring_needs_a_reason()
    {
        var item = await factory.McqAsync();
        var (response, html) = await (await factory.SessionAsync("committee")).ReviewAsync(factory, item.ItemId, "Retire");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Give the reason for retiring the item: a comment is required.", html);
        Assert.Equal(ItemStatus.Approved, (await factory.LatestAsync(item.ItemId))!.ItemStatus);
    }

    [Fact]
    public async Task Retiring_an_item_pinned_by_published_forms_warns_with_the_forms_and_needs_confirmation()
    {
        var item = await factory.McqAsync();
        var first = await factory.PublishedFormPinningAsync(item);
        var second = await factory.PublishedFormPinningAsync(item);
        var committee = await factory.SessionAsync("committee");

        var (_, page) = await committee.GetAsync($"/Committee/Items/Details/{item.ItemId}");
        var warning = page[page.IndexOf("id=\"retire-warning\"", StringComparison.Ordinal)..];
        Assert.Contains(first, warning[..600]);
        Assert.Contains(second, warning[..600]);
        Assert.Contains("I understand that published forms pin this item, and retire it anyway", page);

        var (unconfirmed, html) = await committee.ReviewAsync(factory, item.ItemId, "Retire", "superseded");
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        var alert = html[html.IndexOf("role=\"alert\"", StringComparison.Ordinal)..];
        Assert.Contains($"Published forms pin this item: {string.Join(", ", new[] { first, second }.Order(StringComparer.Ordinal))}.", alert);
        Assert.Equal(ItemStatus.Approved, (await factory.LatestAsync(item.ItemId))!.ItemStatus);

        var (confirmed, _) = await committee.ReviewAsync(factory, item.ItemId, "Retire", "superseded", confirm: true);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(ItemStatus.Retired, (await factory.LatestAsync(item.ItemId))!.ItemStatus);
        // The published forms keep the version they pin.
        Assert.Equal([item.Pin], (await factory.FormAsync(first)).Definition.PartOne.Items);
    }

    [Fact]
    public async Task A_step_on_a_version_that_moved_on_since_the_page_was_opened_does_nothing()
    {
        var (draft, author) = await DraftByCommitteeAsync();
        await author.ReviewAsync(factory, draft.ItemId, "Submit");
        var reviewer = await factory.SessionAsync("committee2");
        await reviewer.GetAsync($"/Committee/Items/Details/{draft.ItemId}");
        // Meanwhile the author saves another version.
        var latest = (await factory.LatestAsync(draft.ItemId))!;
        await author.PostFormAsync($"/Committee/Items/Edit/{draft.ItemId}", CommitteeBank.EditFields(latest, f => f["Input.Body"] = "Yet another stem."));
        var (response, html) = await reviewer.PostFormAsync($"/Committee/Items/Details/{draft.ItemId}",
            [new("Version", latest.ContentHash), new("Comment", "")], $"/Committee/Items/Details/{draft.ItemId}?handler=Approve");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Version {latest.VersionNo + 1} (by committee) was saved since you opened the page", html);
        Assert.Equal(ItemStatus.Draft, (await factory.LatestAsync(draft.ItemId))!.ItemStatus);
        Assert.Contains(">Submit for review</button>", html);
    }

    [Fact]
    public async Task Two_versions_compare_field_by_field_with_the_body_line_by_line()
    {
        var v1 = await factory.AddAsync(CommitteeBank.Mcq("d" + CommitteeBank.Tag(), body: "Line one.\nLine two.\nLine three."));
        var committee = await factory.SessionAsync("committee");
        await committee.PostFormAsync($"/Committee/Items/Edit/{v1.ItemId}", CommitteeBank.EditFields(v1, f =>
        {
            f["Input.Body"] = "Line one.\nLine 2, rewritten.\nLine three.\nLine four.";
            f["Input.Key"] = "D";
            f["Input.Options[1].Text"] = "A sharper option B";
        }));

        var (response, html) = await committee.GetAsync($"/Committee/Items/Diff/{v1.ItemId}?from=1&to=2");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<caption>Field by field: changed fields are marked</caption>", html);
        Assert.Matches("<tr class=\"changed\">\\s*<th scope=\"row\">Key</th>\\s*<td>Changed</td>\\s*<td class=\"text\">B</td>\\s*<td class=\"text\">D</td>", html);
        Assert.Matches("<tr class=\"changed\">\\s*<th scope=\"row\">Option B text</th>", html);
        Assert.Matches("<tr class=\"same\">\\s*<th scope=\"row\">Option A text</th>\\s*<td>Same</td>", html);
        Assert.Matches("<tr class=\"changed\">\\s*<th scope=\"row\">Author</th>\\s*<td>Changed</td>\\s*<td class=\"text\">item-writer</td>\\s*<td class=\"text\">committee</td>", html);
        Assert.Contains("<del><span class=\"visually-hidden\">Removed: </span>Line two.</del>", html);
        Assert.Contains("<ins><span class=\"visually-hidden\">Added: </span>Line 2, rewritten.</ins>", html);
        Assert.Contains("<ins><span class=\"visually-hidden\">Added: </span>Line four.</ins>", html);
        Assert.DoesNotContain("Removed: </span>Line one.", html);
        Assert.Contains("<td class=\"text\">Line one.</td>", html);
        Assert.Contains("4 fields changed.", html); // stem, option B text, key, author

        var (missing, _) = await committee.GetAsync($"/Committee/Items/Diff/{v1.ItemId}?from=1&to=9");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
