using System.Collections.Concurrent;
using Exam.Core.Accounts;
using Exam.Core.ItemBank;
using Exam.Data.Accounts;
using Exam.Data.ItemBank;
using Exam.Data.Rating;
using Exam.Data.Tests.Delivery;
using Exam.Data.Tests.Fixtures;

namespace Exam.Data.Tests.Rating;

/// <summary>Claims and leases. Each test works in its own essay set, so their queues don't mix.</summary>
public abstract class RatingStoreTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : DatabaseFixture
{
    private readonly RatingStore _ratings = new();
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    private async Task<long> RaterAsync(string set, params string[] roles)
    {
        await using var s = await fixture.Db.BeginAsync();
        var id = await new StaffAccountStore(fixture.Clock).CreateAsync(
            s, "r" + Guid.NewGuid().ToString("N")[..10], "Rater", "hash", roles.Length == 0 ? [Roles.Rater] : roles);
        await _ratings.SetSetsAsync(s, id, [set], "test", fixture.Clock.GetUtcNow());
        await s.CommitAsync();
        return id;
    }

    /// <summary>A submitted essay of a fresh attempt queued for two reads; the response id.</summary>
    private async Task<long> ResponseAsync(string set, string fullName = "Test Candidate", string association = "Test AIMH")
    {
        var a = await DeliverySeed.AttemptAsync(fixture, fullName, association);
        await using var s = await fixture.Db.BeginAsync();
        var rubric = await new ItemBankStore(fixture.Clock).AddRubricVersionAsync(s, new Rubric
        {
            Id = "rb-" + Guid.NewGuid().ToString("N")[..8], Title = "R", EssaySet = EssaySet.Clinical,
            Criteria = [new RubricCriterion("c1", "One", ["reflection"], ["0", "1", "2", "3"])],
        }, "rubric-writer", ItemStatus.Approved);
        var formId = await Dapper.SqlMapper.ExecuteScalarAsync<string>(s.Connection,
            "SELECT si.form_id FROM sittings si JOIN registrations g ON g.sitting_id = si.id WHERE g.id = @Id", new { Id = a.RegistrationId }, s.Transaction);
        var id = await _ratings.CreateResponseAsync(s, new RatingResponse
        {
            Code = "E-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), AttemptId = a.AttemptId, ItemVersionId = a.EssayVersionId,
            RubricVersionId = rubric.Id, EssaySet = set, FormId = formId!, CreatedAt = fixture.Clock.GetUtcNow(),
        });
        await _ratings.AddTaskAsync(s, id, 1, set, fixture.Clock.GetUtcNow());
        await _ratings.AddTaskAsync(s, id, 2, set, fixture.Clock.GetUtcNow());
        await s.CommitAsync();
        return id;
    }

    private async Task<RatingTask?> ClaimAsync(long raterId, bool adjudication = false)
    {
        await using var s = await fixture.Db.BeginAsync();
        var now = fixture.Clock.GetUtcNow();
        var task = await _ratings.ClaimNextAsync(s, raterId, adjudication, now, now + Lease);
        await s.CommitAsync();
        return task;
    }

    private async Task<int> WaitingAsync(long raterId, string set)
    {
        await using var s = await fixture.Db.OpenAsync();
        return (await _ratings.WaitingAsync(s, raterId, false, fixture.Clock.GetUtcNow())).FirstOrDefault(c => c.EssaySet == set)?.Waiting ?? 0;
    }

    [SkippableFact]
    public async Task Twenty_concurrent_claimers_never_double_claim_over_many_rounds()
    {
        for (var round = 0; round < 8; round++)
        {
            var responses = new List<long>();
            for (var i = 0; i < 10; i++) responses.Add(await ResponseAsync("Clinical"));
            var raters = new List<long>();
            for (var i = 0; i < 20; i++) raters.Add(await RaterAsync("Clinical"));
            var claims = new ConcurrentBag<(long Rater, RatingTask Task)>();
            using var go = new ManualResetEventSlim();
            var claimers = raters.Select(rater => Task.Run(async () =>
            {
                go.Wait();
                while (await ClaimAsync(rater) is { } task) claims.Add((rater, task));
            })).ToList();
            go.Set();
            await Task.WhenAll(claimers);

            var mine = claims.Where(c => responses.Contains(c.Task.ResponseId)).ToList();
            Assert.Equal(20, mine.Count);
            Assert.Equal(20, mine.Select(c => c.Task.Id).Distinct().Count());
            Assert.All(mine.GroupBy(c => c.Task.ResponseId), g => Assert.Equal(2, g.Select(c => c.Rater).Distinct().Count()));
            Assert.All(claims.GroupBy(c => c.Task.Id), g => Assert.Single(g));
        }
    }

