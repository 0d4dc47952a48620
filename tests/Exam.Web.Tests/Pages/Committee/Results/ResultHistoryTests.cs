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
        // A GET never writes: the page says a changed result waits, the CSV export shows the record as it is.
        var (page, html) = await committee.GetAsync($"/Committee/Results/Sitting/{sat.Seat.SittingId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("1 complete attempt has a result not yet on the record", html);
        Assert.DoesNotContain("6/6 (100%) pass", html);
        var coordinator = Browserless.For(app);
        await coordinator.StaffSignInAsync("coordinator", DemoLogins.Staff("coordinator").Password);
        var (csv, _) = await coordinator.GetAsync($"/Admin/Results?handler=Export&sittingId={sat.Seat.SittingId}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        await using (var s = await app.Db.OpenAsync())
            Assert.Single(await results.HistoryAsync(s, sat.Seat.CandidateId));

        var (recorded, _) = await committee.PostFormAsync($"/Committee/Results/Sitting/{sat.Seat.SittingId}", [],
            $"/Committee/Results/Sitting/{sat.Seat.SittingId}?handler=Record");
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Contains("6/6 (100%) pass", (await committee.GetAsync($"/Committee/Results/Sitting/{sat.Seat.SittingId}")).Body);

        await using var read = await app.Db.OpenAsync();
        var history = await results.HistoryAsync(read, sat.Seat.CandidateId);
        Assert.Equal(2, history.Count);
        Assert.Single(history, r => r.SupersededAt is null && r.PartOnePassed == true);
        Assert.Single(history, r => r.SupersededAt is not null && r.PartOnePassed == false);
        Assert.Contains(await app.ActionsAsync("result.re-recorded"), a => a.SubjectId == sat.Seat.CandidateId.ToString());
    }

    [Fact]
    public async Task A_part_passed_at_an_earlier_attempt_counts_towards_passing_overall()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var seat = await ExamSeed.SeatAsync(app, form, partTwo: false);
        var session = await CandidateSession.SignInAsync(app, seat);
        await session.AcceptRulesAsync();
        Assert.Equal("/Candidate/Exam/PartOne", await session.OpenAsync());
        foreach (var q in form.Questions) await session.SaveMcAsync(q.Position, q.Position, session.SlotOf(q.Position, q.KeyText));
        await session.SubmitAsync("/Candidate/Exam/PartOne");

        // A later sitting: Part Two only, for the same candidate.
        var now = app.Clock.GetUtcNow();
        var code = Exam.Core.Accounts.AccessCode.Generate();
        var registrations = app.Services.GetRequiredService<Exam.Data.Scheduling.RegistrationStore>();
        ExamSeed.Seat retake;
        await using (var s = await app.Db.BeginAsync())
        {
            var sittingId = await app.Services.GetRequiredService<Exam.Data.Scheduling.SittingStore>().CreateAsync(s, new Exam.Data.Scheduling.Sitting
            {
                Title = "Retake sitting", FormId = form.Id, OpensAt = now.AddMinutes(-5), ClosesAt = now.AddHours(4), Location = "Remote",
            });
            var registration = new Exam.Data.Scheduling.Registration { CandidateId = seat.CandidateId, SittingId = sittingId, SitPartOne = false, SitPartTwo = true };
            registration = registration with { Id = await registrations.CreateAsync(s, registration) };
            await registrations.IssueAccessCodeAsync(s, registration,
                app.Services.GetRequiredService<Exam.Core.Accounts.AccessCodeHasher>().Hash(Exam.Core.Accounts.AccessCode.Normalize(code)!), now.AddMinutes(-5), now.AddHours(4));
            await s.CommitAsync();
            retake = new ExamSeed.Seat(seat.CandidateNumber, code, registration.Id, sittingId, seat.CandidateId);
        }
        var committee = Browserless.For(app);
        await committee.StaffSignInAsync("committee", DemoLogins.Staff("committee").Password);
        var first = $"/Committee/Results/Sitting/{seat.SittingId}";
        await committee.PostFormAsync(first, [], first + "?handler=Record"); // a Part-One-only result waits for the committee
        Assert.Contains("6/6 (100%) pass", (await committee.GetAsync(first)).Body);

        var second = await CandidateSession.SignInAsync(app, retake);
        await second.AcceptRulesAsync();
        Assert.Equal("/Candidate/Exam/PartTwo", await second.OpenAsync());
        await second.SaveEssayAsync(1, form.EssayVersionIds[0], true, "A first essay worth full marks.");
        await second.SaveEssayAsync(2, form.EssayVersionIds[1], true, "A second essay worth full marks.");
        await second.SubmitAsync("/Candidate/Exam/PartTwo");
        long attemptId;
        List<string> codes;
        await using (var s = await app.Db.OpenAsync())
        {
            attemptId = (await app.Services.GetRequiredService<AttemptStore>().IdForRegistrationAsync(s, retake.RegistrationId))!.Value;
            codes = (await app.Services.GetRequiredService<Exam.Data.Rating.RatingStore>().ResponsesOfAttemptAsync(s, attemptId)).Select(r => r.Code).ToList();
        }
        var a = await RatingSteps.RaterAsync(app);
        var b = await RatingSteps.RaterAsync(app);
        foreach (var _ in codes)
        {
            var x = await a.ClaimOneOfAsync(codes);
            await a.RateAsync(x, 3, "Full marks.");
            await b.RateAsync(await b.ClaimOneOfAsync([x]), 3, "Full marks too.");
        }

        await using var read = await app.Db.OpenAsync();
        var results = app.Services.GetRequiredService<ExamResultStore>();
        var earlier = (await results.HistoryAsync(read, seat.CandidateId)).Single(r => r.SittingId == seat.SittingId);
        var later = (await results.CurrentAsync(read, attemptId))!;
        Assert.Equal((true, false), (earlier.PartOnePassed!.Value, earlier.OverallPassed));
        Assert.Equal(earlier.Id, later.PartOneCarriedFrom);
        Assert.Equal((true, true, true), (later.PartOnePassed!.Value, later.PartTwoPassed!.Value, later.OverallPassed));
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
