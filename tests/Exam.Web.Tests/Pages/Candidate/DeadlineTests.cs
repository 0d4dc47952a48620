using System.Net;
using Exam.Data.Delivery;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Candidate;

/// <summary>The deadline is the server's: changes made after it are never taken, delayed ones within the window are, as late.</summary>
public sealed class DeadlineTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    private async Task<(ExamSeed.Seat Seat, CandidateSession Session, DateTimeOffset Deadline)> StartAsync()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var seat = await ExamSeed.SeatAsync(app, form);
        var session = await CandidateSession.SignInAsync(app, seat);
        await session.AcceptRulesAsync();
        Assert.Equal("/Candidate/Exam/PartOne", await session.OpenAsync());
        return (seat, session, app.Clock.GetUtcNow().AddMinutes(90));
    }

    private Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)> SaveAsync(CandidateSession session, long seq, int slot, DateTimeOffset? madeAt) =>
        session.SaveMcAsync(seq, 1, slot, madeAt: madeAt);

    [Fact]
    public async Task A_change_made_after_the_deadline_is_refused_even_when_it_arrives_at_once()
    {
        var (_, session, deadline) = await StartAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(90) + TimeSpan.FromSeconds(1));
        var (status, body) = await SaveAsync(session, 1, 1, deadline.AddSeconds(1));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("late", body.GetProperty("error").GetString());
        Assert.Contains("made after the deadline", body.GetProperty("message").GetString());
        // Saying nothing of when it was made is the same: it was made when it arrived.
        Assert.Equal(HttpStatusCode.Conflict, (await SaveAsync(session, 2, 1, null)).Status);
    }

    [Fact]
    public async Task A_change_made_after_the_deadline_is_refused_whatever_offset_its_time_is_written_in()
    {
        // SQLite compares instants as text: a hand-built time after the deadline, written five hours behind UTC, reads
        // as earlier than the deadline unless the server takes it as UTC first.
        var (_, session, deadline) = await StartAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(90) + TimeSpan.FromSeconds(20));
        var (status, body) = await SaveAsync(session, 1, 1, deadline.AddSeconds(10).ToOffset(TimeSpan.FromHours(-5)));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("late", body.GetProperty("error").GetString());
        // One made before it, written ahead of UTC, is still taken as delayed.
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(session, 2, 1, deadline.AddSeconds(-3).ToOffset(TimeSpan.FromHours(9)))).Status);
    }

    [Fact]
    public async Task A_change_made_before_the_deadline_and_delayed_is_taken_recorded_late_and_listed_on_the_sitting_report()
    {
        var (seat, session, deadline) = await StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(session, 1, 2, deadline.AddMinutes(-10))).Status); // in time: not late
        app.Clock.Advance(TimeSpan.FromMinutes(90) + TimeSpan.FromSeconds(20));
        var (status, body) = await SaveAsync(session, 2, 3, deadline.AddSeconds(-3));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("applied", body.GetProperty("outcome").GetString());

        await using (var s = await app.Db.OpenAsync())
        {
            var late = Assert.Single(await app.Services.GetRequiredService<AnswerStore>().LateOfSittingAsync(s, seat.SittingId));
            Assert.Equal((1, 2L, 1), (late.Part, late.Seq, late.Position!.Value));
            Assert.InRange((late.MadeAt - deadline.AddSeconds(-3)).TotalMilliseconds, -1, 1);
            Assert.InRange((late.ReceivedAt - deadline.AddSeconds(20)).TotalMilliseconds, -1, 1);
        }
        var proctor = await app.SignedInAsync("admin");
        var (response, html) = await proctor.GetAsync($"/Proctor/Sittings/Report/{seat.SittingId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"report-late\"", html);
        Assert.Contains($"<td class=\"mono\">{seat.CandidateNumber}</td><td>One</td><td>Question 1</td>", html);
    }

    [Fact]
    public async Task A_delayed_change_that_arrives_after_the_window_is_refused()
    {
        var (_, session, deadline) = await StartAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(90) + TimeSpan.FromSeconds(31));
        var (status, body) = await SaveAsync(session, 1, 1, deadline.AddSeconds(-1));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("reached the server after the deadline", body.GetProperty("message").GetString());
        // A claim of an earlier making buys no more than the window.
        Assert.Equal(HttpStatusCode.Conflict, (await SaveAsync(session, 2, 1, deadline.AddHours(-1))).Status);
    }
}