    [SkippableFact]
    public async Task A_lapsed_lease_returns_the_task_to_the_queue()
    {
        var response = await ResponseAsync("Supervisory");
        var first = await RaterAsync("Supervisory");
        var other = await RaterAsync("Supervisory");
        var third = await RaterAsync("Supervisory");
        Assert.Equal(response, (await ClaimAsync(first))!.ResponseId);
        Assert.Equal(response, (await ClaimAsync(other))!.ResponseId);
        Assert.Null(await ClaimAsync(third));
        Assert.Equal(0, await WaitingAsync(third, "Supervisory"));

        fixture.Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await WaitingAsync(third, "Supervisory"));
        await using (var s = await fixture.Db.BeginAsync())
        {
            var released = await _ratings.ReleaseExpiredAsync(s, fixture.Clock.GetUtcNow());
            Assert.Equal(2, released.Count(t => t.ResponseId == response));
            await s.CommitAsync();
        }
        await using (var read = await fixture.Db.OpenAsync())
            Assert.All(await _ratings.TasksAsync(read, response), t => Assert.Equal((RatingTaskStatus.Queued, (long?)null), (t.Status, t.RaterId)));
        Assert.Equal(response, (await ClaimAsync(third))!.ResponseId);
    }

    [SkippableFact]
    public async Task A_draft_renews_the_lease_and_a_lapsed_claim_goes_to_the_next_rater_blank()
    {
        await ResponseAsync("Teaching");
        var rater = await RaterAsync("Teaching");
        var other = await RaterAsync("Teaching");
        var third = await RaterAsync("Teaching");
        var task = (await ClaimAsync(rater))!;
        fixture.Clock.Advance(TimeSpan.FromMinutes(20));
        await using (var s = await fixture.Db.BeginAsync())
        {
            var now = fixture.Clock.GetUtcNow();
            Assert.True(await _ratings.SaveDraftAsync(s, task.Id, rater, "{\"c1\":2}", "draft", now, now + Lease));
            await s.CommitAsync();
        }
        fixture.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.NotEqual(task.Id, (await ClaimAsync(other))!.Id);

        fixture.Clock.Advance(Lease);
        var taken = (await ClaimAsync(third))!;
        Assert.Equal(task.Id, taken.Id);
        Assert.Null(taken.ScoresJson);
        Assert.Null(taken.Feedback);
        await using (var s = await fixture.Db.BeginAsync())
        {
            var now = fixture.Clock.GetUtcNow();
            Assert.False(await _ratings.SaveDraftAsync(s, task.Id, rater, "{}", null, now, now + Lease));
        }
    }

    [SkippableFact]
    public async Task A_rater_never_gets_both_reads_a_rated_response_or_one_with_a_declared_conflict()
    {
        var response = await ResponseAsync("Policy");
        var rater = await RaterAsync("Policy");
        var first = (await ClaimAsync(rater))!;
        Assert.Equal(response, first.ResponseId);
        await using (var s = await fixture.Db.BeginAsync())
        {
            Assert.True(await _ratings.SubmitAsync(s, first.Id, rater, "{\"c1\":2}", "Good.", 2, fixture.Clock.GetUtcNow()));
            await s.CommitAsync();
        }
        Assert.DoesNotContain(response, await DrainAsync(rater));

        // Every seeded candidate is "Test Candidate" of "Test AIMH".
        var knowsThePerson = await RaterAsync("Policy");
        var knowsTheAssociation = await RaterAsync("Policy");
        var notInTheSet = await RaterAsync("Research");
        var free = await RaterAsync("Policy");
        await using (var s = await fixture.Db.BeginAsync())
        {
            Assert.True(await _ratings.AddConflictAsync(s, knowsThePerson, "person", RatingStore.Normalize("  test   CANDIDATE "), fixture.Clock.GetUtcNow()));
            Assert.True(await _ratings.AddConflictAsync(s, knowsTheAssociation, "association", RatingStore.Normalize("Test aimh"), fixture.Clock.GetUtcNow()));
            Assert.False(await _ratings.AddConflictAsync(s, knowsTheAssociation, "association", "test aimh", fixture.Clock.GetUtcNow()));
            await s.CommitAsync();
        }
        // Counts ignore conflicts: what a rater sees waiting cannot tell them whose essays their declarations matched.
        Assert.Equal(await WaitingAsync(free, "Policy"), await WaitingAsync(knowsThePerson, "Policy"));
        Assert.Null(await ClaimAsync(knowsThePerson));
        Assert.Null(await ClaimAsync(knowsTheAssociation));
        Assert.Null(await ClaimAsync(notInTheSet));
        Assert.True(await WaitingAsync(free, "Policy") >= 1);
        Assert.Contains(response, await DrainAsync(free));
        Assert.Null(await ClaimAsync(free, adjudication: true));
    }

    [SkippableFact]
    public async Task Conflicts_match_names_with_accents_whatever_their_case_and_spacing()
    {
        var response = await ResponseAsync("Teaching", "Ángela  Núñez ", "Asociación Ética de Salud Mental Infantil");
        var knowsThePerson = await RaterAsync("Teaching");
        var knowsTheAssociation = await RaterAsync("Teaching");
        await using (var s = await fixture.Db.BeginAsync())
        {
            await _ratings.AddConflictAsync(s, knowsThePerson, "person", RatingStore.Normalize("ÁNGELA NÚÑEZ"), fixture.Clock.GetUtcNow());
            await _ratings.AddConflictAsync(s, knowsTheAssociation, "association", RatingStore.Normalize("ASOCIACIÓN ÉTICA DE SALUD MENTAL INFANTIL"), fixture.Clock.GetUtcNow());
            await s.CommitAsync();
        }
        Assert.DoesNotContain(response, await DrainAsync(knowsThePerson));
        Assert.DoesNotContain(response, await DrainAsync(knowsTheAssociation));

        // Two raters without conflicts take both reads; submitting them leaves this set's queue as the other tests expect.
        var claimed = new List<(long Rater, RatingTask Task)>();
        foreach (var free in new[] { await RaterAsync("Teaching"), await RaterAsync("Teaching") })
            while (await ClaimAsync(free) is { } task) claimed.Add((free, task));
        Assert.Equal(2, claimed.Count(c => c.Task.ResponseId == response));
        await using (var s = await fixture.Db.BeginAsync())
        {
            foreach (var (rater, task) in claimed)
                Assert.True(await _ratings.SubmitAsync(s, task.Id, rater, "{\"c1\":1}", "Fine.", 1, fixture.Clock.GetUtcNow()));
            await s.CommitAsync();
        }
    }

    [SkippableFact]
    public async Task One_rater_claiming_from_two_tabs_at_once_holds_one_read_of_a_response_and_gets_no_error()
    {
        var response = await ResponseAsync("Research");
        var rater = await RaterAsync("Research");
        using var go = new ManualResetEventSlim();
        var tabs = Enumerable.Range(0, 4).Select(_ => Task.Run(async () => { go.Wait(); return await ClaimAsync(rater); })).ToList();
        go.Set();
        var claims = (await Task.WhenAll(tabs)).Where(t => t is not null).Select(t => t!).ToList();

        var held = Assert.Single(claims);
        Assert.Equal(response, held.ResponseId);
        // Another rater takes the other read; both submit, so this set's queue is empty again for the other tests.
        var other = await RaterAsync("Research");
        var second = (await ClaimAsync(other))!;
        Assert.Equal(response, second.ResponseId);
        await using var s = await fixture.Db.BeginAsync();
        Assert.True(await _ratings.SubmitAsync(s, held.Id, rater, "{\"c1\":1}", "Fine.", 1, fixture.Clock.GetUtcNow()));
        Assert.True(await _ratings.SubmitAsync(s, second.Id, other, "{\"c1\":1}", "Fine.", 1, fixture.Clock.GetUtcNow()));
        await s.CommitAsync();
    }

    private async Task<List<long>> DrainAsync(long rater)
    {
        var got = new List<long>();
        while (await ClaimAsync(rater) is { } t) got.Add(t.ResponseId);
        return got;
    }
}

public sealed class SqliteRatingStoreTests(SqliteFixture fixture) : RatingStoreTests<SqliteFixture>(fixture);

public sealed class SqlServerRatingStoreTests(SqlServerFixture fixture) : RatingStoreTests<SqlServerFixture>(fixture);
