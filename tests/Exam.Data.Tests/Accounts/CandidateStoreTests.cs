using Exam.Core.Accounts;
using Exam.Data.Accounts;
using Exam.Data.Tests.Fixtures;

namespace Exam.Data.Tests.Accounts;

public abstract class CandidateStoreTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : DatabaseFixture
{
    private readonly CandidateStore _store = new(fixture.Clock);

    private static string UniqueNumber() => Random.Shared.Next(200000, 999999).ToString() + Guid.NewGuid().ToString("N")[..4];

    [SkippableFact]
    public async Task Names_are_stored_folded_by_the_app_and_rows_from_before_are_folded_at_the_next_start()
    {
        var number = UniqueNumber();
        long id;
        await using (var s = await fixture.Db.BeginAsync())
        {
            id = await _store.CreateAsync(s, number, "  ÁNGELA   Núñez ", "a@example.org", "Asociación  ÉTICA", "IMHS");
            await Dapper.SqlMapper.ExecuteAsync(s.Connection,
                "UPDATE candidates SET full_name_folded = NULL, association_folded = NULL WHERE id = @Id;", new { Id = id }, s.Transaction);
            await s.CommitAsync();
        }
        await new Exam.Data.Database.Migrator(fixture.Db).MigrateAsync();
        await using var read = await fixture.Db.OpenAsync();
        var folded = await Dapper.SqlMapper.QuerySingleAsync<(string Name, string Association)>(read.Connection,
            "SELECT full_name_folded, association_folded FROM candidates WHERE id = @Id;", new { Id = id });
        Assert.Equal(("ángela núñez", "asociación ética"), folded);
    }

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

    [SkippableFact]
    public async Task The_next_candidate_number_is_one_above_the_highest_six_digit_number()
    {
        await using var s = await fixture.Db.BeginAsync();
        var first = await _store.NextCandidateNumberAsync(s);
        Assert.Matches("^[1-9][0-9]{5}$", first);
        Assert.True(int.Parse(first) >= CandidateStore.FirstCandidateNumber);
        await _store.CreateAsync(s, first, "First Number", "first@example.org", "AIMH", "IMHS");
        // Numbers of other shapes (imports, test data) do not move the counter.
        await _store.CreateAsync(s, "99999999", "Long Number", "long@example.org", "AIMH", "IMHS");
        await _store.CreateAsync(s, "12345x", "Odd Number", "odd@example.org", "AIMH", "IMHS");
        Assert.Equal((int.Parse(first) + 1).ToString(), await _store.NextCandidateNumberAsync(s));
    }

    [SkippableFact]
    public async Task Search_matches_name_number_email_or_association_and_treats_wildcards_as_text()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var number = "s" + tag;
        await using (var s = await fixture.Db.BeginAsync())
        {
            await _store.CreateAsync(s, number, "Nia Okafor " + tag, "nia." + tag + "@example.org", "Ohio AIMH", "IMHS");
            await _store.CreateAsync(s, "t" + tag, "Other Person", "other@example.org", "Assoc 50%_[" + tag + "]", "IMHM-P");
            await s.CommitAsync();
        }
        await using var read = await fixture.Db.OpenAsync();
        async Task<string[]> Numbers(string q) => (await _store.SearchAsync(read, q)).Select(c => c.CandidateNumber).ToArray();

        Assert.Equal([number], await Numbers("okafor " + tag.ToUpperInvariant()));
        Assert.Equal([number], await Numbers(number));
        Assert.Equal([number], await Numbers("nia." + tag + "@"));
        Assert.Equal(["t" + tag], await Numbers("50%_[" + tag));
        Assert.Empty(await Numbers("50%%_" + tag));
        Assert.Empty(await Numbers("Assoc 5_"));
        Assert.Contains(number, (await _store.SearchAsync(read, "  ", take: 1000)).Select(c => c.CandidateNumber));
    }

    [SkippableFact]
    public async Task A_record_is_updated_without_touching_its_number_or_lockout()
    {
        var number = UniqueNumber();
        long id;
        await using (var s = await fixture.Db.BeginAsync())
        {
            id = await _store.CreateAsync(s, number, "Lee Park", "lee@example.org", "Texas AIMH", "IMHS");
            await _store.SetLockoutAsync(s, id, new LockoutState(2, null));
            Assert.True(await _store.UpdateAsync(s, id, "Lee Park-Moreno", "lee.pm@example.org", "Alliance", "IMHM-R/F", "moved"));
            Assert.False(await _store.UpdateAsync(s, -1, "Nobody", "n@example.org", "A", "IMHS", null));
            await s.CommitAsync();
        }
        await using var read = await fixture.Db.OpenAsync();
        var c = await _store.GetAsync(read, id);
        Assert.NotNull(c);
        Assert.Equal((number, "Lee Park-Moreno", "lee.pm@example.org", "Alliance", "IMHM-R/F", "moved", 2),
            (c.CandidateNumber, c.FullName, c.Email, c.Association, c.Track, c.Notes, c.FailedCount));
        Assert.Null(await _store.GetAsync(read, -1));
    }
}

public sealed class SqliteCandidateStoreTests(SqliteFixture fixture) : CandidateStoreTests<SqliteFixture>(fixture);

public sealed class SqlServerCandidateStoreTests(SqlServerFixture fixture) : CandidateStoreTests<SqlServerFixture>(fixture);
