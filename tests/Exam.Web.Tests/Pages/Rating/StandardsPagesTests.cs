using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Exam.Web.Tests.Fixtures;

namespace Exam.Web.Tests.Pages.Rating;

/// <summary>The committee's and leads' standardisation pages: who may use them, and bad input as a clear 400.</summary>
public sealed class StandardsPagesTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    private async Task<Browserless> SignedInAsync(string userName)
    {
        var browser = Browserless.For(app);
        await browser.StaffSignInAsync(userName, DemoLogins.Staff(userName).Password);
        return browser;
    }

    private async Task<long> IdOfAsync(string userName)
    {
        await using var s = await app.Db.OpenAsync();
        return await s.Connection.ExecuteScalarAsync<long>("SELECT id FROM staff_users WHERE user_name = @U", new { U = userName }, s.Transaction);
    }

    [Fact]
    public async Task Only_a_lead_may_suspend_a_rater_and_the_suspension_is_audited()
    {
        var rater2 = await IdOfAsync("rater2");
        var rater = await SignedInAsync("rater1");
        // A hand-built suspension from a plain rater, with a valid antiforgery token from their own queue page.
        var (refused, _) = await rater.PostFormAsync("/Rating", [new("raterId", rater2.ToString()), new("reason", "I say so")], "/Rating/Monitoring?handler=Suspend");
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location!.OriginalString);
        Assert.Empty(await app.ActionsAsync("validity.rater-suspended"));

        var lead = await SignedInAsync("lead");
        var (blank, _) = await lead.PostFormAsync("/Rating/Monitoring", [new("raterId", rater2.ToString()), new("reason", " ")], "/Rating/Monitoring?handler=Suspend");
        Assert.Equal(HttpStatusCode.Redirect, blank.StatusCode);
        Assert.Empty(await app.ActionsAsync("validity.rater-suspended"));
        await lead.PostFormAsync("/Rating/Monitoring", [new("raterId", rater2.ToString()), new("reason", "Lenient on seeded papers")], "/Rating/Monitoring?handler=Suspend");
        var audited = Assert.Single(await app.ActionsAsync("validity.rater-suspended"));
        Assert.Equal("lead", audited.Actor);
        Assert.Equal(rater2.ToString(), audited.SubjectId);
        var (_, page) = await lead.GetAsync("/Rating/Monitoring");
        Assert.Matches($"data-rater=\"{rater2}\"[\\s\\S]*?suspended", page);

        // Suspended: "Start next" gives nothing live and sends them to qualify again.
        var suspended = await SignedInAsync("rater2");
        var (next, _) = await suspended.PostFormAsync("/Rating", [], "/Rating?handler=StartNext");
        Assert.Equal("/Rating/Qualify", next.Headers.Location!.OriginalString);
        await using var s = await app.Db.OpenAsync();
        Assert.Equal(0, await s.Connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM rating_tasks WHERE rater_id = @R AND status = 'claimed'", new { R = rater2 }, s.Transaction));
    }

    [Fact]
    public async Task A_rater_may_not_make_validity_papers_or_qualification_sets()
    {
        var rater = await SignedInAsync("rater1");
        var (page, _) = await rater.GetAsync("/Standards");
        Assert.Contains("/Account/AccessDenied", page.Headers.Location!.OriginalString);
        var (post, _) = await rater.PostFormAsync("/Rating", [new("Title", "Mine"), new("EssaySet", "Clinical"), new("PaperIds", "1"),
            new("PaperIds", "2"), new("PaperIds", "3"), new("PaperIds", "4")], "/Standards/NewSet");
        Assert.Contains("/Account/AccessDenied", post.Headers.Location!.OriginalString);
        Assert.Empty(await app.ActionsAsync("validity.set-created"));
    }

    [Fact]
    public async Task Bad_input_is_a_clear_400_and_a_good_paper_is_saved_versioned_and_audited()
    {
        var committee = await SignedInAsync("committee");
        var (none, noneBody) = await committee.PostFormAsync("/Standards/Create", [new("Title", "x")]);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("Choose the prompt first.", noneBody);

        var (_, form) = await committee.GetAsync("/Standards/Create");
        var prompt = Regex.Match(form, "value=\"(demo-2027:\\d+)\"").Groups[1].Value;
        var (_, chosen) = await committee.GetAsync("/Standards/Create?Prompt=" + Uri.EscapeDataString(prompt));
        var criteria = Regex.Matches(chosen, "name=\"Scores\\[([a-z-]+)\\]\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(5, criteria.Count);
        var (missing, missingBody) = await committee.PostFormAsync("/Standards/Create",
            [new("Prompt", prompt), new("Title", "Half scored"), new("EssayText", "An exemplar."), new("Scores[observation]", "2"), new("Rationale", "Why.")]);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Give a score for every criterion", missingBody);
        var (outside, outsideBody) = await committee.PostFormAsync("/Standards/Create",
            [new("Prompt", prompt), new("Title", "Unknown code"), new("ResponseCode", "E-NOTACODE"), .. criteria.Select(c => new KeyValuePair<string, string>($"Scores[{c}]", "2")), new("Rationale", "Why.")]);
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("no finally scored response with that code", outsideBody);

        var (saved, _) = await committee.PostFormAsync("/Standards/Create",
            [new("Prompt", prompt), new("Title", "Committee exemplar"), new("EssayText", "An exemplar essay about a baby's cues."),
             .. criteria.Select(c => new KeyValuePair<string, string>($"Scores[{c}]", "2")), new("Rationale", "Solid throughout.")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var created = Assert.Single(await app.ActionsAsync("validity.paper-created"), a => a.Actor == "committee");
        var id = created.SubjectId!;

        // Revising from version 1 makes version 2; a second save from version 1 is refused, not lost silently.
        KeyValuePair<string, string>[] revision = [new("Version", "1"), .. criteria.Select(c => new KeyValuePair<string, string>($"Scores[{c}]", "3")), new("Rationale", "Better than we said.")];
        var (revised, _) = await committee.PostFormAsync($"/Standards/Paper/{id}", revision);
        Assert.Equal(HttpStatusCode.Redirect, revised.StatusCode);
        var (stale, staleBody) = await committee.PostFormAsync($"/Standards/Paper/{id}", revision);
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("newer version", staleBody);
        Assert.Single(await app.ActionsAsync("validity.paper-revised"));

        var (monitoring, monitoringBody) = await committee.GetAsync("/Committee/Raters/Monitoring");
        Assert.Equal(HttpStatusCode.OK, monitoring.StatusCode);
        Assert.Contains("id=\"accuracy\"", monitoringBody);
        Assert.DoesNotContain("Suspend until requalified", monitoringBody); // suspension is the leads' call

        var (small, smallBody) = await committee.PostFormAsync("/Standards/NewSet", [new("Title", "Too few"), new("EssaySet", "Clinical"), new("PaperIds", id)]);
        Assert.Equal(HttpStatusCode.BadRequest, small.StatusCode);
        Assert.Contains("at least 4 papers", smallBody);
    }

    [Fact]
    public async Task A_rater_cannot_open_or_submit_another_raters_practice_paper()
    {
        string code;
        await using (var s = await app.Db.OpenAsync())
            code = await s.Connection.ExecuteScalarAsync<string>(
                "SELECT v.code FROM validity_reads v JOIN staff_users u ON u.id = v.rater_id WHERE u.user_name = 'rater1' AND v.kind = 'qualification'",
                transaction: s.Transaction) ?? throw new InvalidOperationException("the demo has no practice reads");
        var other = await SignedInAsync("rater2");
        var (page, body) = await other.GetAsync("/Rating/Qualify/Paper/" + code);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("Clinical benchmark", body);
        var (post, _) = await other.PostFormAsync("/Rating", [new("Scores[observation]", "3")], "/Rating/Qualify/Paper/" + code);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        // Nor does a seed's or practice paper's code open the live rating page of anyone else.
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/Rating/Rate/" + code)).Response.StatusCode);
    }
}
