using System.Net;
using Exam.Web.Tests.Fixtures;
using Exam.Web.Tests.Pages.Rating;

namespace Exam.Web.Tests.Pages.Committee.Results;

/// <summary>From two discrepant ratings through adjudication to a recorded result, its release and the score report.</summary>
public sealed class ReleaseTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    [Fact]
    public async Task Discrepant_ratings_are_adjudicated_and_the_released_result_reaches_the_candidate_only_after_release()
    {
        // Eight questions, four per domain: enough items for a domain verdict (DomainVerdicts.MinimumItems).
        var form = await ExamSeed.PublishedFormAsync(app, questions: 8);
        var sat = await RatingSteps.SitBothPartsAsync(app, form, "Essay one, about observation.", "Essay two, about theory.");
        Assert.Equal(2, sat.Codes.Count);
        var first = await RatingSteps.RaterAsync(app);
        var second = await RatingSteps.RaterAsync(app);
        var lead = await RatingSteps.RaterAsync(app, lead: true);

        foreach (var _ in sat.Codes)
        {
            var a = await first.ClaimOneOfAsync(sat.Codes);
            Assert.Equal(HttpStatusCode.Redirect, (await first.RateAsync(a, 0, "Say more about what you observed.")).Response.StatusCode);
            var b = await second.ClaimOneOfAsync([a]);
            Assert.Equal(HttpStatusCode.Redirect, (await second.RateAsync(b, 3, "Theory is applied with care.")).Response.StatusCode);
            // A rater never sees the other rating.
            Assert.DoesNotContain("Theory is applied with care.", (await first.Browser.GetAsync("/Rating/Rate/" + a)).Body);
        }
        Assert.NotEmpty(await app.ActionsAsync("rating.adjudication-needed"));

        // Before adjudication nothing is final and nothing is shown.
        Assert.Contains("have not been released", (await sat.Session.Browser.GetAsync("/Candidate/Results")).Body);
        foreach (var _ in sat.Codes)
        {
            var c = await lead.ClaimOneOfAsync(sat.Codes, adjudication: true);
            var (page, html) = await lead.Browser.GetAsync("/Rating/Rate/" + c);
            Assert.Contains("id=\"blind-third-read\"", html); // the form's default: a third read made without the first two
            Assert.Equal(HttpStatusCode.Redirect, (await lead.RateAsync(c, 2, "A third reader's note.")).Response.StatusCode);
        }
        Assert.Equal(2, (await app.ActionsAsync("rating.resolved")).Count(r => r.AfterJson!.Contains("\"Adjudicated\":true") && r.AfterJson.Contains("2.5")));

        var committee = Browserless.For(app);
        await committee.StaffSignInAsync("committee", DemoLogins.Staff("committee").Password);
        var (sitting, sittingHtml) = await committee.GetAsync($"/Committee/Results/Sitting/{sat.Seat.SittingId}");
        Assert.Equal(HttpStatusCode.OK, sitting.StatusCode);
        Assert.Contains($"data-candidate=\"{sat.Seat.CandidateNumber}\"", sittingHtml);
        Assert.Contains("5/6 (83.33%) pass", sittingHtml);
        Assert.Contains("have not been released", (await sat.Session.Browser.GetAsync("/Candidate/Results")).Body);

        // Both essays were discrepant: their feedback is reviewed (approved as proposed) before the release.
        var review = $"/Committee/Results/Feedback/{sat.Seat.SittingId}";
        foreach (var code in sat.Codes)
        {
            var page = (await committee.GetAsync(review)).Body;
            var proposal = System.Text.RegularExpressions.Regex.Match(page, $"data-code=\"{code}\"[\\s\\S]*?name=\"proposal\" value=\"([^\"]*)\"").Groups[1].Value;
            Assert.Equal(HttpStatusCode.Redirect,
                (await committee.PostFormAsync(review, [new("code", code), new("version", "0"), new("proposal", proposal)], review + "?handler=Approve")).Response.StatusCode);
        }
        var (release, _) = await committee.PostFormAsync($"/Committee/Results/Sitting/{sat.Seat.SittingId}", [],
            $"/Committee/Results/Sitting/{sat.Seat.SittingId}?handler=Release");
        Assert.Equal(HttpStatusCode.Redirect, release.StatusCode);
        Assert.Contains(await app.ActionsAsync("results.released"), r => r.SubjectId == sat.Seat.SittingId.ToString() && r.Actor == "committee");

        var (report, reportHtml) = await sat.Session.Browser.GetAsync("/Candidate/Results");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Contains("id=\"overall\" class=\"fail\"", reportHtml); // Part One was left blank
        Assert.Contains("Part Two: essays", reportHtml);
        Assert.Contains("83.3%", reportHtml);
        // Ratings 0 and 3, then 2: the third read counts with the closer (3), so the first read's feedback is not the candidate's.
        Assert.DoesNotContain("Say more about what you observed.", reportHtml);
        Assert.Contains("Theory is applied with care.", reportHtml);
        Assert.Contains("A third reader&#x27;s note.", reportHtml);
        Assert.Contains("Domains to strengthen", reportHtml);
        foreach (var name in new[] { first.UserName, second.UserName, lead.UserName, "Test Staff" })
            Assert.DoesNotContain(name, reportHtml);

        var coordinator = Browserless.For(app);
        await coordinator.StaffSignInAsync("coordinator", DemoLogins.Staff("coordinator").Password);
        var (csv, csvText) = await coordinator.GetAsync($"/Admin/Results?handler=Export&sittingId={sat.Seat.SittingId}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"\"{sat.Seat.CandidateNumber}\",\"Candidate {sat.Seat.CandidateNumber}\",\"IMHS\"", csvText);
        Assert.Contains("\"5\",\"6\",\"83.33\",\"pass\",\"fail\"", csvText);
        var (record, recordHtml) = await coordinator.GetAsync($"/Admin/Results/Candidate?number={sat.Seat.CandidateNumber}");
        Assert.Equal(HttpStatusCode.OK, record.StatusCode);
        Assert.Contains("current", recordHtml);
    }

    [Fact]
    public async Task A_candidate_sees_no_unreleased_result()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var sat = await RatingSteps.SitBothPartsAsync(app, form);
        var committee = Browserless.For(app);
        await committee.StaffSignInAsync("committee", DemoLogins.Staff("committee").Password);
        // No essay written: Part Two is final at zero at once, so the result is recorded but not released.
        var (_, html) = await committee.GetAsync($"/Committee/Results/Sitting/{sat.Seat.SittingId}");
        Assert.Contains($"data-candidate=\"{sat.Seat.CandidateNumber}\"", html);
        var (page, body) = await sat.Session.Browser.GetAsync("/Candidate/Results");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("have not been released", body);
        Assert.DoesNotContain("Part One: multiple choice", body);
    }
}
