using System.Net;
using Exam.Data.Delivery;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Candidate;

public sealed class PartTwoTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    private async Task<(ExamSeed.Form Form, ExamSeed.Seat Seat, CandidateSession Session)> AtPartTwoAsync()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var seat = await ExamSeed.SeatAsync(app, form);
        var session = await CandidateSession.SignInAsync(app, seat);
        await session.AcceptRulesAsync();
        await session.SubmitAsync("/Candidate/Exam/PartOne");
        Assert.Equal("/Candidate/Exam/Between", await session.OpenAsync());
        Assert.Contains("Start Part Two", session.Html);
        await session.Browser.PostFormAsync("/Candidate/Exam/Between", []);
        Assert.Equal("/Candidate/Exam/PartTwo", await session.OpenAsync());
        return (form, seat, session);
    }

    [Fact]
    public async Task The_track_essays_are_offered_with_the_choice_rule_and_saved_as_plain_text()
    {
        var (form, seat, session) = await AtPartTwoAsync();
        Assert.Contains("Answer 2 of the 3 essays", session.Html);
        Assert.Contains("Clinical vignette 3", session.Html);
        const string text = "<script>alert(1)</script> The baby turns away & the mother laughs.";
        var (status, body) = await session.SaveEssayAsync(1, form.EssayVersionIds[0], true, text);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("applied", body.GetProperty("outcome").GetString());
        await session.SaveEssayAsync(2, form.EssayVersionIds[2], true, "Second essay, four words.");

        await session.OpenAsync("/Candidate/Exam/PartTwo");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; The baby turns away &amp; the mother laughs.</textarea>", session.Html);
        Assert.DoesNotContain("<script>alert(1)</script>", session.Html);

        await using var s = await app.Db.OpenAsync();
        var attemptId = (await app.Services.GetRequiredService<AttemptStore>().IdForRegistrationAsync(s, seat.RegistrationId))!.Value;
        var essays = (await app.Services.GetRequiredService<AnswerStore>().LoadAsync(s, attemptId)).Essays;
        Assert.Equal([9, 4], essays.OrderBy(e => e.ItemVersionId).Select(e => e.WordCount));
    }

    [Fact]
    public async Task Submitting_part_two_ends_the_exam_with_a_receipt_counting_the_essays()
    {
        var (form, _, session) = await AtPartTwoAsync();
        await session.SaveEssayAsync(1, form.EssayVersionIds[0], true, "One answer.");
        await session.SaveEssayAsync(2, form.EssayVersionIds[1], true, "Another answer.");
        await session.SaveEssayAsync(3, form.EssayVersionIds[2], false, "A draft I dropped.");
        await session.SubmitAsync("/Candidate/Exam/PartTwo");
        Assert.Equal("/Candidate/Exam/Receipt", await session.OpenAsync());
        Assert.Contains("Essays answered</dt><dd>2 of 2</dd>", session.Html);
        Assert.Contains("Part One", session.Html);
        var (status, _) = await session.SaveEssayAsync(4, form.EssayVersionIds[0], true, "too late");
        Assert.Equal(HttpStatusCode.Conflict, status);
    }

    [Fact]
    public async Task An_essay_not_offered_to_the_track_is_refused()
    {
        var (_, _, session) = await AtPartTwoAsync();
        var (status, body) = await session.SaveEssayAsync(1, 999_999, true, "text");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid", body.GetProperty("error").GetString());
    }
}
