using System.Net;
using Exam.Core.Accounts;
using Exam.Web.Tests.Fixtures;
using Microsoft.AspNetCore.SignalR.Client;

namespace Exam.Web.Tests.Pages.Proctor;

public sealed class ConsolePagesTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    [Fact]
    public async Task The_proctor_sees_their_sitting_and_its_roster_from_the_database()
    {
        var steps = await ProctorSteps.StartAsync(app);
        var candidate = await steps.BeginAsync();
        await candidate.SaveMcAsync(1, 1, 1);

        var (index, list) = await steps.Proctor.GetAsync("/Proctor");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Contains($"/Proctor/Sittings/Live/{steps.SittingId}", list);

        var (response, html) = await steps.Proctor.GetAsync($"/Proctor/Sittings/Live/{steps.SittingId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(steps.Seat.CandidateNumber, html);
        Assert.Contains("In Part One", html);
        Assert.Contains("1 of 6", html);
        Assert.Contains("/js/proctor/live.js", html);
    }

    [Fact]
    public async Task Another_proctor_a_rater_and_a_candidate_cannot_open_the_console_or_report()
    {
        var steps = await ProctorSteps.StartAsync(app);
        var other = await ProctorSteps.StartAsync(app);
        var (rUser, rPassword) = await app.CreateStaffAsync(Roles.Rater);
        var rater = Browserless.For(app);
        await rater.StaffSignInAsync(rUser, rPassword);
        var candidate = await CandidateSession.SignInAsync(app, steps.Seat);

        foreach (var path in new[] { $"/Proctor/Sittings/Live/{steps.SittingId}", $"/Proctor/Sittings/Report/{steps.SittingId}" })
        {
            foreach (var browser in new[] { other.Proctor, rater, candidate.Browser })
            {
                var (response, _) = await browser.GetAsync(path);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString);
            }
        }
        var (list, html) = await other.Proctor.GetAsync("/Proctor");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.DoesNotContain($"/Proctor/Sittings/Live/{steps.SittingId}\"", html);
    }

    [Fact]
    public async Task The_report_lists_who_sat_extensions_pauses_and_incidents()
    {
        var steps = await ProctorSteps.StartAsync(app);
        await steps.BeginAsync();
        var attemptId = await steps.AttemptIdAsync();
        var absent = await steps.AddSeatAsync();
        await using (var console = await steps.ConsoleAsync())
        {
            await console.InvokeAsync("Extend", steps.SittingId, attemptId, 10, "reader accommodation confirmed late");
            await console.InvokeAsync("Pause", steps.SittingId, (long?)attemptId, "fire drill");
            app.Clock.Advance(TimeSpan.FromMinutes(4));
            await console.InvokeAsync("Resume", steps.SittingId, (long?)attemptId, (string?)null);
            await console.InvokeAsync("RecordIncident", steps.SittingId, (long?)null, "staff", "Invigilator late by 5 minutes");
        }

        var (response, html) = await steps.Proctor.GetAsync($"/Proctor/Sittings/Report/{steps.SittingId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(steps.Seat.CandidateNumber, html);
        Assert.Contains(absent.CandidateNumber, html);
        Assert.Contains("Not started", html);
        Assert.Contains("reader accommodation confirmed late", html);
        Assert.Contains("fire drill", html);
        Assert.Contains("4 min", html);   // paused time on the part
        Assert.Contains("10 min", html);  // extension on the part
        Assert.Contains("Invigilator late by 5 minutes", html);
        Assert.Contains("data-print", html);
    }

    [Fact]
    public async Task The_roster_tells_not_started_from_signed_in_from_waiting()
    {
        var steps = await ProctorSteps.StartAsync(app, requiresAdmission: true);
        var signedIn = await steps.AddSeatAsync();
        var waiting = await steps.AddSeatAsync();
        await CandidateSession.SignInAsync(app, signedIn);
        await steps.BeginAsync(waiting, expect: "/Candidate/Exam/Waiting");
        await using var console = await steps.ConsoleAsync();

        var rows = (await console.InvokeAsync<Exam.Web.Proctoring.RosterSnapshot>("Join", steps.SittingId)).Rows.ToDictionary(r => r.RegistrationId);

        Assert.Equal(("not-started", "Not started"), (rows[steps.Seat.RegistrationId].Status, rows[steps.Seat.RegistrationId].StatusText));
        Assert.Equal(("signed-in", "Signed in"), (rows[signedIn.RegistrationId].Status, rows[signedIn.RegistrationId].StatusText));
        Assert.Equal(("waiting", "Waiting for admission", true), (rows[waiting.RegistrationId].Status, rows[waiting.RegistrationId].StatusText, rows[waiting.RegistrationId].CanAdmit));
    }
}
