using Exam.Core.Delivery;
using Exam.Data.Delivery;
using Exam.Data.Tests.Fixtures;

namespace Exam.Data.Tests.Delivery;

public abstract class AttemptStoreTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : DatabaseFixture
{
    private readonly AttemptStore _attempts = new(fixture.Clock);

    [SkippableFact]
    public async Task A_part_clock_is_stored_paused_extended_and_read_back()
    {
        var a = await DeliverySeed.AttemptAsync(fixture);
        var now = fixture.Clock.GetUtcNow();
        var clock = PartClock.Start(now, TimeSpan.FromMinutes(90), 25).Extend(TimeSpan.FromMinutes(5)).Pause(now.AddMinutes(10));
        var started = PartClock.Start(now, TimeSpan.FromMinutes(90), 25);
        await using (var s = await fixture.Db.BeginAsync())
        {
            await _attempts.StartPartAsync(s, a.AttemptId, 1, started);
            Assert.True(await _attempts.SaveClockAsync(s, a.AttemptId, 1, started, clock));
            await s.CommitAsync();
        }
        await using var read = await fixture.Db.OpenAsync();
        var part = Assert.Single((await _attempts.GetAsync(read, a.AttemptId))!.Value.Parts);
        Assert.Equal(clock, part.Clock);
    }

    [SkippableFact]
    public async Task A_part_is_submitted_once_and_the_sweeper_sees_only_running_expired_parts()
    {
        var a = await DeliverySeed.AttemptAsync(fixture);
        var now = fixture.Clock.GetUtcNow();
        await using (var s = await fixture.Db.BeginAsync())
        {
            await _attempts.StartPartAsync(s, a.AttemptId, 1, PartClock.Start(now.AddHours(-3), TimeSpan.FromMinutes(90)));
            await s.CommitAsync();
        }
        await using (var s = await fixture.Db.OpenAsync())
            Assert.Contains(await _attempts.ExpiredPartsAsync(s, now), p => p.AttemptId == a.AttemptId);
        await using (var s = await fixture.Db.BeginAsync())
        {
            Assert.True(await _attempts.SubmitPartAsync(s, a.AttemptId, 1, now, "expired", "R-1"));
            Assert.False(await _attempts.SubmitPartAsync(s, a.AttemptId, 1, now, "candidate", "R-2"));
            await s.CommitAsync();
        }
        await using var read = await fixture.Db.OpenAsync();
        Assert.DoesNotContain(await _attempts.ExpiredPartsAsync(read, now), p => p.AttemptId == a.AttemptId);
        var part = (await _attempts.GetAsync(read, a.AttemptId))!.Value.Parts.Single();
        Assert.Equal(("expired", "R-1"), (part.SubmitReason, part.ReceiptCode));
    }

    [SkippableFact]
    public async Task One_registration_has_at_most_one_attempt_and_a_second_create_makes_nothing()
    {
        var a = await DeliverySeed.AttemptAsync(fixture);
        await using var s = await fixture.Db.BeginAsync();
        Assert.Equal(a.AttemptId, await _attempts.IdForRegistrationAsync(s, a.RegistrationId));
        Assert.Null(await _attempts.CreateAsync(s, a.RegistrationId, 1, AttemptStatus.Rules, "other"));
        Assert.Equal("session-1", (await _attempts.GetAsync(s, a.AttemptId))!.Value.Attempt.SessionId);
    }

    [SkippableFact]
    public async Task A_clock_computed_from_an_older_read_is_not_written()
    {
        var a = await DeliverySeed.AttemptAsync(fixture);
        var now = fixture.Clock.GetUtcNow();
        var started = PartClock.Start(now, TimeSpan.FromMinutes(90));
        await using (var s = await fixture.Db.BeginAsync())
        {
            await _attempts.StartPartAsync(s, a.AttemptId, 1, started);
            await s.CommitAsync();
        }
        // Two proctors read the same clock; the first extends by 10 minutes, the second's 5 minutes are refused, not
        // written over the first's (which would lose 10 minutes of the candidate's time).
        var first = started.Extend(TimeSpan.FromMinutes(10));
        var second = started.Extend(TimeSpan.FromMinutes(5));
        await using (var s = await fixture.Db.BeginAsync())
        {
            Assert.True(await _attempts.SaveClockAsync(s, a.AttemptId, 1, started, first));
            Assert.False(await _attempts.SaveClockAsync(s, a.AttemptId, 1, started, second));
            await s.CommitAsync();
        }
        await using var read = await fixture.Db.OpenAsync();
        Assert.Equal(first, (await _attempts.GetAsync(read, a.AttemptId))!.Value.Parts.Single().Clock);
    }

    [SkippableFact]
    public async Task Each_transition_changes_only_its_columns_and_only_from_the_state_it_expects()
    {
        var a = await DeliverySeed.AttemptAsync(fixture);
        var now = fixture.Clock.GetUtcNow();
        await using (var s = await fixture.Db.BeginAsync())
        {
            Assert.False(await _attempts.EnterPartAsync(s, a.AttemptId, AttemptStatus.Waiting, 1, now, "proctor")); // it is not waiting
            Assert.True(await _attempts.EnterPartAsync(s, a.AttemptId, AttemptStatus.Rules, 1));
            Assert.False(await _attempts.EnterPartAsync(s, a.AttemptId, AttemptStatus.Rules, 1)); // a second click
            Assert.False(await _attempts.FinishPartAsync(s, a.AttemptId, 2, AttemptStatus.Submitted, now, "candidate")); // not in part 2
            Assert.True(await _attempts.FinishPartAsync(s, a.AttemptId, 1, AttemptStatus.BetweenParts, now, "candidate"));
            Assert.False(await _attempts.FinishPartAsync(s, a.AttemptId, 1, AttemptStatus.BetweenParts, now, "expired"));
            await s.CommitAsync();
        }
        await using (var s = await fixture.Db.BeginAsync())
        {
            // A session moved by a re-admission meanwhile is not undone by a later transition (it writes no session).
            await Dapper.SqlMapper.ExecuteAsync(s.Connection, "UPDATE attempts SET session_id = 'readmitted' WHERE id = @Id;", new { Id = a.AttemptId }, s.Transaction);
            Assert.True(await _attempts.VoidAsync(s, a.AttemptId, now, "left the room"));
            Assert.False(await _attempts.VoidAsync(s, a.AttemptId, now, "twice"));
            await s.CommitAsync();
        }
        await using var read = await fixture.Db.OpenAsync();
        var attempt = (await _attempts.GetAsync(read, a.AttemptId))!.Value.Attempt;
        Assert.Equal((AttemptStatus.Voided, "readmitted", 1, "left the room"), (attempt.Status, attempt.SessionId, attempt.CurrentPart, attempt.EndReason));
    }
}

public sealed class SqliteAttemptStoreTests(SqliteFixture fixture) : AttemptStoreTests<SqliteFixture>(fixture);

public sealed class SqlServerAttemptStoreTests(SqlServerFixture fixture) : AttemptStoreTests<SqlServerFixture>(fixture);
