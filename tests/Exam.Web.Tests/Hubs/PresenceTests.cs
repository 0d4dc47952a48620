using Exam.Data.Proctoring;
using Exam.Web.Proctoring;
using Exam.Web.Tests.Fixtures;
using Exam.Web.Tests.Pages.Proctor;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Hubs;

/// <summary>Heartbeats every half second, lost after two: so the tests wait seconds, not the production 8.</summary>
public sealed class QuickPresenceFactory : ExamAppFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Presence:HeartbeatSeconds"] = "0.5",
        ["Presence:LostAfterSeconds"] = "2",
    };
}

/// <summary>Presence comes from heartbeats in the database, so every node's console sees every page.</summary>
public sealed class PresenceTests(QuickPresenceFactory app) : IClassFixture<QuickPresenceFactory>
{
    [Fact]
    public async Task A_page_whose_node_died_shows_lost_since_its_last_heartbeat_on_this_nodes_console()
    {
        var steps = await ProctorSteps.StartAsync(app);
        await steps.BeginAsync();
        var attemptId = await steps.AttemptIdAsync();
        await using var console = await steps.ConsoleAsync();
        var rows = new Inbox<RosterRow>();
        console.On<IReadOnlyList<RosterRow>, DateTimeOffset>("Rows", (changed, _) => { foreach (var r in changed) rows.Add(r); });
        await steps.RowAsync(console);

        // Another node stamped the page seen, then died: nothing tells this node, only the heartbeat goes stale.
        var lastBeat = app.Clock.GetUtcNow();
        await using (var s = await app.Db.BeginAsync())
        {
            await app.Services.GetRequiredService<ProctorStore>().MarkSeenAsync(s, attemptId, lastBeat);
            await s.CommitAsync();
        }
        app.Clock.Advance(TimeSpan.FromSeconds(30));

        var lost = await rows.WaitForAsync(r => r.AttemptId == attemptId && r.Connection == "lost", 10_000);
        Assert.Equal(lastBeat, lost.LostSince);
    }

    [Fact]
    public async Task A_page_connected_here_stays_connected_however_far_the_clock_moves()
    {
        var steps = await ProctorSteps.StartAsync(app);
        var candidate = await steps.BeginAsync();
        await using var console = await steps.ConsoleAsync();
        await using var exam = HubClients.Build(app, "/hubs/exam", candidate.Browser);
        await exam.StartAsync();
        await WaitAsync(async () => (await steps.RowAsync(console)).Connection == "connected");

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var presence = app.Services.GetRequiredService<PresenceTracker>();
        await presence.BeatAsync();
        await presence.MarkStaleAsync();

        Assert.Equal("connected", (await steps.RowAsync(console)).Connection);
        Assert.Equal(app.Clock.GetUtcNow(), (await Entry(steps)).LastSeenAt);
    }

    [Fact]
    public async Task A_change_reaches_the_console_once()
    {
        var steps = await ProctorSteps.StartAsync(app);
        var candidate = await steps.BeginAsync();
        await using var console = await steps.ConsoleAsync();
        var rows = new Inbox<RosterRow>();
        var count = 0;
        console.On<IReadOnlyList<RosterRow>, DateTimeOffset>("Rows", (changed, _) =>
        {
            foreach (var r in changed.Where(r => r.RegistrationId == steps.Seat.RegistrationId))
            {
                Interlocked.Increment(ref count);
                rows.Add(r);
            }
        });
        await steps.RowAsync(console);
        await Task.Delay(RosterFeed.FlushInterval * 3); // let the begin's own row go by
        Interlocked.Exchange(ref count, 0);

        await candidate.SaveMcAsync(1, 2, 1);
        await rows.WaitForAsync(r => r.Answered == 1, 10000);
        await Task.Delay(RosterFeed.FlushInterval * 4); // a poll, as before, would send it again
        Assert.Equal(1, Volatile.Read(ref count));
    }

    private async Task<RosterEntry> Entry(ProctorSteps steps)
    {
        await using var s = await app.Db.OpenAsync();
        return Assert.Single(await app.Services.GetRequiredService<ProctorStore>().RosterOfAttemptsAsync(s, [await steps.AttemptIdAsync()]));
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met within 10 s");
            await Task.Delay(50);
        }
    }
}
