using System.Net;
using Exam.Data.Delivery;
using Exam.Web.Tests.Fixtures;
using Exam.Web.Tests.Pages.Rating;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Committee.Results;

/// <summary>A change after release never un-releases silently: the candidate keeps the released report until the revision is released.</summary>
public sealed class ChangedAfterReleaseTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    [Fact]
    public async Task A_rescore_after_release_keeps_the_released_report_until_the_revision_is_released_then_marks_it_revised()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var sat = await RatingSteps.SitBothPartsAsync(app, form);
        var sitting = $"/Committee/Results/Sitting/{sat.Seat.SittingId}";
        var committee = Browserless.For(app);
        await committee.StaffSignInAsync("committee", DemoLogins.Staff("committee").Password);
        await committee.PostFormAsync(sitting, [], sitting + "?handler=Release");
        var (_, before) = await sat.Session.Browser.GetAsync("/Candidate/Results");
        Assert.Contains("Not passed", before);
        Assert.DoesNotContain("revised", before);
        var coordinator = Browserless.For(app);
        await coordinator.StaffSignInAsync("coordinator", DemoLogins.Staff("coordinator").Password);
        Assert.Contains("fail; released", (await coordinator.GetAsync($"/Admin/Candidates/Record/{sat.Seat.CandidateId}")).Body);

        // A key correction rescores Part One after release.
        await using (var s = await app.Db.BeginAsync())
        {
            await app.Services.GetRequiredService<ResultStore>().RecordAsync(s, new McResult
            {
                AttemptId = sat.AttemptId, KeyVersion = 2, Raw = 6, MaxScore = 6, PercentScore = 100, Passed = true, DomainsJson = "[]",
                ScoredAt = app.Clock.GetUtcNow(),
            });
            await s.CommitAsync();
        }
        await committee.PostFormAsync(sitting, [], sitting + "?handler=Record");
        Assert.Contains("Changed after release: 1 candidate", (await committee.GetAsync(sitting)).Body);
        Assert.Contains("changed after release", (await coordinator.GetAsync($"/Admin/Candidates/Record/{sat.Seat.CandidateId}")).Body);
        var (_, kept) = await sat.Session.Browser.GetAsync("/Candidate/Results");
        Assert.Contains("Not passed", kept);
        Assert.DoesNotContain("6 of 6", kept);
        var (_, keptPrintable) = await sat.Session.Browser.GetAsync($"/Candidate/Results/Report/{sat.AttemptId}");
        Assert.Contains("Not passed", keptPrintable);
        Assert.DoesNotContain("6 of 6", keptPrintable);

        var (released, _) = await committee.PostFormAsync(sitting, [], sitting + "?handler=Release");
        Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);
        var (_, revised) = await sat.Session.Browser.GetAsync("/Candidate/Results");
        Assert.Contains("6 of 6", revised);
        Assert.Contains("(revised ", revised);
        var (_, printable) = await sat.Session.Browser.GetAsync($"/Candidate/Results/Report/{sat.AttemptId}");
        Assert.Contains("6 of 6", printable);
        Assert.Contains("(revised ", printable);
        Assert.DoesNotContain("Changed after release", (await committee.GetAsync(sitting)).Body);
        Assert.Contains(await app.ActionsAsync("result.re-recorded"), a => a.SubjectId == sat.Seat.CandidateId.ToString());
    }
}
