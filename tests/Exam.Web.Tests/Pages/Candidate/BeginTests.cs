using System.Net;
using Exam.Data.Delivery;
using Exam.Perf.Protocol;
using Exam.Web.Pages.Candidate.Delivery;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Candidate;

/// <summary>
/// "Begin the exam" posts to Part One's Begin handler, which answers with Part One itself. The attempt is made once
/// whatever is sent, and a refusal goes back to the rules with its reason.
/// </summary>
public sealed class BeginTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    private async Task<(ExamSeed.Seat Seat, CandidateSession Session)> AtTheRulesAsync(bool requiresAdmission = false)
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var seat = await ExamSeed.SeatAsync(app, form, requiresAdmission);
        var session = await CandidateSession.SignInAsync(app, seat);
        Assert.Equal("/Candidate/Exam/Rules", await session.OpenAsync());
        return (seat, session);
    }

    private Task<(HttpResponseMessage Response, string Body)> BeginAsync(CandidateSession session, bool agree = true) =>
        session.Browser.PostFormAsync("/Candidate/Exam/Rules", agree ? [new("Agree", "true")] : [], ExamPageProtocol.BeginPath);

    private async Task<long?> AttemptOfAsync(ExamSeed.Seat seat)
    {
        await using var s = await app.Db.OpenAsync();
        return await app.Services.GetRequiredService<AttemptStore>().IdForRegistrationAsync(s, seat.RegistrationId);
    }

    private async Task<int> StartsAuditedAsync(long attemptId) =>
        (await app.ActionsAsync("attempt.started")).Count(e => e.SubjectId == attemptId.ToString());

    [Fact]
    public async Task The_rules_page_posts_to_Part_One_which_answers_with_the_first_question_and_one_audited_attempt()
    {
        var (seat, session) = await AtTheRulesAsync();
        Assert.Contains("action=\"/Candidate/Exam/PartOne?handler=Begin\"", session.Html);

        var (response, html) = await BeginAsync(session);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1 class=\"exam-title\">Part One</h1>", html);
        Assert.Contains("id=\"part-one-state\"", html);
        var attemptId = await AttemptOfAsync(seat);
        Assert.NotNull(attemptId);
        Assert.Equal(1, await StartsAuditedAsync(attemptId.Value));
        // The page's own forms still name Part One (the address is Part One's, with the handler).
        Assert.Contains("action=\"/Candidate/Exam/PartOne?handler=Submit\"", html);
    }

    [Fact]
    public async Task A_second_click_makes_nothing_more_and_is_sent_to_Part_One()
    {
        var (seat, session) = await AtTheRulesAsync();
        var token = ExamPageProtocol.FindToken(session.Html)!;
        var protocol = new ExamPageProtocol(session.Browser.Client) { Token = token };
        using var first = await protocol.PostFormAsync(ExamPageProtocol.BeginPath, [new("Agree", "true")]);
        using var second = await protocol.PostFormAsync(ExamPageProtocol.BeginPath, [new("Agree", "true")]);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal("/Candidate/Exam/PartOne", second.Headers.Location!.OriginalString);
        Assert.Equal(1, await StartsAuditedAsync((await AttemptOfAsync(seat))!.Value));
    }

    [Fact]
    public async Task Without_the_box_ticked_nothing_begins_and_the_rules_say_why_once()
    {
        var (seat, session) = await AtTheRulesAsync();

        var (response, _) = await BeginAsync(session, agree: false);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Candidate/Exam/Rules", response.Headers.Location!.OriginalString);
        Assert.Null(await AttemptOfAsync(seat));
        Assert.Equal("/Candidate/Exam/Rules", await session.OpenAsync("/Candidate/Exam/Rules"));
        Assert.Contains(RulesModel.NotAgreed, session.Html);
        await session.OpenAsync("/Candidate/Exam/Rules");
        Assert.DoesNotContain(RulesModel.NotAgreed, session.Html);
    }

    [Fact]
    public async Task A_sitting_that_has_closed_begins_nothing_and_says_so()
    {
        var (seat, session) = await AtTheRulesAsync();
        await using (var s = await app.Db.BeginAsync())
        {
            await s.ExecuteAsync(Exam.Data.Database.SqlStatement.Portable("UPDATE sittings SET closes_at = @At WHERE id = @Id;"),
                new { At = app.Clock.GetUtcNow().AddMinutes(-1), Id = seat.SittingId });
            await s.CommitAsync();
        }

        var (response, _) = await BeginAsync(session);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(await AttemptOfAsync(seat));
        await session.OpenAsync("/Candidate/Exam/Rules");
        Assert.Contains("This sitting is not open now.", session.Html);
    }

    [Fact]
    public async Task A_sitting_with_admission_begins_in_the_waiting_room()
    {
        var (seat, session) = await AtTheRulesAsync(requiresAdmission: true);

        var (response, _) = await BeginAsync(session);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Candidate/Exam/Waiting", response.Headers.Location!.OriginalString);
        Assert.NotNull(await AttemptOfAsync(seat));
    }

    [Fact]
    public async Task A_form_an_exam_page_does_not_take_is_sent_to_the_page_never_an_error()
    {
        // A rules page from before "Begin" moved to Part One, or a hand-built request: no handler, so no 500.
        var (seat, session) = await AtTheRulesAsync();
        string[] paths = ["/Candidate/Exam/Rules", "/Candidate/Exam/PartOne?handler=Nonsense", "/Candidate/Exam/Receipt", "/Candidate/Exam/Waiting"];
        foreach (var path in paths)
        {
            var (response, _) = await session.Browser.PostFormAsync("/Candidate/Exam/Rules", [new("Agree", "true")], path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(path.Split('?')[0], response.Headers.Location!.OriginalString);
        }
        Assert.Null(await AttemptOfAsync(seat));

        await session.AcceptRulesAsync();
        foreach (var path in paths)
        {
            var (response, _) = await session.Browser.PostFormAsync("/Candidate/Exam/PartOne", [], path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        Assert.Equal("/Candidate/Exam/PartOne", await session.OpenAsync());
    }
}
