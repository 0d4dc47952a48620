using System.Net;
using System.Text.RegularExpressions;
using Exam.Data.Delivery;
using Exam.Web.Tests.Fixtures;
using Exam.Web.Tests.Pages.Rating;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Candidate;

/// <summary>
/// The candidate's score report: nothing about a part they did not sit, how many items each domain subscore rests on
/// (no verdict on fewer than four), each essay's score by rubric criterion from the reads that count, and a printable
/// report that names the candidate and that no one else can open.
/// </summary>
public sealed class ScoreReportTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    [Fact]
    public async Task A_Part_One_only_candidate_sees_no_overall_not_passed_for_a_part_they_did_not_sit()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var (seat, session) = await SitPartOneAsync(form, _ => true);
        await ReleaseAsync(seat.SittingId);

        var (report, html) = await session.Browser.GetAsync("/Candidate/Results");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Contains("Part One: multiple choice", html);
        Assert.Contains("<strong>Pass</strong>: 6 of 6", html);
        Assert.Contains("Not decided yet: the endorsement needs both parts, and this report has Part One only.", html);
        Assert.DoesNotContain("Not passed", html);
        Assert.DoesNotContain("class=\"fail\"", html);
    }

    [Fact]
    public async Task Each_domain_shows_the_items_it_rests_on_and_a_domain_of_three_items_gets_no_verdict()
    {
        // Seven questions: odd ones Theoretical Foundations (4 items), even ones Reflection (3 items).
        var form = await ExamSeed.PublishedFormAsync(app, questions: 7);
        var (seat, session) = await SitPartOneAsync(form, n => n is 1 or 3 or 2 or 4 or 6);
        await ReleaseAsync(seat.SittingId);

        var html = (await session.Browser.GetAsync("/Candidate/Results")).Body;
        Assert.Matches(Row("theoretical-foundations", "ToStrengthen", "4", "2 of 4", "50%", "To strengthen"), html);
        // Three of three right, and still no verdict either way: three items are too few to tell.
        Assert.Matches(Row("reflection", "TooFewItems", "3", "3 of 3", "–", "Too few items for a verdict"), html);
        Assert.Contains("No verdict for Reflection (3 items): a verdict needs at least 4 items", html);
        var strengthen = Regex.Match(html, "<p id=\"to-strengthen\">([^<]*)</p>").Groups[1].Value;
        Assert.Contains("Theoretical Foundations", strengthen);
        Assert.DoesNotContain("Reflection", strengthen);
        Assert.DoesNotContain("At or above the pass mark", html);
    }

    [Fact]
    public async Task Part_Two_shows_each_essays_score_by_criterion_from_the_reads_that_count_and_nothing_about_who_read_it()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var sat = await RatingSteps.SitBothPartsAsync(app, form, "An essay the raters disagree on.", "An essay the raters agree on.");
        var first = await RatingSteps.RaterAsync(app);
        var second = await RatingSteps.RaterAsync(app);
        var lead = await RatingSteps.RaterAsync(app, lead: true);
        // Essay a: 0 and 3 are too far apart; the third read (2) counts with the closer (3): 2.5, not the mean of all three.
        var a = await first.ClaimOneOfAsync(sat.Codes);
        await first.RateAsync(a, 0, "Read one says more observation.");
        await second.RateAsync(await second.ClaimOneOfAsync([a]), 3, "Read two likes the plan.");
        await lead.RateAsync(await lead.ClaimOneOfAsync([a], adjudication: true), 2, "The third read agrees on the plan.");
        // Essay b: 1 and 2 agree within tolerance: 1.5.
        var b = sat.Codes.Single(c => c != a);
        await first.RateAsync(await first.ClaimOneOfAsync([b]), 1, "Essay b, first read.");
        await second.RateAsync(await second.ClaimOneOfAsync([b]), 2, "Essay b, second read.");
        var committee = await CommitteeAsync();
        var review = $"/Committee/Results/Feedback/{sat.Seat.SittingId}";
        var proposal = Regex.Match((await committee.GetAsync(review)).Body, $"data-code=\"{a}\"[\\s\\S]*?name=\"proposal\" value=\"([^\"]*)\"").Groups[1].Value;
        Assert.Equal(HttpStatusCode.Redirect,
            (await committee.PostFormAsync(review, [new("code", a), new("version", "0"), new("proposal", proposal)], review + "?handler=Approve")).Response.StatusCode);
        await ReleaseAsync(sat.Seat.SittingId);

        var html = (await sat.Session.Browser.GetAsync("/Candidate/Results")).Body;
        var scores = Regex.Matches(html, "<p class=\"essay-score\">Score: <strong>([^<]*)</strong></p>").Select(m => m.Groups[1].Value).Order().ToList();
        Assert.Equal(["1.5 of 3", "2.5 of 3"], scores);
        var criteria = Regex.Matches(html, "<tr><th scope=\"row\">Observation</th><td>([^<]*)</td></tr>").Select(m => m.Groups[1].Value).Order().ToList();
        Assert.Equal(["1.5 of 3", "2.5 of 3"], criteria);
        Assert.Contains("Essay 1 by rubric criterion", html);
        Assert.Contains("Read two likes the plan.", html);
        Assert.DoesNotContain("Read one says more observation.", html); // a read that does not count gives no feedback
        Assert.DoesNotContain("1.67", html);
        foreach (var leak in new[] { first.UserName, second.UserName, lead.UserName, "Rating A", "Rating B", "Third read", a, b })
            Assert.DoesNotContain(leak, html);
    }

    [Fact]
    public async Task The_printable_report_names_the_candidate_and_no_other_candidate_or_rater_can_open_it_by_changing_the_url()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var (mine, me) = await SitPartOneAsync(form, n => n <= 5);
        await ReleaseAsync(mine.SittingId);
        var myAttempt = await AttemptOfAsync(mine);
        var url = "/Candidate/Results/Report/" + myAttempt;

        Assert.Contains($"href=\"{url}\"", (await me.Browser.GetAsync("/Candidate/Results")).Body);
        var (page, html) = await me.Browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"<dd class=\"candidate-name\">Candidate {mine.CandidateNumber}</dd>", html);
        Assert.Contains($"<dd class=\"candidate-number\">{mine.CandidateNumber}</dd>", html);
        Assert.Contains("data-print", html);
        Assert.Contains("<strong>Pass</strong>: 5 of 6", html);

        // Another candidate, whose own result is recorded but not released: neither report opens for them.
        var (theirs, them) = await SitPartOneAsync(form, _ => true);
        var committee = await CommitteeAsync();
        var sitting = $"/Committee/Results/Sitting/{theirs.SittingId}";
        Assert.Equal(HttpStatusCode.Redirect, (await committee.PostFormAsync(sitting, [], sitting + "?handler=Record")).Response.StatusCode);
        Assert.Contains($"data-candidate=\"{theirs.CandidateNumber}\"", (await committee.GetAsync(sitting)).Body);
        var (other, otherHtml) = await them.Browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain(mine.CandidateNumber, otherHtml);
        var (unreleased, unreleasedHtml) = await them.Browser.GetAsync("/Candidate/Results/Report/" + await AttemptOfAsync(theirs));
        Assert.Equal(HttpStatusCode.NotFound, unreleased.StatusCode);
        Assert.DoesNotContain("Part One: multiple choice", unreleasedHtml);
        Assert.Contains("have not been released", (await them.Browser.GetAsync("/Candidate/Results")).Body);
        Assert.Equal(HttpStatusCode.NotFound, (await them.Browser.GetAsync("/Candidate/Results/Report/999999999")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await them.Browser.GetAsync("/Candidate/Results/Report/abc")).Response.StatusCode);

        // Staff (a rater here) never open a candidate's page, and no one signed out does.
        var rater = await RatingSteps.RaterAsync(app);
        foreach (var browser in new[] { rater.Browser, Browserless.For(app) })
        {
            var (refused, refusedHtml) = await browser.GetAsync(url);
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
            Assert.DoesNotContain(mine.CandidateNumber, refusedHtml);
        }
    }

    private static string Row(string domain, string verdict, params string[] cells) =>
        $"<tr data-domain=\"{domain}\" data-verdict=\"{verdict}\">\\s*<th scope=\"row\">[^<]+</th>"
        + string.Concat(cells.Select(c => $"\\s*<td>{Regex.Escape(c)}</td>")) + "\\s*</tr>";

    private async Task<(ExamSeed.Seat Seat, CandidateSession Session)> SitPartOneAsync(ExamSeed.Form form, Func<int, bool> answersRight)
    {
        var seat = await ExamSeed.SeatAsync(app, form, partTwo: false);
        var session = await CandidateSession.SignInAsync(app, seat);
        await session.AcceptRulesAsync();
        Assert.Equal("/Candidate/Exam/PartOne", await session.OpenAsync());
        for (var n = 1; n <= form.Questions.Count; n++)
            if (answersRight(n))
                Assert.Equal(HttpStatusCode.OK, (await session.SaveMcAsync(n, n, session.SlotOf(n, form.Questions[n - 1].KeyText))).Status);
        await session.SubmitAsync("/Candidate/Exam/PartOne");
        return (seat, session);
    }

    private async Task<long> AttemptOfAsync(ExamSeed.Seat seat)
    {
        await using var s = await app.Db.OpenAsync();
        return (await app.Services.GetRequiredService<AttemptStore>().IdForRegistrationAsync(s, seat.RegistrationId))!.Value;
    }

    private async Task<Browserless> CommitteeAsync()
    {
        var committee = Browserless.For(app);
        await committee.StaffSignInAsync("committee", DemoLogins.Staff("committee").Password);
        return committee;
    }

    private async Task ReleaseAsync(long sittingId)
    {
        var committee = await CommitteeAsync();
        var (release, _) = await committee.PostFormAsync($"/Committee/Results/Sitting/{sittingId}", [],
            $"/Committee/Results/Sitting/{sittingId}?handler=Release");
        Assert.Equal(HttpStatusCode.Redirect, release.StatusCode);
    }
}
