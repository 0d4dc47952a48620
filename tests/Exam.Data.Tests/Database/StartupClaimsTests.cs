using Exam.Data.Database;
using Exam.Data.Tests.Fixtures;

namespace Exam.Data.Tests.Database;

/// <summary>One-time start-up work: one node claims it, the others see it claimed, a dead node's claim is taken over.</summary>
public abstract class StartupClaimsTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : DatabaseFixture
{
    private readonly StartupClaims _claims = new();
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private async Task<bool> ClaimAsync(string name, string owner, DateTimeOffset at)
    {
        await using var s = await fixture.Db.BeginAsync();
        var claimed = await _claims.TryClaimAsync(s, name, owner, at, Lease);
        await s.CommitAsync();
        return claimed;
    }

    [SkippableFact]
    public async Task Of_two_nodes_claiming_at_once_exactly_one_gets_the_task()
    {
        var name = "task-" + Guid.NewGuid().ToString("N")[..8];
        var now = fixture.Clock.GetUtcNow();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => ClaimAsync(name, "node-" + i, now))));
        Assert.Equal(1, results.Count(r => r));
        await using var s = await fixture.Db.OpenAsync();
        var claim = await _claims.GetAsync(s, name);
        Assert.Equal("node-" + Array.IndexOf(results, true), claim!.ClaimedBy);
        Assert.Null(claim.CompletedAt);
    }

    [SkippableFact]
    public async Task A_completed_task_stays_done_and_only_its_holder_completes_it()
    {
        var name = "task-" + Guid.NewGuid().ToString("N")[..8];
        var now = fixture.Clock.GetUtcNow();
        Assert.True(await ClaimAsync(name, "a", now));
        await using (var s = await fixture.Db.BeginAsync())
        {
            Assert.False(await _claims.CompleteAsync(s, name, "b", now));
            Assert.True(await _claims.CompleteAsync(s, name, "a", now.AddSeconds(30)));
            await s.CommitAsync();
        }
        Assert.False(await ClaimAsync(name, "b", now.AddHours(1))); // done is done, however old
        await using var read = await fixture.Db.OpenAsync();
        Assert.Equal(now.AddSeconds(30), (await _claims.GetAsync(read, name))!.CompletedAt);
    }

    [SkippableFact]
    public async Task A_claim_left_unfinished_past_its_lease_is_taken_over()
    {
        var name = "task-" + Guid.NewGuid().ToString("N")[..8];
        var now = fixture.Clock.GetUtcNow();
        Assert.True(await ClaimAsync(name, "died", now));
        Assert.False(await ClaimAsync(name, "waiting", now + Lease - TimeSpan.FromSeconds(1)));
        Assert.True(await ClaimAsync(name, "waiting", now + Lease + TimeSpan.FromSeconds(1)));
        await using (var s = await fixture.Db.BeginAsync())
        {
            Assert.False(await _claims.CompleteAsync(s, name, "died", now)); // the node that came back late no longer holds it
            await s.CommitAsync();
        }
        await using var read = await fixture.Db.OpenAsync();
        Assert.Equal("waiting", (await _claims.GetAsync(read, name))!.ClaimedBy);
    }
}

public sealed class SqliteStartupClaimsTests(SqliteFixture fixture) : StartupClaimsTests<SqliteFixture>(fixture);

public sealed class SqlServerStartupClaimsTests(SqlServerFixture fixture) : StartupClaimsTests<SqlServerFixture>(fixture);
