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
        await using (var s = await fixture.Db.BeginAsync())
        {
            await _attempts.StartPartAsync(s, a.AttemptId, 1, PartClock.Start(now, TimeSpan.FromMinutes(90), 25));
            await _attempts.SaveClockAsync(s, a.AttemptId, 1, clock);
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
    public async Task One_registration_has_at_most_one_attempt()
    {
        var a = await DeliverySeed.AttemptAsync(fixture);
        await using var s = await fixture.Db.BeginAsync();
        Assert.Equal(a.AttemptId, await _attempts.IdForRegistrationAsync(s, a.RegistrationId));
        await Assert.ThrowsAnyAsync<Exception>(() => _attempts.CreateAsync(s, a.RegistrationId, 1, AttemptStatus.Rules, "other"));
    }
}

public sealed class SqliteAttemptStoreTests(SqliteFixture fixture) : AttemptStoreTests<SqliteFixture>(fixture);

public sealed class SqlServerAttemptStoreTests(SqlServerFixture fixture) : AttemptStoreTests<SqlServerFixture>(fixture);
