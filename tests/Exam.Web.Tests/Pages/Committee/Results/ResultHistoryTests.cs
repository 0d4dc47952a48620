using System.Net;
using Exam.Core.Rating;
using Exam.Data.Delivery;
using Exam.Data.Results;
using Exam.Web.Rating;
using Exam.Web.Tests.Fixtures;
using Exam.Web.Tests.Pages.Rating;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Committee.Results;

public sealed class ResultHistoryTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    [Fact]
    public async Task A_rescore_records_a_new_result_and_keeps_the_old_one_as_history()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var sat = await RatingSteps.SitBothPartsAsync(app, form);
        var results = app.Services.GetRequiredService<ExamResultStore>();
        await using (var s = await app.Db.OpenAsync())
        {
            var first = await results.CurrentAsync(s, sat.AttemptId);
            Assert.NotNull(first);
            Assert.Equal((false, 0m), (first.PartOnePassed!.Value, first.PartTwoPercent!.Value));
        }
        await using (var s = await app.Db.BeginAsync())
        {
            await app.Services.GetRequiredService<ResultStore>().RecordAsync(s, new McResult
            {
                AttemptId = sat.AttemptId, KeyVersion = 2, Raw = 6, MaxScore = 6, PercentScore = 100, Passed = true, DomainsJson = "[]",
                ScoredAt = app.Clock.GetUtcNow(),
            });
            await s.CommitAsync();
        }
        var committee = Browserless.For(app);
        await committee.StaffSignInAsync("committee", DemoLogins.Staff("committee").Password);
        var (page, html) = await committee.GetAsync($"/Committee/Results/Sitting/{sat.Seat.SittingId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("6/6 (100%) pass", html);

        await using var read = await app.Db.OpenAsync();
        var history = await results.HistoryAsync(read, sat.Seat.CandidateId);
        Assert.Equal(2, history.Count);
        Assert.Single(history, r => r.SupersededAt is null && r.PartOnePassed == true);
        Assert.Single(history, r => r.SupersededAt is not null && r.PartOnePassed == false);
        Assert.Contains(await app.ActionsAsync("result.re-recorded"), a => a.SubjectId == sat.Seat.CandidateId.ToString());
    }

    [Fact]
    public async Task The_committee_assigns_a_rater_to_essay_sets_audited()
    {
        var committee = Browserless.For(app);
        await committee.StaffSignInAsync("committee", DemoLogins.Staff("committee").Password);
        var (_, html) = await committee.GetAsync("/Committee/Raters");
        Assert.Contains("data-rater=\"rater1\"", html);
        var rater = await RatingSteps.RaterAsync(app);
        var (response, _) = await committee.PostFormAsync("/Committee/Raters", [new("raterId", rater.Id.ToString()), new("sets", "Policy"), new("sets", "Research")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var audit = (await app.ActionsAsync("rater.sets-assigned")).First(a => a.SubjectId == rater.Id.ToString() && a.Actor == "committee");
        Assert.Equal("[\"Policy\",\"Research\"]", audit.AfterJson);
        var (monitoring, _) = await committee.GetAsync("/Committee/Raters/Monitoring");
        Assert.Equal(HttpStatusCode.OK, monitoring.StatusCode);
    }

    [Fact]
    public void Raters_below_the_thresholds_are_flagged_once_they_have_enough_reads()
    {
        var t = new MonitoringThresholds();
        var weak = new AgreementSummary(12, 30m, 60m, 0.4, -1.5m, 40m);
        Assert.Equal(5, RaterMonitoring.Flags(weak, t).Count);
        Assert.Contains("severe (harsh)", RaterMonitoring.Flags(weak, t));
        Assert.Empty(RaterMonitoring.Flags(weak with { Count = 5 }, t));
        Assert.Empty(RaterMonitoring.Flags(new AgreementSummary(20, 70m, 95m, 0.85, 0.2m, 10m), t));
    }
}
