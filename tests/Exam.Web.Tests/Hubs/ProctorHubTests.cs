using Exam.Core.Accounts;
using Exam.Web.Delivery;
using Exam.Web.Proctoring;
using Exam.Web.Tests.Fixtures;
using Exam.Web.Tests.Pages.Proctor;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Exam.Web.Tests.Hubs;

public sealed class ProctorHubTests(ExamAppFactory app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ExamAppFactory>
{
    [Fact]
    public async Task A_candidate_cannot_connect_to_the_proctor_hub()
    {
        var steps = await ProctorSteps.StartAsync(app);
        var candidate = await steps.BeginAsync();
        await using var hub = HubClients.Build(app, "/hubs/proctor", candidate.Browser);
        await Assert.ThrowsAnyAsync<Exception>(() => hub.StartAsync());
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }

    [Fact]
    public async Task A_rater_cannot_connect_to_the_proctor_hub()
    {
        var (user, password) = await app.CreateStaffAsync(Roles.Rater);
        var rater = Browserless.For(app);
        await rater.StaffSignInAsync(user, password);
        await using var hub = HubClients.Build(app, "/hubs/proctor", rater);
        await Assert.ThrowsAnyAsync<Exception>(() => hub.StartAsync());
    }

    [Fact]
    public async Task Another_sittings_proctor_can_neither_join_nor_act_on_it()
    {
        var steps = await ProctorSteps.StartAsync(app);
        await steps.BeginAsync();
        var attemptId = await steps.AttemptIdAsync();
        var other = await ProctorSteps.StartAsync(app);
        await using var hub = await other.ConsoleAsync();

        var join = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<RosterSnapshot>("Join", steps.SittingId));
        Assert.Contains("not the proctor of that sitting", join.Message);
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Pause", steps.SittingId, (long?)attemptId, "x"));
        // Naming their own sitting with someone else's attempt does not work either.
        var cross = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Void", other.SittingId, attemptId, "x"));
        Assert.Contains("not in this sitting", cross.Message);
        Assert.False((await steps.AttemptAsync()).Running!.Clock.IsPaused);
        Assert.DoesNotContain(await app.ActionsAsync(ProctorAuditActions.Paused), a => a.SubjectId == attemptId.ToString());
    }

    [Fact]
    public async Task An_admin_may_join_any_sitting()
    {
        var steps = await ProctorSteps.StartAsync(app);
        var (user, password) = await app.CreateStaffAsync(Roles.Admin);
        var admin = Browserless.For(app);
        await admin.StaffSignInAsync(user, password);
        await using var hub = HubClients.Build(app, "/hubs/proctor", admin);
        await hub.StartAsync();
        var snapshot = await hub.InvokeAsync<RosterSnapshot>("Join", steps.SittingId);
        Assert.Contains(snapshot.Rows, r => r.CandidateNumber == steps.Seat.CandidateNumber);
    }

    [Fact]
    public async Task Hub_arguments_are_validated_with_a_clear_message()
    {
        var steps = await ProctorSteps.StartAsync(app);
        await steps.BeginAsync();
        var attemptId = await steps.AttemptIdAsync();
        await using var hub = await steps.ConsoleAsync();

        Assert.Contains("1 to 240 minutes", (await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Extend", steps.SittingId, attemptId, 0, "r"))).Message);
        Assert.Contains("reason", (await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Extend", steps.SittingId, attemptId, 5, " "))).Message);
        Assert.Contains("reason", (await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Void", steps.SittingId, attemptId, ""))).Message);
        Assert.Contains("category", (await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("RecordIncident", steps.SittingId, (long?)null, "weather", "rain"))).Message);
        Assert.Contains("not the proctor", (await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<RosterSnapshot>("Join", -1L))).Message);
        Assert.Contains("not in this sitting", (await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Pause", steps.SittingId, (long?)999999, (string?)null))).Message);
        Assert.Contains("does not require admission", (await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Admit", steps.SittingId, attemptId))).Message);
        Assert.Contains("under 2000", (await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Pause", steps.SittingId, (long?)attemptId, new string('x', 2001)))).Message);
    }

    [Fact]
    public async Task A_pause_reaches_the_candidates_exam_hub_as_a_paused_clock()
    {
        var steps = await ProctorSteps.StartAsync(app);
        var candidate = await steps.BeginAsync();
        var attemptId = await steps.AttemptIdAsync();
        var clocks = new Inbox<ClockMessage>();
        await using var exam = HubClients.Build(app, "/hubs/exam", candidate.Browser);
        exam.On<ClockMessage>("Clock", clocks.Add);
        await exam.StartAsync();
        await clocks.WaitForAsync(c => !c.Paused); // the replay on connect
        await using var console = await steps.ConsoleAsync();

        await console.InvokeAsync("Pause", steps.SittingId, (long?)attemptId, "fire alarm");

        var paused = await clocks.WaitForAsync(c => c.Paused);
        Assert.Equal(1, paused.Part);
        Assert.True(paused.RemainingMs > 0);

        var afterPause = new Inbox<ClockMessage>();
        exam.On<ClockMessage>("Clock", afterPause.Add);
        await console.InvokeAsync("Resume", steps.SittingId, (long?)attemptId, (string?)null);
        Assert.False((await afterPause.WaitForAsync(_ => true)).Paused);
    }

    [Fact]
    public async Task The_console_hears_a_candidate_connect_and_lose_the_connection()
    {
        var steps = await ProctorSteps.StartAsync(app);
        var candidate = await steps.BeginAsync();
        await using var console = await steps.ConsoleAsync();
        var rows = new Inbox<RosterRow>();
        console.On<IReadOnlyList<RosterRow>, DateTimeOffset>("Rows", (changed, _) => { foreach (var r in changed) rows.Add(r); });
        Assert.Equal("none", (await steps.RowAsync(console)).Connection);

        var exam = HubClients.Build(app, "/hubs/exam", candidate.Browser);
        await exam.StartAsync();
        await rows.WaitForAsync(r => r.RegistrationId == steps.Seat.RegistrationId && r.Connection == "connected", 10000); // seconds at most on a loaded CI machine: speed is the benchmark's job

        app.Clock.Advance(TimeSpan.FromMinutes(3));
        var lostAt = app.Clock.GetUtcNow();
        await exam.DisposeAsync();
        var lost = await rows.WaitForAsync(r => r.RegistrationId == steps.Seat.RegistrationId && r.Connection == "lost", 5000);
        Assert.Equal(lostAt, lost.LostSince);
    }

    [Fact]
    public async Task A_reconnecting_console_rebuilds_the_roster_from_the_database()
    {
        var steps = await ProctorSteps.StartAsync(app);
        var candidate = await steps.BeginAsync();
        var second = await steps.AddSeatAsync();
        var console = await steps.ConsoleAsync();
        var before = await console.InvokeAsync<RosterSnapshot>("Join", steps.SittingId);
        Assert.Equal(2, before.Rows.Count);
        Assert.Equal(0, before.Rows.Single(r => r.RegistrationId == steps.Seat.RegistrationId).Answered);
        await console.DisposeAsync();

        // While the console is away: an answer is saved and an incident recorded by another console.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await candidate.SaveMcAsync(1, 1, 2)).Status);
        await using (var other = await steps.ConsoleAsync())
            await other.InvokeAsync("RecordIncident", steps.SittingId, (long?)null, "environment", "Noise from the corridor");

        await using var again = await steps.ConsoleAsync();
        var after = await again.InvokeAsync<RosterSnapshot>("Join", steps.SittingId);
        var row = after.Rows.Single(r => r.RegistrationId == steps.Seat.RegistrationId);
        Assert.Equal((1, 6, "in-part"), (row.Answered, row.AnswerTotal, row.Status));
        Assert.NotNull(row.LastSavedAt);
        Assert.Equal("not-started", after.Rows.Single(r => r.RegistrationId == second.RegistrationId).Status);
        Assert.Contains(after.Log, l => l.Kind == "incident" && l.Note == "Noise from the corridor" && l.Category == "environment");
    }

    [Fact]
    public async Task A_save_shows_on_the_console_without_a_reload()
    {
        var steps = await ProctorSteps.StartAsync(app);
        var candidate = await steps.BeginAsync();
        await using var console = await steps.ConsoleAsync();
        var rows = new Inbox<RosterRow>();
        console.On<IReadOnlyList<RosterRow>, DateTimeOffset>("Rows", (changed, _) => { foreach (var r in changed) rows.Add(r); });
        await steps.RowAsync(console);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await candidate.SaveMcAsync(1, 3, 1);

        await rows.WaitForAsync(r => r.RegistrationId == steps.Seat.RegistrationId && r.Answered == 1, 10000);
        output.WriteLine($"save acknowledged to console row: {watch.ElapsedMilliseconds} ms");
    }
}
