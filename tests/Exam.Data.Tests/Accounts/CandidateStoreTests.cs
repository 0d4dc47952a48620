using Exam.Core.Accounts;
using Exam.Data.Accounts;
using Exam.Data.Tests.Fixtures;

namespace Exam.Data.Tests.Accounts;

public abstract class CandidateStoreTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : DatabaseFixture
{
    private readonly CandidateStore _store = new(fixture.Clock);

    private static string UniqueNumber() => Random.Shared.Next(200000, 999999).ToString() + Guid.NewGuid().ToString("N")[..4];

    [SkippableFact]
    public async Task A_candidate_record_round_trips()
    {
        var number = UniqueNumber();
        await using (var s = await fixture.Db.BeginAsync())
        {
            await _store.CreateAsync(s, number, "Ana Cruz", "ana@example.org", "New Mexico AIMH", "IMHM-C", "needs large print");
            await s.CommitAsync();
        }
        await using var read = await fixture.Db.OpenAsync();
        var c = await _store.FindAsync(read, number);
        Assert.NotNull(c);
        Assert.Equal(("Ana Cruz", "ana@example.org", "New Mexico AIMH", "IMHM-C", "needs large print"),
            (c.FullName, c.Email, c.Association, c.Track, c.Notes));
        Assert.Null(await _store.FindAsync(read, number + "x"));
    }

    [SkippableFact]
    public async Task Access_codes_are_kept_as_hashes_with_their_window()
    {
        var number = UniqueNumber();
        var from = fixture.Clock.GetUtcNow();
        var hasher = new AccessCodeHasher(new byte[32]);
        await using (var s = await fixture.Db.BeginAsync())
        {
            var id = await _store.CreateAsync(s, number, "Kofi Mensah", "kofi@example.org", "Alliance", "IMHS");
            await _store.AddAccessCodeAsync(s, id, hasher.Hash("7KXPM4QD"), from, from.AddHours(4));
            await _store.SetLockoutAsync(s, id, new LockoutState(3, null));
            await s.CommitAsync();
        }
        await using var read = await fixture.Db.OpenAsync();
        var candidate = await _store.FindAsync(read, number);
        var code = Assert.Single(await _store.LiveAccessCodesAsync(read, candidate!.Id));
        Assert.True(hasher.Verify("7KXPM4QD", code.CodeHash));
        Assert.Equal((from, from.AddHours(4)), (code.ValidFrom, code.ValidUntil));
        Assert.Equal(3, candidate.FailedCount);
    }
}

public sealed class SqliteCandidateStoreTests(SqliteFixture fixture) : CandidateStoreTests<SqliteFixture>(fixture);

public sealed class SqlServerCandidateStoreTests(SqlServerFixture fixture) : CandidateStoreTests<SqlServerFixture>(fixture);
