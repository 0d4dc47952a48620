using System.Net;
using Exam.Data.Delivery;
using Exam.Data.Rating;
using Exam.Web.Delivery;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Candidate;

/// <summary>Part Two's "answer 2 of 3" held by the server, against requests built by hand.</summary>
public sealed class EssayChoiceRuleTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    private async Task<(ExamSeed.Form Form, ExamSeed.Seat Seat, CandidateSession Session)> AtPartTwoAsync()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var seat = await ExamSeed.SeatAsync(app, form);
        var session = await CandidateSession.SignInAsync(app, seat);
        await session.AcceptRulesAsync();
        await session.SubmitAsync("/Candidate/Exam/PartOne");
        await session.OpenAsync();
        await session.Browser.PostFormAsync("/Candidate/Exam/Between", []);
        Assert.Equal("/Candidate/Exam/PartTwo", await session.OpenAsync());
        return (form, seat, session);
    }

    private async Task<long> AttemptIdAsync(ExamSeed.Seat seat)
    {
        await using var s = await app.Db.OpenAsync();
        return (await app.Services.GetRequiredService<AttemptStore>().IdForRegistrationAsync(s, seat.RegistrationId))!.Value;
    }

    [Fact]
    public async Task A_hand_built_request_cannot_choose_a_third_essay_of_two()
    {
        var (form, seat, session) = await AtPartTwoAsync();
        Assert.Equal(HttpStatusCode.OK, (await session.SaveEssayAsync(1, form.EssayVersionIds[0], true, "First.")).Status);
        Assert.Equal(HttpStatusCode.OK, (await session.SaveEssayAsync(2, form.EssayVersionIds[1], true, "Second.")).Status);

        var (status, body) = await session.SaveEssayAsync(3, form.EssayVersionIds[2], true, "Third.");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("choice", body.GetProperty("error").GetString());
        Assert.Contains("You can answer 2 of the 3 essays", body.GetProperty("message").GetString());
        Assert.Contains(await app.ActionsAsync("save.rejected"), e => e.Actor == seat.CandidateNumber && e.Detail!.Contains("Choice"));

        // Unticking one makes room; the text of an unticked essay is still kept.
        Assert.Equal(HttpStatusCode.OK, (await session.SaveEssayAsync(4, form.EssayVersionIds[1], false, "Second.")).Status);
        Assert.Equal(HttpStatusCode.OK, (await session.SaveEssayAsync(5, form.EssayVersionIds[2], true, "Third.")).Status);
        await using var s = await app.Db.OpenAsync();
        var essays = (await app.Services.GetRequiredService<AnswerStore>().LoadAsync(s, await AttemptIdAsync(seat))).Essays;
        Assert.Equal([form.EssayVersionIds[0], form.EssayVersionIds[2]], essays.Where(e => e.Chosen).Select(e => e.ItemVersionId).Order());
    }

    [Fact]
    public async Task Two_saves_racing_to_tick_the_last_essay_leave_at_most_two_chosen()
    {
        var (form, seat, session) = await AtPartTwoAsync();
        await session.SaveEssayAsync(1, form.EssayVersionIds[0], true, "First.");
        var racing = await Task.WhenAll(
            session.SaveEssayAsync(2, form.EssayVersionIds[1], true, "Second."),
            session.SaveEssayAsync(3, form.EssayVersionIds[2], true, "Third."));
        Assert.Single(racing, r => r.Status == HttpStatusCode.OK);
        await using var s = await app.Db.OpenAsync();
        var essays = (await app.Services.GetRequiredService<AnswerStore>().LoadAsync(s, await AttemptIdAsync(seat))).Essays;
        Assert.Equal(2, essays.Count(e => e.Chosen));
    }

    [Fact]
    public async Task A_choice_that_got_round_the_save_check_is_refused_at_submit_and_only_two_essays_are_rated()
    {
        var (form, seat, session) = await AtPartTwoAsync();
        var attemptId = await AttemptIdAsync(seat);
        // Three essays stored as chosen without the guard, as an older server or a direct write would leave them.
        await using (var s = await app.Db.BeginAsync())
        {
            var answers = app.Services.GetRequiredService<AnswerStore>();
            for (var i = 0; i < 3; i++)
                await answers.SaveEssayAsync(s, attemptId, form.EssayVersionIds[i], true, $"Essay {i + 1} text.", 3, 10 + i, app.Clock.GetUtcNow());
            await s.CommitAsync();
        }

        await session.SubmitAsync("/Candidate/Exam/PartTwo");
        Assert.Equal("/Candidate/Exam/PartTwo", await session.OpenAsync());
        var (response, html) = await session.Browser.PostFormAsync("/Candidate/Exam/PartTwo", [], "/Candidate/Exam/PartTwo?handler=Submit");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Part Two was not submitted. You can answer 2 of the 3 essays", html);

        // The time runs out: the sweeper submits what is held, and the choice rule decides what is rated.
        app.Clock.Advance(TimeSpan.FromMinutes(92));
        await app.Services.GetRequiredService<ExamService>().SweepExpiredAsync();
        await using var r = await app.Db.OpenAsync();
        var responses = await app.Services.GetRequiredService<RatingStore>().ResponsesOfAttemptAsync(r, attemptId);
        Assert.Equal([form.EssayVersionIds[0], form.EssayVersionIds[1]], responses.Select(x => x.ItemVersionId).Order());
    }
}
