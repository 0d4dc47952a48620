using Dapper;
using Exam.Data.Delivery;
using Exam.Data.Proctoring;
using Exam.Data.Tests.Delivery;
using Exam.Data.Tests.Fixtures;

namespace Exam.Data.Tests.Proctoring;

/// <summary>Presence as every node reads it: heartbeats, a page that closed, and a page whose node went away.</summary>
public abstract class PresenceStoreTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : DatabaseFixture
{
    private readonly ProctorStore _store = new();

    private async Task<RosterEntry> RowAsync(long attemptId)
    {
        await using var s = await fixture.Db.OpenAsync();
        return Assert.Single(await _store.RosterOfAttemptsAsync(s, [attemptId]));
    }

    [SkippableFact]
    public async Task A_heartbeat_keeps_a_page_connected_and_a_closed_page_is_lost_from_the_moment_it_closed()
    {
        var a = await DeliverySeed.AttemptAsync(fixture);
        var t0 = fixture.Clock.GetUtcNow();
        await using (var s = await fixture.Db.BeginAsync())
        {
            await _store.MarkSeenAsync(s, a.AttemptId, t0);
            Assert.Equal(1, await _store.HeartbeatAsync(s, [a.AttemptId], t0.AddSeconds(2)));
            await s.CommitAsync();
        }
        Assert.Equal((t0.AddSeconds(2), (DateTimeOffset?)null), ((await RowAsync(a.AttemptId)).LastSeenAt!.Value, (await RowAsync(a.AttemptId)).LostSince));

        await using (var s = await fixture.Db.BeginAsync())
        {
            Assert.True(await _store.MarkLostAsync(s, a.AttemptId, t0.AddSeconds(3)));
            Assert.False(await _store.MarkLostAsync(s, a.AttemptId, t0.AddSeconds(9))); // the first instant stays
            // A heartbeat does not revive a lost page by itself: the node reconnecting says so.
            Assert.Equal(0, await _store.HeartbeatAsync(s, [a.AttemptId], t0.AddSeconds(4)));
            Assert.Empty(await _store.ConnectedAmongAsync(s, [a.AttemptId]));
            await s.CommitAsync();
        }
        Assert.Equal(t0.AddSeconds(3), (await RowAsync(a.AttemptId)).LostSince);
    }

    [SkippableFact]
    public async Task A_page_whose_node_stopped_beating_is_marked_lost_since_its_last_heartbeat_once()
    {
        var a = await DeliverySeed.AttemptAsync(fixture);
        var t0 = fixture.Clock.GetUtcNow();
        await using (var s = await fixture.Db.BeginAsync())
        {
            await _store.MarkSeenAsync(s, a.AttemptId, t0);
            await s.CommitAsync();
        }
        var cutoff = t0.AddSeconds(1);
        await using (var s = await fixture.Db.OpenAsync())
        {
            Assert.Contains(a.AttemptId, await _store.StaleAsync(s, cutoff));
            Assert.DoesNotContain(a.AttemptId, await _store.StaleAsync(s, t0.AddSeconds(-1)));
        }
        await using (var s = await fixture.Db.BeginAsync())
        {
            Assert.True(await _store.MarkStaleAsync(s, a.AttemptId, cutoff));
            Assert.False(await _store.MarkStaleAsync(s, a.AttemptId, cutoff)); // a second node finds it done
            await s.CommitAsync();
        }
        var row = await RowAsync(a.AttemptId);
        Assert.Equal(t0, row.LostSince);
        await using (var s = await fixture.Db.OpenAsync())
            Assert.DoesNotContain(a.AttemptId, await _store.StaleAsync(s, cutoff));
    }

    [SkippableFact]
    public async Task A_page_that_came_back_is_not_marked_stale_and_finished_attempts_are_left_alone()
    {
        var back = await DeliverySeed.AttemptAsync(fixture);
        var over = await DeliverySeed.AttemptAsync(fixture);
        var t0 = fixture.Clock.GetUtcNow();
        await using (var s = await fixture.Db.BeginAsync())
        {
            await _store.MarkSeenAsync(s, back.AttemptId, t0);
            await _store.MarkSeenAsync(s, over.AttemptId, t0);
            await s.Connection.ExecuteAsync("UPDATE attempts SET status = @Status WHERE id = @Id",
                new { Status = AttemptStatus.Submitted, Id = over.AttemptId }, s.Transaction);
            await s.CommitAsync();
        }
        var cutoff = t0.AddSeconds(5);
        await using (var s = await fixture.Db.BeginAsync())
        {
            var stale = await _store.StaleAsync(s, cutoff);
            Assert.Contains(back.AttemptId, stale);
            Assert.DoesNotContain(over.AttemptId, stale);
            await _store.MarkSeenAsync(s, back.AttemptId, t0.AddSeconds(6)); // its node beat in between
            Assert.False(await _store.MarkStaleAsync(s, back.AttemptId, cutoff));
            await s.CommitAsync();
        }
        Assert.Null((await RowAsync(back.AttemptId)).LostSince);
    }

    [SkippableFact]
    public async Task The_roster_of_some_attempts_names_their_sitting_and_form()
    {
        var a = await DeliverySeed.AttemptAsync(fixture);
        var b = await DeliverySeed.AttemptAsync(fixture);
        await using var s = await fixture.Db.OpenAsync();
        var rows = await _store.RosterOfAttemptsAsync(s, [a.AttemptId, b.AttemptId]);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("form-", r.FormId));
        Assert.Equal(a.RegistrationId, rows.Single(r => r.AttemptId == a.AttemptId).RegistrationId);
        Assert.NotEqual(rows[0].SittingId, rows[1].SittingId);
        Assert.Empty(await _store.RosterOfAttemptsAsync(s, []));
    }
}

public sealed class SqlitePresenceStoreTests(SqliteFixture fixture) : PresenceStoreTests<SqliteFixture>(fixture);

public sealed class SqlServerPresenceStoreTests(SqlServerFixture fixture) : PresenceStoreTests<SqlServerFixture>(fixture);
