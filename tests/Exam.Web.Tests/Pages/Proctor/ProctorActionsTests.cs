using System.Net;
using Exam.Data.Delivery;
using Exam.Web.Proctoring;
using Exam.Web.Tests.Fixtures;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Proctor;

/// <summary>Each console action: its effect on the attempt, what the candidate's page is told, and its audit line.</summary>
public sealed class ProctorActionsTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    [Fact]
    public async Task A_pause_freezes_the_remaining_time_until_the_proctor_resumes()
    {
        var steps = await ProctorSteps.StartAsync(app);
        await steps.BeginAsync();
        var attemptId = await steps.AttemptIdAsync();
        await using var console = await steps.ConsoleAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var left = await steps.RemainingAsync();

        await console.InvokeAsync("Pause", steps.SittingId, (long?)attemptId, "fire alarm");
        app.Clock.Advance(TimeSpan.FromMinutes(12));
        Assert.Equal(left, await steps.RemainingAsync());
        var row = await steps.RowAsync(console);
        Assert.Equal(("paused", (long)left.TotalMilliseconds), (row.Status, row.PausedRemainingMs));

        await console.InvokeAsync("Resume", steps.SittingId, (long?)attemptId, (string?)null);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(left - TimeSpan.FromMinutes(1), await steps.RemainingAsync());
        Assert.Equal(12 * 60, (await steps.AttemptAsync()).Running!.PausedSeconds);

        var paused = Assert.Single(await app.ActionsAsync(ProctorAuditActions.Paused), a => a.SubjectId == attemptId.ToString());
        Assert.Equal(steps.ProctorUserName, paused.Actor);
        Assert.Equal("fire alarm", paused.Detail);
        Assert.Contains("PausedSince", paused.AfterJson);
        Assert.Single(await app.ActionsAsync(ProctorAuditActions.Resumed), a => a.SubjectId == attemptId.ToString());
    }

    [Fact]
    public async Task Pause_all_stops_every_running_clock_and_resume_all_restarts_them()
    {
        var steps = await ProctorSteps.StartAsync(app);
        var second = await steps.AddSeatAsync();
        var notStarted = await steps.AddSeatAsync();
        await steps.BeginAsync();
        await steps.BeginAsync(second);
        await using var console = await steps.ConsoleAsync();

        await console.InvokeAsync("Pause", steps.SittingId, (long?)null, "power cut");

        Assert.True((await steps.AttemptAsync()).Running!.Clock.IsPaused);
        Assert.True((await steps.AttemptAsync(second)).Running!.Clock.IsPaused);
        var snapshot = await console.InvokeAsync<RosterSnapshot>("Join", steps.SittingId);
        Assert.Equal("not-started", snapshot.Rows.Single(r => r.RegistrationId == notStarted.RegistrationId).Status);
        Assert.Equal(2, snapshot.Log.Count(l => l.Kind == "pause" && l.Note == "all candidates paused: power cut"));
        var again = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => console.InvokeAsync("Pause", steps.SittingId, (long?)null, (string?)null));
        Assert.Contains("No candidate is running a part", again.Message);

        await console.InvokeAsync("Resume", steps.SittingId, (long?)null, (string?)null);
        Assert.False((await steps.AttemptAsync()).Running!.Clock.IsPaused);
        Assert.False((await steps.AttemptAsync(second)).Running!.Clock.IsPaused);
    }

    [Fact]
    public async Task Extending_time_moves_the_deadline_and_is_audited_with_its_reason()
    {
        var steps = await ProctorSteps.StartAsync(app);
        await steps.BeginAsync();
        var attemptId = await steps.AttemptIdAsync();
        var before = (await steps.AttemptAsync()).Running!;
        await using var console = await steps.ConsoleAsync();

        await console.InvokeAsync("Extend", steps.SittingId, attemptId, 15, "late start: room unlocked late");

        var after = (await steps.AttemptAsync()).Running!;
        Assert.Equal(before.Deadline.AddMinutes(15), after.Deadline);
        Assert.Equal(15 * 60, after.ExtendedSeconds);
        Assert.Equal(15, (await steps.RowAsync(console)).ExtendedMinutes);
        var audit = Assert.Single(await app.ActionsAsync(ProctorAuditActions.Extended), a => a.SubjectId == attemptId.ToString());
        Assert.Equal("late start: room unlocked late", audit.Detail);
        Assert.Contains("\"minutes\":15", audit.AfterJson);
    }

    [Fact]
    public async Task Voiding_ends_the_attempt_and_later_saves_are_refused()
    {
        var steps = await ProctorSteps.StartAsync(app);
        var candidate = await steps.BeginAsync();
        var attemptId = await steps.AttemptIdAsync();
        Assert.Equal(HttpStatusCode.OK, (await candidate.SaveMcAsync(1, 1, 1)).Status);
        await using var console = await steps.ConsoleAsync();

        await console.InvokeAsync("Void", steps.SittingId, attemptId, "used a phone");

        var (attempt, running) = await steps.AttemptAsync();
        Assert.Equal((AttemptStatus.Voided, "used a phone"), (attempt.Status, attempt.EndReason));
        Assert.Null(running);
        var (status, body) = await candidate.SaveMcAsync(2, 2, 1);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("ended by the proctor", body.GetProperty("message").GetString());
        Assert.Equal("/Candidate/Exam/Receipt", await candidate.OpenAsync());
        Assert.Contains("Your attempt has ended", candidate.Html);
        // Neutral to the candidate: the proctor's reason stays in the record, and there is no confirmation number to keep.
        Assert.DoesNotContain("used a phone", candidate.Html);
        Assert.DoesNotContain("data-receipt", candidate.Html);

        // The sweeper never brings a voided attempt back to "submitted".
        app.Clock.Advance(TimeSpan.FromHours(3));
        await app.Services.GetRequiredService<Exam.Web.Delivery.ExamService>().SweepExpiredAsync();
        Assert.Equal(AttemptStatus.Voided, (await steps.AttemptAsync()).Attempt.Status);
        var audit = Assert.Single(await app.ActionsAsync(ProctorAuditActions.Voided), a => a.SubjectId == attemptId.ToString());
        Assert.Equal("used a phone", audit.Detail);
        Assert.Equal("voided", (await steps.RowAsync(console)).Status);
    }

    [Fact]
    public async Task Readmitting_moves_the_attempt_to_the_new_computer_and_the_old_one_is_refused()
    {
        var steps = await ProctorSteps.StartAsync(app);
        var first = await steps.BeginAsync();
        var attemptId = await steps.AttemptIdAsync();
        Assert.Equal(HttpStatusCode.OK, (await first.SaveMcAsync(1, 1, 3)).Status);
        var oldSession = (await steps.AttemptAsync()).Attempt.SessionId;

        var second = await CandidateSession.SignInAsync(app, steps.Seat);
        Assert.Equal("/Candidate/Exam/Elsewhere", await second.OpenAsync());
        await using var console = await steps.ConsoleAsync();
        var row = await steps.RowAsync(console);
        Assert.True(row.CanReadmit);
        Assert.NotNull(row.WaitingElsewhereSince);

        await console.InvokeAsync("Readmit", steps.SittingId, attemptId, "computer froze");

        var attempt = (await steps.AttemptAsync()).Attempt;
        Assert.NotEqual(oldSession, attempt.SessionId);
        Assert.Equal("/Candidate/Exam/PartOne", await second.OpenAsync());
        Assert.Equal(3, second.CheckedSlot(1));
        // The old computer's sign-in has ended on the server: its save is refused before it reaches the exam, and its
        // page lands on the sign-in page saying that the exam moved (not queued for re-admission again).
        var (status, _) = await first.SaveMcAsync(2, 2, 1);
        Assert.NotEqual(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, (await second.SaveMcAsync(2, 2, 1)).Status);
        Assert.StartsWith("/Account/CandidateSignIn", await first.OpenAsync());
        Assert.Contains("Your proctor moved your exam to another computer", first.Html);
        Assert.Null((await steps.RowAsync(console)).WaitingElsewhereSince);

        var audit = Assert.Single(await app.ActionsAsync(ProctorAuditActions.Readmitted), a => a.SubjectId == attemptId.ToString());
        Assert.Equal("computer froze", audit.Detail);
        Assert.DoesNotContain(attempt.SessionId, audit.AfterJson);
    }

    [Fact]
    public async Task Readmitting_without_a_second_sign_in_says_what_to_do()
    {
        var steps = await ProctorSteps.StartAsync(app);
        await steps.BeginAsync();
        var attemptId = await steps.AttemptIdAsync();
        await using var console = await steps.ConsoleAsync();
        var e = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(
            () => console.InvokeAsync("Readmit", steps.SittingId, attemptId, (string?)null));
        Assert.Contains("Ask them to sign in there first", e.Message);
    }

    [Fact]
    public async Task Admitting_a_waiting_candidate_starts_their_first_part()
    {
        var steps = await ProctorSteps.StartAsync(app, requiresAdmission: true);
        var candidate = await steps.BeginAsync(expect: "/Candidate/Exam/Waiting");
        var attemptId = await steps.AttemptIdAsync();
        await using var console = await steps.ConsoleAsync();
        var row = await steps.RowAsync(console);
        Assert.Equal(("waiting", true), (row.Status, row.CanAdmit));

        await console.InvokeAsync("Admit", steps.SittingId, attemptId);

        var (attempt, running) = await steps.AttemptAsync();
        Assert.Equal((AttemptStatus.InPart, 1, steps.ProctorUserName), (attempt.Status, running!.Part, attempt.AdmittedBy));
        Assert.Equal("/Candidate/Exam/PartOne", await candidate.OpenAsync());
        Assert.Single(await app.ActionsAsync(ProctorAuditActions.Admitted), a => a.SubjectId == attemptId.ToString());
        var again = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => console.InvokeAsync("Admit", steps.SittingId, attemptId));
        Assert.Contains("not waiting", again.Message);
    }

    [Fact]
    public async Task An_incident_is_recorded_for_the_sitting_or_a_candidate_and_audited()
    {
        var steps = await ProctorSteps.StartAsync(app);
        await steps.BeginAsync();
        var attemptId = await steps.AttemptIdAsync();
        await using var console = await steps.ConsoleAsync();

        await console.InvokeAsync("RecordIncident", steps.SittingId, (long?)attemptId, "candidate", "Left the room for 3 minutes");
        await console.InvokeAsync("RecordIncident", steps.SittingId, (long?)null, "technical", "Wi-Fi dropped for everyone");

        var log = (await console.InvokeAsync<RosterSnapshot>("Join", steps.SittingId)).Log;
        Assert.Contains(log, l => l.Category == "candidate" && l.CandidateNumber == steps.Seat.CandidateNumber && l.Note == "Left the room for 3 minutes");
        Assert.Contains(log, l => l.Category == "technical" && l.CandidateNumber is null);
        Assert.Equal(2, (await app.ActionsAsync(ProctorAuditActions.Incident)).Count(a => a.SubjectId == steps.SittingId.ToString()));
    }
}
