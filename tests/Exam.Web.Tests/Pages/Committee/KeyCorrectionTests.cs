using System.Net;
using Exam.Core.Scoring;
using Exam.Data.Delivery;
using Exam.Web.Scoring;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Committee;

public sealed class KeyCorrectionTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    /// <summary>A candidate who answers the first <paramref name="right"/> questions with the key and the rest with another option.</summary>
    private async Task<long> SitAsync(ExamSeed.Form form, int right, string? lastAnswer = null)
    {
        var seat = await ExamSeed.SeatAsync(app, form, partTwo: false);
        var session = await CandidateSession.SignInAsync(app, seat);
        await session.AcceptRulesAsync();
        await session.OpenAsync("/Candidate/Exam/PartOne");
        var seq = 0;
        foreach (var q in form.Questions)
        {
            var text = q.Position <= right ? q.KeyText
                : q.Position == form.Questions.Count && lastAnswer is not null ? lastAnswer
                : session.OptionTexts(q.Position).First(t => t != q.KeyText);
            await session.SaveMcAsync(++seq, q.Position, session.SlotOf(q.Position, text));
        }
        await session.SubmitAsync("/Candidate/Exam/PartOne");
        await using var s = await app.Db.OpenAsync();
        return (await app.Services.GetRequiredService<AttemptStore>().IdForRegistrationAsync(s, seat.RegistrationId))!.Value;
    }

    private async Task<IReadOnlyList<McResult>> HistoryAsync(long attemptId)
    {
        await using var s = await app.Db.OpenAsync();
        return await app.Services.GetRequiredService<ResultStore>().HistoryAsync(s, attemptId);
    }

    [Fact]
    public async Task A_dry_run_lists_the_attempts_that_change_and_applying_rescores_them_keeping_history()
    {
        var form = await ExamSeed.PublishedFormAsync(app, questions: 5);
        var last = form.Questions[^1];
        var alsoRight = $"Option {"ABCD".First(l => l.ToString() != last.Key)} of question {last.Position}";
        var lucky = await SitAsync(form, right: 4, lastAnswer: alsoRight); // 4/5 = 80%: passes now
        var unlucky = await SitAsync(form, right: 3, lastAnswer: alsoRight); // 3/5: fails, 4/5 after the correction
        var corrections = app.Services.GetRequiredService<KeyCorrections>();
        var accept = new KeyCorrection("p5", [last.Key, alsoRight[7..8]], Drop: false, "Two options are defensible");

        var (key, preview) = await corrections.DryRunAsync(form.Id, accept);
        Assert.Equal(2, key.Version);
        var change = Assert.Single(preview, c => c.AttemptId == unlucky);
        Assert.Equal((3, 4, false, true), (change.OldRaw, change.NewRaw, change.OldPassed, change.NewPassed));
        Assert.Contains(preview, c => c.AttemptId == lucky && c.NewRaw == 5);
        Assert.Single(await HistoryAsync(unlucky)); // a dry run changes nothing

        await corrections.ApplyAsync(form.Id, accept, "committee");
        var history = await HistoryAsync(unlucky);
        Assert.Equal(2, history.Count);
        Assert.Equal((3, false, 1), (history[0].Raw, history[0].Passed, history[0].KeyVersion));
        Assert.NotNull(history[0].SupersededAt);
        Assert.Equal((4, true, 2), (history[1].Raw, history[1].Passed, history[1].KeyVersion));
        Assert.Contains(await app.ActionsAsync("key.corrected"), e => e.SubjectId == form.Id && e.Detail == "Two options are defensible");
        Assert.Contains(await app.ActionsAsync("mc.rescored"), e => e.SubjectId == unlucky.ToString() && e.AfterJson!.Contains("\"passed\":true"));
        Assert.Equal(2, (await corrections.CurrentKeyAsync(form.Id)).Version);
    }

    [Fact]
    public async Task Dropping_an_item_rescores_on_what_is_left_and_new_submissions_use_the_corrected_key()
    {
        var form = await ExamSeed.PublishedFormAsync(app, questions: 5);
        var corrections = app.Services.GetRequiredService<KeyCorrections>();
        await corrections.ApplyAsync(form.Id, new KeyCorrection("p1", [], Drop: true, "Ambiguous stem"), "committee");
        var later = await SitAsync(form, right: 4);
        var result = (await HistoryAsync(later)).Single();
        Assert.Equal((3, 4, 2), (result.Raw, result.MaxScore, result.KeyVersion)); // q1 no longer counts
    }

    [Fact]
    public async Task The_committee_page_previews_and_applies_with_a_reason_and_others_are_refused()
    {
        var form = await ExamSeed.PublishedFormAsync(app, questions: 4);
        await SitAsync(form, right: 3);
        var committee = Browserless.For(app);
        await committee.StaffSignInAsync("committee", DemoLogins.Staff("committee").Password);
        var page = $"/Committee/Scoring/KeyCorrection?FormId={form.Id}";
        var (_, opened) = await committee.GetAsync(page);
        Assert.Contains("Current key version: <strong>1</strong>", opened);

        var (_, noReason) = await committee.PostFormAsync(page, [new("FormId", form.Id), new("Position", "4"), new("Action", "drop")], page + "&handler=Preview");
        Assert.Contains("Give the reason for the correction", noReason);
        var (_, preview) = await committee.PostFormAsync(page, [new("FormId", form.Id), new("Position", "4"), new("Action", "drop"), new("Reason", "Outdated")], page + "&handler=Preview");
        Assert.Contains("Would change: 1 attempt(s)", preview);
        var (applied, html) = await committee.PostFormAsync(page, [new("FormId", form.Id), new("Position", "4"), new("Action", "drop"), new("Reason", "Outdated")], page + "&handler=Apply");
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Contains("Correction applied: key version 2", html);

        var proctor = Browserless.For(app);
        await proctor.StaffSignInAsync("proctor", DemoLogins.Staff("proctor").Password);
        Assert.Contains("/Account/AccessDenied", (await proctor.GetAsync(page)).Response.Headers.Location!.ToString());
    }
}
