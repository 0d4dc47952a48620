using Exam.Core.Accounts;
using Exam.Core.ItemBank;
using Exam.Data.Accounts;
using Exam.Data.Delivery;
using Exam.Data.ItemBank;
using Exam.Data.Scheduling;
using Exam.Data.Tests.Fixtures;

namespace Exam.Data.Tests.Scheduling;

public abstract class RegistrationStoreTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : DatabaseFixture
{
    private readonly RegistrationStore _registrations = new(fixture.Clock);
    private readonly CandidateStore _candidates = new(fixture.Clock);
    private readonly SittingStore _sittings = new(fixture.Clock);
    private static readonly AccessCodeHasher Hasher = new(new byte[32]);

    private async Task<(long CandidateId, long SittingA, long SittingB)> SeedAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var now = fixture.Clock.GetUtcNow();
        await using var s = await fixture.Db.BeginAsync();
        await new ItemBankStore(fixture.Clock).CreateFormAsync(s, new FormDefinition { Id = "rf-" + tag, Title = "Form " + tag });
        var candidateId = await _candidates.CreateAsync(s, "r" + tag, "Sam Rivera", "sam@example.org", "Ohio AIMH", "IMHS");
        var a = await _sittings.CreateAsync(s, new Sitting
        {
            Title = "Spring " + tag, FormId = "rf-" + tag, OpensAt = now.AddDays(-200), ClosesAt = now.AddDays(-199), Location = "Lansing",
        });
        var b = await _sittings.CreateAsync(s, new Sitting
        {
            Title = "Autumn " + tag, FormId = "rf-" + tag, OpensAt = now.AddDays(10), ClosesAt = now.AddDays(11), Location = "Remote",
        });
        await s.CommitAsync();
        return (candidateId, a, b);
    }

    [SkippableFact]
    public async Task Summaries_carry_the_sitting_and_candidate_latest_sitting_first()
    {
        var (candidateId, a, b) = await SeedAsync();
        await using (var s = await fixture.Db.BeginAsync())
        {
            await _registrations.CreateAsync(s, new Registration { CandidateId = candidateId, SittingId = a, SitPartOne = true });
            await _registrations.CreateAsync(s, new Registration
            {
                CandidateId = candidateId, SittingId = b, SitPartOne = true, SitPartTwo = true, ExtraTimePartTwo = 50, RestBreaks = "two 10-minute breaks",
                RetakeOverride = "medical withdrawal",
            });
            await s.CommitAsync();
        }
        await using var read = await fixture.Db.OpenAsync();
        var history = await _registrations.SummariesForCandidateAsync(read, candidateId);
        Assert.Equal([b, a], history.Select(r => r.SittingId));
        var latest = history[0];
        Assert.StartsWith("Autumn", latest.SittingTitle);
        Assert.Equal(("Remote", 50, "two 10-minute breaks", "medical withdrawal", "Sam Rivera", "IMHS"),
            (latest.Location, latest.ExtraTimePercent(2), latest.RestBreaks, latest.RetakeOverride, latest.FullName, latest.Track));
        Assert.True(latest.Sits(1) && latest.Sits(2));
        Assert.Equal(fixture.Clock.GetUtcNow().AddDays(10), latest.OpensAt);

        var roster = Assert.Single(await _registrations.SummariesForSittingAsync(read, a));
        Assert.Equal((candidateId, false), (roster.CandidateId, roster.SitPartTwo));
        Assert.Equal(latest, await _registrations.GetSummaryAsync(read, latest.Id));
        Assert.Null(await _registrations.GetSummaryAsync(read, -1));
    }

    [SkippableFact]
    public async Task Reissuing_leaves_exactly_one_live_code_for_the_registration()
    {
        var (candidateId, _, b) = await SeedAsync();
        var now = fixture.Clock.GetUtcNow();
        long id;
        await using (var s = await fixture.Db.BeginAsync())
        {
            id = await _registrations.CreateAsync(s, new Registration { CandidateId = candidateId, SittingId = b, SitPartOne = true });
            var r = (await _registrations.GetAsync(s, id))!;
            Assert.Null(await _registrations.LiveAccessCodeAsync(s, id));
            await _registrations.IssueAccessCodeAsync(s, r, Hasher.Hash("AAAABBBB"), now, now.AddHours(3));
            await _registrations.IssueAccessCodeAsync(s, r, Hasher.Hash("CCCCDDDD"), now, now.AddHours(3));
            await s.CommitAsync();
        }
        await using var read = await fixture.Db.OpenAsync();
        var live = await _registrations.LiveAccessCodeAsync(read, id);
        Assert.NotNull(live);
        Assert.True(Hasher.Verify("CCCCDDDD", live.CodeHash));
        Assert.Equal((id, now.AddHours(3)), (live.RegistrationId, live.ValidUntil));
        var candidateCode = Assert.Single(await _candidates.LiveAccessCodesAsync(read, candidateId));
        Assert.Equal(live.Id, candidateCode.Id);
    }

    [SkippableFact]
    public async Task A_candidates_attempts_are_listed_through_their_registrations()
    {
        var (candidateId, a, b) = await SeedAsync();
        var attempts = new AttemptStore(fixture.Clock);
        long first, second;
        await using (var s = await fixture.Db.BeginAsync())
        {
            var ra = await _registrations.CreateAsync(s, new Registration { CandidateId = candidateId, SittingId = a, SitPartOne = true });
            var rb = await _registrations.CreateAsync(s, new Registration { CandidateId = candidateId, SittingId = b, SitPartTwo = true });
            first = (await attempts.CreateAsync(s, ra, 1, AttemptStatus.Submitted, "s1"))!.Value;
            second = (await attempts.CreateAsync(s, rb, 2, AttemptStatus.Rules, "s2"))!.Value;
            await s.CommitAsync();
        }
        await using var read = await fixture.Db.OpenAsync();
        var list = await attempts.ForCandidateAsync(read, candidateId);
        Assert.Equal([(second, AttemptStatus.Rules), (first, AttemptStatus.Submitted)], list.Select(x => (x.Id, x.Status)));
        Assert.Empty(await attempts.ForCandidateAsync(read, -1));
    }
}

public sealed class SqliteRegistrationStoreTests(SqliteFixture fixture) : RegistrationStoreTests<SqliteFixture>(fixture);

public sealed class SqlServerRegistrationStoreTests(SqlServerFixture fixture) : RegistrationStoreTests<SqlServerFixture>(fixture);
