using System.Net;
using System.Text.RegularExpressions;
using Exam.Web.Tests.Fixtures;
using Exam.Web.Tests.Pages.Rating;

namespace Exam.Web.Tests.Pages.Committee.Results;

/// <summary>
/// Feedback review before release: the feedback of the reads that count, held after discrepant ratings until a lead or
/// the committee approves or edits it; the release waits for it; the reviewer never learns who wrote an essay.
/// </summary>
public sealed class FeedbackReviewTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    private const string Outlier = "Outlier read: nothing here is right.";
    private const string Closer = "Closer read: the plan is sound.";
    private const string Third = "Third read: observe the dyad more closely.";
    private const string AgreeOne = "Agreeing read one: clear theory.";
    private const string AgreeTwo = "Agreeing read two: kind and precise.";

    /// <summary>Two essays: the first rated 0 and 3 then 2 by a lead (reads 2 and 3 count), the second rated 2 and 3 (agreeing).</summary>
    private async Task<(RatingSteps.Sat Sat, RatingSteps.Rater Lead)> RatedAsync()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var sat = await RatingSteps.SitBothPartsAsync(app, form, "Essay about a dyad.", "Essay about grief.");
        var first = await RatingSteps.RaterAsync(app);
        var second = await RatingSteps.RaterAsync(app);
        var lead = await RatingSteps.RaterAsync(app, lead: true);
        foreach (var _ in sat.Codes)
        {
            var a = await first.ClaimOneOfAsync(sat.Codes);
            var discrepant = a == sat.Codes[0];
            Assert.Equal(HttpStatusCode.Redirect, (await first.RateAsync(a, discrepant ? 0 : 2, discrepant ? Outlier : AgreeOne)).Response.StatusCode);
            var b = await second.ClaimOneOfAsync([a]);
            Assert.Equal(HttpStatusCode.Redirect, (await second.RateAsync(b, 3, discrepant ? Closer : AgreeTwo)).Response.StatusCode);
        }
        var c = await lead.ClaimOneOfAsync([sat.Codes[0]], adjudication: true);
        Assert.Equal(HttpStatusCode.Redirect, (await lead.RateAsync(c, 2, Third)).Response.StatusCode);
        return (sat, lead);
    }

    private static async Task<Browserless> CommitteeAsync(ExamAppFactory app)
    {
        var committee = Browserless.For(app);
        await committee.StaffSignInAsync("committee", DemoLogins.Staff("committee").Password);
        return committee;
    }

    private static string Hidden(string html, string code, string name) =>
        Regex.Match(html, $"data-code=\"{code}\"[\\s\\S]*?name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value;

    [Fact]
    public async Task Discrepant_feedback_is_held_the_release_waits_and_the_candidate_reads_only_the_reviewed_text()
    {
        var (sat, lead) = await RatedAsync();
        var (discrepant, agreeing) = (sat.Codes[0], sat.Codes[1]);
        var committee = await CommitteeAsync(app);
        var sittingPage = $"/Committee/Results/Sitting/{sat.Seat.SittingId}";
        Assert.Contains("Feedback held for review: 1 essay", (await committee.GetAsync(sittingPage)).Body);

        var (refused, _) = await committee.PostFormAsync(sittingPage, [], sittingPage + "?handler=Release");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("Nothing was released: the feedback on 1 essay", (await committee.GetAsync(sittingPage)).Body);
        Assert.Contains("have not been released", (await sat.Session.Browser.GetAsync("/Candidate/Results")).Body);
        Assert.DoesNotContain(await app.ActionsAsync("results.released"), a => a.SubjectId == sat.Seat.SittingId.ToString());

        // The lead's review page: the reads that count, by code only; nothing that says who wrote them.
        var leadPage = $"/Rating/Feedback/{sat.Seat.SittingId}";
        var (page, html) = await lead.Browser.GetAsync(leadPage);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"data-code=\"{discrepant}\" data-state=\"held\"", html);
        Assert.Contains($"data-code=\"{agreeing}\" data-state=\"aswritten\"", html);
        Assert.Contains("Rating B (total 3); Third read (total 2)", html);
        Assert.Contains(Closer, html);
        Assert.Contains(Third, html);
        Assert.DoesNotContain(Outlier, html); // a read that does not count gives no feedback
        // The test sitting's title carries the candidate number; the essays themselves carry nothing of the candidate.
        var essays = html[html.IndexOf("<article", StringComparison.Ordinal)..(html.LastIndexOf("</article>", StringComparison.Ordinal))];
        Assert.DoesNotContain(sat.Seat.CandidateNumber, essays);
        Assert.DoesNotContain("Candidate " + sat.Seat.CandidateNumber, html);
        Assert.DoesNotContain("Test AIMH", html);
        Assert.Contains($"<a href=\"/Rating/Feedback/{sat.Seat.SittingId}\">", (await lead.Browser.GetAsync("/Rating/Feedback")).Body);

        const string Reviewed = "Reviewed: the plan is sound; observe the dyad more closely.";
        var (edited, _) = await lead.Browser.PostFormAsync(leadPage,
            [new("code", discrepant), new("version", "0"), new("proposal", Hidden(html, discrepant, "proposal")), new("text", Reviewed)],
            leadPage + "?handler=Edit");
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var audit = Assert.Single(await app.ActionsAsync("feedback.edited"), a => a.AfterJson!.Contains(discrepant));
        Assert.Equal(lead.UserName, audit.Actor);
        var (_, after) = await committee.GetAsync($"/Committee/Results/Feedback/{sat.Seat.SittingId}");
        Assert.Contains($"data-code=\"{discrepant}\" data-state=\"edited\"", after);
        Assert.Contains("No essay&#x27;s feedback is held for review.", (await committee.GetAsync(sittingPage)).Body);

        var (released, _) = await committee.PostFormAsync(sittingPage, [], sittingPage + "?handler=Release");
        Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);
        var (_, report) = await sat.Session.Browser.GetAsync("/Candidate/Results");
        Assert.Contains(Reviewed, report);
        Assert.DoesNotContain(Closer, report);
        Assert.DoesNotContain(Third, report);
        Assert.DoesNotContain(Outlier, report);
        Assert.Contains(AgreeOne, report); // agreeing reads go out as written
        Assert.Contains(AgreeTwo, report);
    }

    [Fact]
    public async Task A_review_over_a_stale_version_or_proposal_an_empty_text_or_a_released_result_is_refused()
    {
        var (sat, lead) = await RatedAsync();
        var code = sat.Codes[0];
        var committee = await CommitteeAsync(app);
        var page = $"/Committee/Results/Feedback/{sat.Seat.SittingId}";
        var html = (await committee.GetAsync(page)).Body;
        var proposal = Hidden(html, code, "proposal");
        Assert.Equal(16, proposal.Length);

        async Task<string> PostAsync(string handler, params KeyValuePair<string, string>[] fields)
        {
            var (response, _) = await committee.PostFormAsync(page, fields, $"{page}?handler={handler}");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return (await committee.GetAsync(page)).Body;
        }

        Assert.Contains("changed since the page was opened",
            await PostAsync("Approve", new("code", code), new("version", "0"), new("proposal", "0000000000000000")));
        Assert.Contains("may not be empty",
            await PostAsync("Edit", new("code", code), new("version", "0"), new("proposal", proposal), new("text", "   ")));
        Assert.Contains($"Feedback on {code} approved.",
            await PostAsync("Approve", new("code", code), new("version", "0"), new("proposal", proposal)));
        // A second reviewer who saw the page before the first saved: refused, not overwritten.
        Assert.Contains("Someone else reviewed",
            await PostAsync("Edit", new("code", code), new("version", "0"), new("proposal", proposal), new("text", "Overwrite.")));
        Assert.Single(await app.ActionsAsync("feedback.approved"), a => a.AfterJson!.Contains(code));
        Assert.DoesNotContain(await app.ActionsAsync("feedback.edited"), a => a.AfterJson!.Contains(code));

        var (unknown, _) = await committee.PostFormAsync(page,
            [new("code", "E-NOSUCH00"), new("version", "0"), new("proposal", proposal)], $"{page}?handler=Approve");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var rater = await RatingSteps.RaterAsync(app);
        var (denied, _) = await rater.Browser.GetAsync($"/Rating/Feedback/{sat.Seat.SittingId}"); // a rater who is not a lead
        Assert.Contains("/Account/AccessDenied", denied.Headers.Location!.OriginalString);
        var (candidate, _) = await sat.Session.Browser.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, candidate.StatusCode);
        Assert.Contains("/Account/", candidate.Headers.Location!.OriginalString);

        var sittingPage = $"/Committee/Results/Sitting/{sat.Seat.SittingId}";
        await committee.PostFormAsync(sittingPage, [], sittingPage + "?handler=Release");
        Assert.Contains("Feedback from the raters", (await sat.Session.Browser.GetAsync("/Candidate/Results")).Body);
        // Released: the feedback the candidate read stands (a released report never changes silently).
        Assert.Contains("is released: its feedback stands",
            await PostAsync("Edit", new("code", code), new("version", "1"), new("proposal", proposal), new("text", "After release.")));
        Assert.DoesNotContain("After release.", (await sat.Session.Browser.GetAsync("/Candidate/Results")).Body);
    }
}
