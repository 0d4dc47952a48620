using System.Net;
using Exam.Web.Tests.Fixtures;

namespace Exam.Web.Tests.Pages.Candidate;

/// <summary>The candidate's score report says nothing about a part they did not sit.</summary>
public sealed class ScoreReportTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    [Fact]
    public async Task A_Part_One_only_candidate_sees_no_overall_not_passed_for_a_part_they_did_not_sit()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var seat = await ExamSeed.SeatAsync(app, form, partTwo: false);
        var session = await CandidateSession.SignInAsync(app, seat);
        await session.AcceptRulesAsync();
        Assert.Equal("/Candidate/Exam/PartOne", await session.OpenAsync());
        for (var n = 1; n <= form.Questions.Count; n++)
            Assert.Equal(HttpStatusCode.OK, (await session.SaveMcAsync(n, n, session.SlotOf(n, form.Questions[n - 1].KeyText))).Status);
        await session.SubmitAsync("/Candidate/Exam/PartOne");

        var committee = Browserless.For(app);
        await committee.StaffSignInAsync("committee", DemoLogins.Staff("committee").Password);
        var (release, _) = await committee.PostFormAsync($"/Committee/Results/Sitting/{seat.SittingId}", [],
            $"/Committee/Results/Sitting/{seat.SittingId}?handler=Release");
        Assert.Equal(HttpStatusCode.Redirect, release.StatusCode);

        var (report, html) = await session.Browser.GetAsync("/Candidate/Results");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Contains("Part One: multiple choice", html);
        Assert.Contains("<strong>Pass</strong>: 6 of 6", html);
        Assert.Contains("Not decided yet: the endorsement needs both parts, and this report has Part One only.", html);
        Assert.DoesNotContain("Not passed", html);
        Assert.DoesNotContain("class=\"fail\"", html);
    }
}
