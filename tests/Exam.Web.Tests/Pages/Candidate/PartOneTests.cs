using System.Net;
using Exam.Data.Delivery;
using Exam.Web.Delivery;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Candidate;

public sealed class PartOneTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    private async Task<(ExamSeed.Form Form, ExamSeed.Seat Seat, CandidateSession Session)> StartAsync(bool partTwo = true)
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var seat = await ExamSeed.SeatAsync(app, form, partTwo: partTwo);
        var session = await CandidateSession.SignInAsync(app, seat);
        await session.AcceptRulesAsync();
        Assert.Equal("/Candidate/Exam/PartOne", await session.OpenAsync());
        return (form, seat, session);
    }

    private async Task<McResult?> ResultAsync(long registrationId)
    {
        await using var s = await app.Db.OpenAsync();
        var attemptId = await app.Services.GetRequiredService<AttemptStore>().IdForRegistrationAsync(s, registrationId);
        return await app.Services.GetRequiredService<ResultStore>().CurrentAsync(s, attemptId!.Value);
    }

    [Fact]
    public async Task A_candidate_answers_submits_and_is_scored_against_the_pinned_keys()
    {
        var (form, seat, session) = await StartAsync(partTwo: false);
        var seq = 0L;
        foreach (var q in form.Questions.Take(4)) // four right
        {
            var (status, body) = await session.SaveMcAsync(++seq, q.Position, session.SlotOf(q.Position, q.KeyText));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("applied", body.GetProperty("outcome").GetString());
        }
        var wrong = form.Questions[4];
        await session.SaveMcAsync(++seq, wrong.Position, session.SlotOf(wrong.Position, session.OptionTexts(wrong.Position).First(t => t != wrong.KeyText)));

        var submitted = await session.SubmitAsync("/Candidate/Exam/PartOne");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal("/Candidate/Exam/Receipt", await session.OpenAsync());
        Assert.Contains("Questions answered</dt><dd>5 of 6</dd>", session.Html);
        Assert.Matches("R-[0-9A-Z]{4}-[0-9A-Z]{4}", session.Html);

        var result = await ResultAsync(seat.RegistrationId);
        Assert.Equal((4, 6, false), (result!.Raw, result.MaxScore, result.Passed));
        Assert.Contains("\"Domain\":\"reflection\"", result.DomainsJson);
        Assert.Contains(await app.ActionsAsync("mc.scored"), e => e.AfterJson!.Contains("\"Raw\":4"));
    }

    [Fact]
    public async Task A_retry_is_acknowledged_once_and_an_older_change_never_wins()
    {
        var (form, _, session) = await StartAsync();
        var q = form.Questions[0];
        Assert.Equal("applied", (await session.SaveMcAsync(5, q.Position, 2)).Body.GetProperty("outcome").GetString());
        Assert.Equal("alreadyapplied", (await session.SaveMcAsync(5, q.Position, 2)).Body.GetProperty("outcome").GetString());
        Assert.Equal("stale", (await session.SaveMcAsync(4, q.Position, 3)).Body.GetProperty("outcome").GetString());
        await session.OpenAsync("/Candidate/Exam/PartOne");
        Assert.Equal(2, session.CheckedSlot(q.Position));
    }

    [Fact]
    public async Task A_reload_resumes_with_the_same_answers_flags_question_and_option_order()
    {
        var (form, _, session) = await StartAsync();
        var orders = form.Questions.Select(q => session.OptionTexts(q.Position)).ToList();
        await session.SaveMcAsync(1, 2, 3, flagged: true);
        await session.PostJsonAsync("/Candidate/Exam/PartOne?handler=Move", new { position = 4 });

        await session.OpenAsync("/Candidate/Exam/PartOne");
        Assert.Equal(orders, form.Questions.Select(q => session.OptionTexts(q.Position)).ToList());
        Assert.Equal(3, session.CheckedSlot(2));
        Assert.Contains("data-position=\"4\"", session.Html);
        Assert.True(session.IsFlagged(2));
        Assert.False(session.IsFlagged(3));
    }

    [Fact]
    public async Task A_save_after_the_deadline_and_its_grace_is_refused_with_a_clear_message_and_audited()
    {
        var (form, seat, session) = await StartAsync();
        var madeInTime = app.Clock.GetUtcNow().AddMinutes(90).AddSeconds(-1);
        app.Clock.Advance(TimeSpan.FromMinutes(90) + TimeSpan.FromSeconds(29));
        Assert.Equal(HttpStatusCode.OK, (await session.SaveMcAsync(1, 1, 1, madeAt: madeInTime)).Status);
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        var (status, body) = await session.SaveMcAsync(2, 1, 2);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("late", body.GetProperty("error").GetString());
        Assert.Contains("after the deadline", body.GetProperty("message").GetString());
        Assert.Contains(await app.ActionsAsync("save.rejected"), e => e.Actor == seat.CandidateNumber && e.Detail!.Contains("Late"));
    }

    [Fact]
    public async Task A_submitted_part_cannot_be_reentered_or_changed()
    {
        var (_, _, session) = await StartAsync();
        await session.SubmitAsync("/Candidate/Exam/PartOne");
        Assert.Equal("/Candidate/Exam/Between", await session.OpenAsync("/Candidate/Exam/PartOne"));
        var (status, body) = await session.SaveMcAsync(9, 1, 1);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("This part has been submitted", body.GetProperty("message").GetString());
        var again = await session.SubmitAsync("/Candidate/Exam/Between");
        Assert.NotEqual(HttpStatusCode.InternalServerError, again.StatusCode);
    }

    [Fact]
    public async Task The_expiry_sweep_submits_a_closed_browser_at_its_deadline()
    {
        var (form, seat, session) = await StartAsync(partTwo: false);
        await session.SaveMcAsync(1, 1, session.SlotOf(1, form.Questions[0].KeyText));
        app.Clock.Advance(TimeSpan.FromMinutes(91));
        Assert.True(await app.Services.GetRequiredService<ExamService>().SweepExpiredAsync() >= 1);

        Assert.Equal("/Candidate/Exam/Receipt", await session.OpenAsync());
        Assert.Contains("(when the time ran out)", session.Html);
        Assert.Equal(1, (await ResultAsync(seat.RegistrationId))!.Raw);
        Assert.Contains(await app.ActionsAsync("part.submitted"), e => e.Actor == "system" && e.AfterJson!.Contains("\"reason\":\"expired\""));
    }

    [Fact]
    public async Task Signing_in_on_a_second_computer_does_not_take_over_the_running_exam()
    {
        var (form, seat, first) = await StartAsync();
        var second = await CandidateSession.SignInAsync(app, seat);
        Assert.Equal("/Candidate/Exam/Elsewhere", await second.OpenAsync());
        var (status, body) = await second.SaveMcAsync(1, 1, 1);
        Assert.True(status is HttpStatusCode.Conflict or HttpStatusCode.BadRequest, $"got {status}");
        Assert.Equal(HttpStatusCode.OK, (await first.SaveMcAsync(1, 1, 2)).Status);
    }

    [Fact]
    public async Task A_candidate_without_an_exam_in_progress_cannot_save_anything()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var seat = await ExamSeed.SeatAsync(app, form);
        var session = await CandidateSession.SignInAsync(app, seat);
        await session.OpenAsync("/Candidate/Exam/Rules");
        var (status, _) = await session.SaveMcAsync(1, 1, 1);
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Staff_cannot_open_the_exam_pages()
    {
        var browser = Browserless.For(app);
        await browser.StaffSignInAsync("proctor", DemoLogins.Staff("proctor").Password);
        var (response, _) = await browser.GetAsync("/Candidate/Exam/PartOne");
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }
}
