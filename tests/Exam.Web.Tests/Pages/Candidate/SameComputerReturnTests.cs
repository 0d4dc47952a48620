using System.Net;
using Exam.Web.Accounts;
using Exam.Web.Tests.Fixtures;

namespace Exam.Web.Tests.Pages.Candidate;

/// <summary>
/// A candidate who signed out (or whose browser crashed) comes back on the same computer without the proctor; the
/// same browser proves it is the same computer. Anything else still needs the proctor's re-admit.
/// </summary>
public sealed class SameComputerReturnTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    private async Task<(ExamSeed.Form Form, ExamSeed.Seat Seat, CandidateSession Session)> StartAsync()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var seat = await ExamSeed.SeatAsync(app, form);
        var session = await CandidateSession.SignInAsync(app, seat);
        await session.AcceptRulesAsync();
        Assert.Equal("/Candidate/Exam/PartOne", await session.OpenAsync());
        Assert.Equal(HttpStatusCode.OK, (await session.SaveMcAsync(1, 1, 2)).Status);
        return (form, seat, session);
    }

    private static async Task SignOutAsync(CandidateSession session)
    {
        var (response, _) = await session.Browser.PostFormAsync("/Candidate", [], "/Account/SignOut");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.Browser.GetAsync("/Candidate/Exam")).Response.StatusCode);
    }

    [Fact]
    public async Task After_signing_out_the_same_browser_signs_in_again_straight_back_to_the_running_part()
    {
        var (_, seat, session) = await StartAsync();
        await SignOutAsync(session);

        var (signIn, _) = await session.Browser.CandidateSignInAsync(seat.CandidateNumber, seat.AccessCode);
        Assert.Equal("/Candidate", signIn.Headers.Location?.OriginalString);
        Assert.Equal("/Candidate/Exam/PartOne", await session.OpenAsync());
        Assert.Equal(2, session.CheckedSlot(1));
        Assert.Equal(HttpStatusCode.OK, (await session.SaveMcAsync(2, 2, 1)).Status);
    }

    [Fact]
    public async Task Another_computer_still_needs_the_proctor()
    {
        var (_, seat, _) = await StartAsync();
        var other = await CandidateSession.SignInAsync(app, seat);
        Assert.Equal("/Candidate/Exam/Elsewhere", await other.OpenAsync());
    }

    [Fact]
    public async Task A_made_up_device_cookie_proves_nothing()
    {
        var (_, seat, _) = await StartAsync();
        var other = Browserless.For(app);
        other.Cookies.Add(other.Client.BaseAddress!, new Cookie(ExamDevice.CookieName, "CfDJ8-made-up-value"));
        await other.CandidateSignInAsync(seat.CandidateNumber, seat.AccessCode);
        Assert.Equal("/Candidate/Exam/Elsewhere", await new CandidateSession(other).OpenAsync());
    }

    [Fact]
    public async Task Another_candidates_device_cookie_does_not_open_this_candidates_exam()
    {
        var (_, _, session) = await StartAsync();
        var (_, otherSeat, otherSession) = await StartAsync();
        // The first candidate's browser cookie, carried to the second candidate's sign-in.
        var device = session.Browser.Cookies.GetCookies(session.Browser.Client.BaseAddress!)[ExamDevice.CookieName]!;
        await SignOutAsync(otherSession);
        var thief = Browserless.For(app);
        thief.Cookies.Add(thief.Client.BaseAddress!, new Cookie(ExamDevice.CookieName, device.Value));
        await thief.CandidateSignInAsync(otherSeat.CandidateNumber, otherSeat.AccessCode);
        Assert.Equal("/Candidate/Exam/Elsewhere", await new CandidateSession(thief).OpenAsync());
        Assert.Equal("/Candidate/Exam/PartOne", await session.OpenAsync()); // the first candidate is untouched
    }
}
