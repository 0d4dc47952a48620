using System.Net;
using Exam.Core.Accounts;
using Exam.Core.Audit;
using Exam.Data.Accounts;
using Exam.Web.Accounts;
using Exam.Web.Proctoring;
using Exam.Web.Tests.Fixtures;
using Exam.Web.Tests.Pages.Proctor;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Exam.Web.Tests.Pages.Account;

/// <summary>
/// Sign-ins end on the server: a copy of the cookie taken before sign-out, a re-admit to another computer or an admin's
/// disable no longer opens anything. Each test replays the copied cookie from a second client, as an attacker would.
/// </summary>
public sealed class SignInSessionTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    private const string AuthCookie = "exam.auth";

    /// <summary>A second client carrying only a copy of this browser's sign-in cookie.</summary>
    private Browserless Replay(Browserless browser)
    {
        var cookie = browser.Cookies.GetCookies(browser.Client.BaseAddress!)[AuthCookie];
        Assert.NotNull(cookie);
        return Replay(cookie.Value);
    }

    private Browserless Replay(string cookieValue)
    {
        var copy = Browserless.For(app);
        copy.Cookies.Add(copy.Client.BaseAddress!, new Cookie(AuthCookie, cookieValue));
        return copy;
    }

    private static async Task SignOutAsync(Browserless browser, string page)
    {
        var (response, _) = await browser.PostFormAsync(page, [], "/Account/SignOut");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task AssertSignedOutAsync(Browserless browser, string page)
    {
        var (response, _) = await browser.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/SignIn", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_candidates_cookie_copied_before_sign_out_no_longer_opens_the_exam_or_saves()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var seat = await ExamSeed.SeatAsync(app, form);
        var candidate = await CandidateSession.SignInAsync(app, seat);
        await candidate.AcceptRulesAsync();
        Assert.Equal("/Candidate/Exam/PartOne", await candidate.OpenAsync());
        var copy = new CandidateSession(Replay(candidate.Browser));
        Assert.Equal("/Candidate/Exam/PartOne", await copy.OpenAsync()); // the copy works while the sign-in lasts

        await SignOutAsync(candidate.Browser, "/Candidate");

        await AssertSignedOutAsync(copy.Browser, "/Candidate/Exam/PartOne");
        var save = new HttpRequestMessage(HttpMethod.Post, "/Candidate/Exam/PartOne/Save")
        {
            Content = new StringContent("{\"seq\":1,\"position\":1,\"slot\":1}", System.Text.Encoding.UTF8, "application/json"),
        };
        save.Headers.Add("Accept", "application/json");
        save.Headers.Add("X-CSRF-TOKEN", copy.Token);
        var refused = await copy.Browser.Client.SendAsync(save);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("no longer signed in", await refused.Content.ReadAsStringAsync());
        Assert.Contains(await app.ActionsAsync(AuditActions.SignedOut),
            e => e.Actor == seat.CandidateNumber && e.Detail == "sign-in ended on the server");
    }

    [Fact]
    public async Task A_staff_cookie_copied_before_sign_out_no_longer_opens_staff_pages()
    {
        var (user, password) = await app.CreateStaffAsync(Roles.Proctor);
        var browser = Browserless.For(app);
        await browser.StaffSignInAsync(user, password);
        var copy = Replay(browser);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/Proctor")).Response.StatusCode);

        await SignOutAsync(browser, "/Proctor");

        await AssertSignedOutAsync(copy, "/Proctor");
        await AssertSignedOutAsync(browser, "/Proctor");
        // Signing in again is a new sign-in, untouched by the old one's end.
        await browser.StaffSignInAsync(user, password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Proctor")).Response.StatusCode);
    }

    [Fact]
    public async Task After_a_re_admit_the_old_computers_cookie_and_its_copies_stop_working()
    {
        var steps = await ProctorSteps.StartAsync(app);
        var first = await steps.BeginAsync();
        var attemptId = await steps.AttemptIdAsync();
        var copy = new CandidateSession(Replay(first.Browser));
        Assert.Equal("/Candidate/Exam/PartOne", await copy.OpenAsync());
        var second = await CandidateSession.SignInAsync(app, steps.Seat);
        Assert.Equal("/Candidate/Exam/Elsewhere", await second.OpenAsync());
        await using var console = await steps.ConsoleAsync();

        await console.InvokeAsync("Readmit", steps.SittingId, attemptId, "computer froze");

        foreach (var old in new[] { first, copy })
        {
            var (response, _) = await old.Browser.GetAsync("/Candidate");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(StaffCookieEvents.MovedPath, response.Headers.Location!.OriginalString);
        }
        var (moved, html) = await copy.Browser.GetAsync(StaffCookieEvents.MovedPath);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Contains("Your proctor moved your exam to another computer", html);
        Assert.Equal("/Candidate/Exam/PartOne", await second.OpenAsync()); // the computer it moved to is signed in
        Assert.Equal(HttpStatusCode.OK, (await second.SaveMcAsync(1, 1, 2)).Status);
        Assert.Single(await app.ActionsAsync(ProctorAuditActions.Readmitted), a => a.SubjectId == attemptId.ToString());
    }

    [Fact]
    public async Task Disabling_an_admin_ends_their_sign_ins_at_once_and_enabling_again_revives_none()
    {
        var (user, password) = await app.CreateStaffAsync(Roles.Admin);
        var browser = Browserless.For(app);
        await browser.StaffSignInAsync(user, password);
        var cookie = browser.Cookies.GetCookies(browser.Client.BaseAddress!)[AuthCookie]!.Value;
        var copy = Replay(cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/Admin/Staff")).Response.StatusCode);
        var id = await AccountIdAsync(user);
        var administration = app.Services.GetRequiredService<StaffAdministration>();

        Assert.Null(await administration.SetDisabledAsync("admin", id, disabled: true));

        // No wait for the half-minute account re-check: the end is in force on this node at once.
        await AssertSignedOutAsync(copy, "/Admin/Staff");
        await AssertSignedOutAsync(browser, "/Admin/Staff");
        Assert.Contains(await app.ActionsAsync(AuditActions.AccountDisabled), e => e.SubjectId == id.ToString() && e.Detail == "sign-ins ended");

        Assert.Null(await administration.SetDisabledAsync("admin", id, disabled: false));
        await AssertSignedOutAsync(Replay(cookie), "/Admin/Staff");
        app.Clock.Advance(TimeSpan.FromSeconds(1)); // a sign-in made at the very instant of the disable counts as ended
        var fresh = Browserless.For(app);
        await fresh.StaffSignInAsync(user, password);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/Admin/Staff")).Response.StatusCode);
    }

    [Fact]
    public async Task A_sign_in_ends_on_its_own_after_the_longest_working_day_however_active()
    {
        var (user, password) = await app.CreateStaffAsync(Roles.Proctor);
        var browser = Browserless.For(app);
        await browser.StaffSignInAsync(user, password);
        var lifetime = TimeSpan.FromHours(new SignInSessionOptions().MaxHours);
        for (var hour = TimeSpan.Zero; hour < lifetime; hour += TimeSpan.FromHours(4))
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Proctor")).Response.StatusCode);
            app.Clock.Advance(TimeSpan.FromHours(4));
        }
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await AssertSignedOutAsync(browser, "/Proctor");
    }

    [Fact]
    public async Task Another_node_refuses_an_ended_sign_in_within_the_refresh_interval_without_a_query_per_request()
    {
        var here = app.Services.GetRequiredService<SignInSessions>();
        var store = app.Services.GetRequiredService<SessionEndStore>();
        var options = new SignInSessionOptions();
        var elsewhere = new SignInSessions(app.Db, store, app.Clock, options, NullLogger<SignInSessions>.Instance);
        var ticket = here.Begin(PrincipalKind.Staff, 424242);
        Assert.Null(await elsewhere.EndOfAsync(ticket)); // the other node has read the ends once

        var end = new SessionEnd(ticket.Kind, ticket.PrincipalId, ticket.SignInId, null, app.Clock.GetUtcNow(), SessionEndReason.SignOut);
        await using (var s = await app.Db.BeginAsync())
        {
            await here.EndAsync(s, end);
            await s.CommitAsync();
        }
        here.Apply(end);

        Assert.Equal(SessionEndReason.SignOut, await here.EndOfAsync(ticket));
        app.Clock.Advance(here.Refresh - TimeSpan.FromSeconds(1));
        Assert.Null(await elsewhere.EndOfAsync(ticket)); // answered from memory: it has not read again yet
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(SessionEndReason.SignOut, await elsewhere.EndOfAsync(ticket));
    }

    private async Task<long> AccountIdAsync(string user)
    {
        await using var s = await app.Db.OpenAsync();
        return (await app.Services.GetRequiredService<StaffAccountStore>().FindAsync(s, user))!.Id;
    }
}
