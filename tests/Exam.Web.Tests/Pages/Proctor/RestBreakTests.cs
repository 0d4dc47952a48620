using Dapper;
using Exam.Web.Delivery;
using Exam.Web.Proctoring;
using Exam.Web.Tests.Fixtures;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Proctor;

/// <summary>
/// Rest breaks as a structured accommodation: started and ended from the console, the clock stopped for at most the
/// approved length, counted apart from pauses, limited per part, audited; and automatic submissions in the console log.
/// </summary>
public sealed class RestBreakTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    private async Task<ProctorSteps> WithBreaksAsync(int count = 2, int minutes = 10, bool separateRoom = true)
    {
        var steps = await ProctorSteps.StartAsync(app);
        await using var s = await app.Db.BeginAsync();
        await s.Connection.ExecuteAsync(
            "UPDATE registrations SET break_count = @Count, break_minutes = @Minutes, separate_room = @Room, extra_time_part_one = 25 WHERE id = @Id",
            new { Count = count, Minutes = minutes, Room = separateRoom, Id = steps.Seat.RegistrationId }, s.Transaction);
        await s.CommitAsync();
        return steps;
    }

    [Fact]
    public async Task A_break_stops_the_clock_until_the_proctor_ends_it_and_is_counted_apart_from_pauses()
    {
        var steps = await WithBreaksAsync();
        await steps.BeginAsync();
        var attemptId = await steps.AttemptIdAsync();
        await using var console = await steps.ConsoleAsync();
        var before = await steps.RowAsync(console);
        Assert.Equal("Part One: 25% extra time; 2 rest breaks of 10 min per part; separate room", before.Accommodations);
        Assert.True(before.CanStartBreak);
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        var left = await steps.RemainingAsync();

        await console.InvokeAsync("StartBreak", steps.SittingId, attemptId);
        app.Clock.Advance(TimeSpan.FromMinutes(7));
        Assert.Equal(left, await steps.RemainingAsync());
        var onBreak = await steps.RowAsync(console);
        Assert.Equal(("on-break", "Rest break 1 of 2 in Part One"), (onBreak.Status, onBreak.StatusText));
        Assert.Equal((false, false, true, 1), (onBreak.CanResume, onBreak.CanPause, onBreak.CanEndBreak, onBreak.BreaksTaken));
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(3), onBreak.BreakEndsBy);

        await console.InvokeAsync("EndBreak", steps.SittingId, attemptId);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(left - TimeSpan.FromMinutes(1), await steps.RemainingAsync());
        Assert.Equal(0, (await steps.AttemptAsync()).Running!.PausedSeconds); // a break is not a pause

        var snapshot = await console.InvokeAsync<RosterSnapshot>("Join", steps.SittingId);
        Assert.Contains(snapshot.Log, l => l.Kind == "break-start" && l.Note == "rest break 1 of 2" && l.Actor == steps.ProctorUserName);
        Assert.Contains(snapshot.Log, l => l.Kind == "break-end" && l.Minutes == 7);
        Assert.DoesNotContain(snapshot.Log, l => l.Kind is "pause" or "resume");
        var started = Assert.Single(await app.ActionsAsync(ProctorAuditActions.BreakStarted), a => a.SubjectId == attemptId.ToString());
        Assert.Contains("\"number\":1", started.AfterJson);
        var ended = Assert.Single(await app.ActionsAsync(ProctorAuditActions.BreakEnded), a => a.SubjectId == attemptId.ToString());
        Assert.Contains("\"creditedSeconds\":420", ended.AfterJson);

        var (_, report) = await steps.Proctor.GetAsync($"/Proctor/Sittings/Report/{steps.SittingId}");
        Assert.Contains("report-breaks", report);
        Assert.Contains("2 rest breaks of 10 min per part; separate room", report);
        Assert.Contains("<td>1, 7 min</td>", report);
    }

    [Fact]
    public async Task A_break_nobody_ends_stops_the_clock_only_for_its_approved_length()
    {
        var steps = await WithBreaksAsync(minutes: 10);
        await steps.BeginAsync();
        var attemptId = await steps.AttemptIdAsync();
        await using var console = await steps.ConsoleAsync();
        var left = await steps.RemainingAsync();
        await console.InvokeAsync("StartBreak", steps.SittingId, attemptId);

        app.Clock.Advance(TimeSpan.FromMinutes(25));
        Assert.True(await app.Services.GetRequiredService<ProctorService>().EndOverdueBreaksAsync() >= 1); // other tests' breaks too

        // The clock ran again from the break's approved end: 15 of the 25 minutes came off the time left.
        Assert.Equal(left - TimeSpan.FromMinutes(15), await steps.RemainingAsync());
        var row = await steps.RowAsync(console);
        Assert.Equal(("in-part", true), (row.Status, row.CanStartBreak));
        var snapshot = await console.InvokeAsync<RosterSnapshot>("Join", steps.SittingId);
        Assert.Single(snapshot.Log, l => l.Kind == "break-end" && l.Actor == "system" && l.Minutes == 10);
        await app.Services.GetRequiredService<ProctorService>().EndOverdueBreaksAsync();
        Assert.Single((await console.InvokeAsync<RosterSnapshot>("Join", steps.SittingId)).Log, l => l.Kind == "break-end");
    }

    [Fact]
    public async Task A_break_beyond_the_number_approved_is_refused_and_changes_nothing()
    {
        var steps = await WithBreaksAsync(count: 1);
        await steps.BeginAsync();
        var attemptId = await steps.AttemptIdAsync();
        await using var console = await steps.ConsoleAsync();
        await console.InvokeAsync("StartBreak", steps.SittingId, attemptId);
        var twice = await Assert.ThrowsAsync<HubException>(() => console.InvokeAsync("StartBreak", steps.SittingId, attemptId));
        Assert.Contains("already stopped", twice.Message);
        await console.InvokeAsync("EndBreak", steps.SittingId, attemptId);
        var deadline = (await steps.AttemptAsync()).Running!.Deadline;

        var beyond = await Assert.ThrowsAsync<HubException>(() => console.InvokeAsync("StartBreak", steps.SittingId, attemptId));
        Assert.Contains("taken all 1 of their rest breaks", beyond.Message);
        var running = (await steps.AttemptAsync()).Running!;
        Assert.Equal((deadline, false), (running.Deadline, running.Clock.IsPaused));
        Assert.False((await steps.RowAsync(console)).CanStartBreak);
        Assert.Single(await app.ActionsAsync(ProctorAuditActions.BreakStarted), a => a.SubjectId == attemptId.ToString());
        Assert.Contains("not on a rest break", (await Assert.ThrowsAsync<HubException>(() => console.InvokeAsync("EndBreak", steps.SittingId, attemptId))).Message);
    }

    [Fact]
    public async Task A_candidate_without_breaks_gets_none_and_resume_never_ends_a_break()
    {
        var steps = await WithBreaksAsync();
        var plain = await steps.AddSeatAsync();
        await steps.BeginAsync();
        await steps.BeginAsync(plain);
        var attemptId = await steps.AttemptIdAsync();
        var plainId = await steps.AttemptIdAsync(plain);
        await using var console = await steps.ConsoleAsync();

        Assert.Contains("no rest breaks", (await Assert.ThrowsAsync<HubException>(() => console.InvokeAsync("StartBreak", steps.SittingId, plainId))).Message);
        Assert.Equal("None", (await steps.RowAsync(console, plain)).Accommodations);

        await console.InvokeAsync("StartBreak", steps.SittingId, attemptId);
        Assert.Contains("end the break", (await Assert.ThrowsAsync<HubException>(() => console.InvokeAsync("Resume", steps.SittingId, (long?)attemptId, (string?)null))).Message);
        await console.InvokeAsync("Pause", steps.SittingId, (long?)null, "fire alarm");
        await console.InvokeAsync("Resume", steps.SittingId, (long?)null, (string?)null);
        Assert.Equal("on-break", (await steps.RowAsync(console)).Status);
        Assert.False((await steps.AttemptAsync(plain)).Running!.Clock.IsPaused);
    }

    [Fact]
    public async Task Another_sittings_proctor_cannot_start_or_end_a_break()
    {
        var steps = await WithBreaksAsync();
        await steps.BeginAsync();
        var attemptId = await steps.AttemptIdAsync();
        var other = await ProctorSteps.StartAsync(app);
        await using var theirs = await other.ConsoleAsync();

        Assert.Contains("not the proctor of that sitting",
            (await Assert.ThrowsAsync<HubException>(() => theirs.InvokeAsync("StartBreak", steps.SittingId, attemptId))).Message);
        Assert.Contains("not in this sitting",
            (await Assert.ThrowsAsync<HubException>(() => theirs.InvokeAsync("StartBreak", other.SittingId, attemptId))).Message);
        Assert.Contains("not in this sitting",
            (await Assert.ThrowsAsync<HubException>(() => theirs.InvokeAsync("EndBreak", other.SittingId, attemptId))).Message);
        Assert.False((await steps.AttemptAsync()).Running!.Clock.IsPaused);
        Assert.DoesNotContain(await app.ActionsAsync(ProctorAuditActions.BreakStarted), a => a.SubjectId == attemptId.ToString());
    }

    [Fact]
    public async Task A_part_submitted_at_time_up_shows_in_the_console_log()
    {
        var steps = await ProctorSteps.StartAsync(app);
        await steps.BeginAsync();
        await using var console = await steps.ConsoleAsync();
        var logged = new Inbox<LogLine>();
        console.On<LogLine>("Logged", logged.Add);
        await console.InvokeAsync<RosterSnapshot>("Join", steps.SittingId);

        app.Clock.Advance(TimeSpan.FromMinutes(92));
        await app.Services.GetRequiredService<ExamService>().SweepExpiredAsync();
        await app.Services.GetRequiredService<RosterFeed>().FlushAsync();

        var line = await logged.WaitForAsync(l => l.Kind == "auto-submit");
        Assert.Equal(("system", steps.Seat.CandidateNumber, 1), (line.Actor, line.CandidateNumber, line.Part));
        // Once, however many sweeps run.
        await app.Services.GetRequiredService<ExamService>().SweepExpiredAsync();
        var snapshot = await console.InvokeAsync<RosterSnapshot>("Join", steps.SittingId);
        Assert.Single(snapshot.Log, l => l.Kind == "auto-submit");
        var (_, report) = await steps.Proctor.GetAsync($"/Proctor/Sittings/Report/{steps.SittingId}");
        Assert.Contains("Part 1 submitted automatically (time up)", report);
    }
}
