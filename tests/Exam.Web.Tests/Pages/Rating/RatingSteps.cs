using System.Net;
using Exam.Core.Accounts;
using Exam.Data.Delivery;
using Exam.Data.Rating;
using Exam.Web.Rating;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Rating;

/// <summary>The steps rating tests stand on: a candidate who sat both parts, raters signed in, claims and ratings over HTTP.</summary>
public static class RatingSteps
{
    public sealed record Sat(ExamSeed.Seat Seat, long AttemptId, IReadOnlyList<string> Codes, string ReceiptCode, CandidateSession Session);

    public sealed record Rater(Browserless Browser, string UserName, long Id);

    /// <summary>A candidate sits Part One (blank) and writes the given essays in Part Two, then submits.</summary>
    public static async Task<Sat> SitBothPartsAsync(ExamAppFactory app, ExamSeed.Form form, params string[] essays)
    {
        var seat = await ExamSeed.SeatAsync(app, form);
        var session = await CandidateSession.SignInAsync(app, seat);
        await session.AcceptRulesAsync();
        await session.SubmitAsync("/Candidate/Exam/PartOne");
        await session.OpenAsync();
        await session.Browser.PostFormAsync("/Candidate/Exam/Between", []);
        Assert.Equal("/Candidate/Exam/PartTwo", await session.OpenAsync());
        for (var i = 0; i < essays.Length; i++)
            await session.SaveEssayAsync(i + 1, form.EssayVersionIds[i], true, essays[i]);
        await session.SubmitAsync("/Candidate/Exam/PartTwo");
        await using var s = await app.Db.OpenAsync();
        var attemptId = (await app.Services.GetRequiredService<AttemptStore>().IdForRegistrationAsync(s, seat.RegistrationId))!.Value;
        var codes = (await app.Services.GetRequiredService<RatingStore>().ResponsesOfAttemptAsync(s, attemptId)).Select(r => r.Code).ToList();
        var part = (await app.Services.GetRequiredService<AttemptStore>().GetAsync(s, attemptId))!.Value.Parts.Single(p => p.Part == 2);
        return new Sat(seat, attemptId, codes, part.ReceiptCode!, session);
    }

    /// <summary>A fresh rater (or lead rater) assigned to the Clinical set, signed in.</summary>
    public static async Task<Rater> RaterAsync(ExamAppFactory app, bool lead = false)
    {
        var (userName, password) = await app.CreateStaffAsync(lead ? [Roles.Rater, Roles.LeadRater] : [Roles.Rater]);
        var profiles = app.Services.GetRequiredService<RaterProfiles>();
        var id = (await profiles.RatersAsync()).Single(r => r.UserName == userName).Id;
        Assert.Null(await profiles.AssignSetsAsync(id, ["Clinical"], "test-setup"));
        var browser = Browserless.For(app);
        await browser.StaffSignInAsync(userName, password);
        return new Rater(browser, userName, id);
    }

    /// <summary>"Start next" on the queue page; the claimed response's code, or null when nothing could be taken.</summary>
    public static async Task<string?> StartNextAsync(this Rater rater, bool adjudication = false)
    {
        var (response, _) = await rater.Browser.PostFormAsync("/Rating",
            adjudication ? [new("adjudication", "true")] : [], "/Rating?handler=StartNext");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        return location.StartsWith("/Rating/Rate/", StringComparison.Ordinal) ? location["/Rating/Rate/".Length..] : null;
    }

    /// <summary>Claims until one of the wanted responses comes up (other tests' responses may be ahead in the queue).</summary>
    public static async Task<string> ClaimOneOfAsync(this Rater rater, IReadOnlyCollection<string> codes, bool adjudication = false)
    {
        for (var i = 0; i < 50; i++)
        {
            var code = await rater.StartNextAsync(adjudication);
            Assert.NotNull(code);
            if (codes.Contains(code)) return code;
        }
        throw new InvalidOperationException("none of the wanted responses came up");
    }

    public static Task<(HttpResponseMessage Response, string Body)> RateAsync(this Rater rater, string code, int score, string feedback) =>
        rater.Browser.PostFormAsync("/Rating/Rate/" + code, [new("Scores[c1]", score.ToString()), new("Feedback", feedback)],
            $"/Rating/Rate/{code}?handler=Submit");
}
