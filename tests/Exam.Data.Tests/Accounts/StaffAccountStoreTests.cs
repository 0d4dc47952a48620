using Exam.Core.Accounts;
using Exam.Data.Accounts;
using Exam.Data.Tests.Fixtures;

namespace Exam.Data.Tests.Accounts;

public abstract class StaffAccountStoreTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : DatabaseFixture
{
    private readonly StaffAccountStore _store = new(fixture.Clock);

    private static string UniqueName() => "user" + Guid.NewGuid().ToString("N")[..8];

    [SkippableFact]
    public async Task A_created_account_is_found_with_its_roles()
    {
        var name = UniqueName();
        await using (var s = await fixture.Db.BeginAsync())
        {
            await _store.CreateAsync(s, name, "Test Person", "hash", [Roles.Rater, Roles.LeadRater]);
            await s.CommitAsync();
        }
        await using var read = await fixture.Db.OpenAsync();
        var account = await _store.FindAsync(read, name);
        Assert.NotNull(account);
        Assert.Equal("Test Person", account.DisplayName);
        Assert.Equal([Roles.LeadRater, Roles.Rater], account.Roles);
        Assert.False(account.IsDisabled);
        Assert.Equal(fixture.Clock.GetUtcNow(), account.CreatedAt);
    }

    [SkippableFact]
    public async Task An_uncommitted_account_is_not_kept()
    {
        var name = UniqueName();
        await using (var s = await fixture.Db.BeginAsync())
            await _store.CreateAsync(s, name, "Rolled Back", "hash", [Roles.Proctor]);
        await using var read = await fixture.Db.OpenAsync();
        Assert.Null(await _store.FindAsync(read, name));
    }

    [SkippableFact]
    public async Task A_user_name_is_found_whatever_its_case_also_beyond_ASCII_and_cannot_be_taken_twice_in_another_case()
    {
        var name = "Zoë.Ángel" + Guid.NewGuid().ToString("N")[..6];
        await using (var s = await fixture.Db.BeginAsync())
        {
            await _store.CreateAsync(s, name, "Zoë Ángel", "hash", [Roles.Proctor]);
            await s.CommitAsync();
        }
        await using (var read = await fixture.Db.OpenAsync())
        {
            Assert.Equal(name, (await _store.FindAsync(read, name.ToUpperInvariant()))?.UserName);
            Assert.Equal(name, (await _store.FindAsync(read, name.ToLowerInvariant()))?.UserName);
        }
        await using var again = await fixture.Db.BeginAsync();
        var e = await Assert.ThrowsAnyAsync<Exception>(() => _store.CreateAsync(again, name.ToLowerInvariant(), "Copy", "hash", [Roles.Proctor]));
        Assert.True(Exam.Data.Database.DbErrors.IsUniqueViolation(e), e.Message);
    }

    [SkippableFact]
    public async Task Accounts_made_before_user_names_had_a_key_get_one_at_the_next_start()
    {
        var name = "Old" + UniqueName();
        await using (var s = await fixture.Db.BeginAsync())
        {
            await _store.CreateAsync(s, name, "Made long ago", "hash", [Roles.Proctor]);
            await Dapper.SqlMapper.ExecuteAsync(s.Connection, "UPDATE staff_users SET user_name_key = NULL WHERE user_name = @Name;", new { Name = name }, s.Transaction);
            await s.CommitAsync();
        }
        await new Exam.Data.Database.Migrator(fixture.Db).MigrateAsync();
        await using var read = await fixture.Db.OpenAsync();
        Assert.Equal(name, (await _store.FindAsync(read, name.ToUpperInvariant()))?.UserName);
    }

    [SkippableFact]
    public async Task Lockout_state_roles_disabling_and_password_round_trip()
    {
        var name = UniqueName();
        long id;
        var until = fixture.Clock.GetUtcNow().AddMinutes(15);
        await using (var s = await fixture.Db.BeginAsync())
        {
            id = await _store.CreateAsync(s, name, "Changing", "hash-1", [Roles.Proctor]);
            await _store.SetLockoutAsync(s, id, new LockoutState(0, until));
            await _store.SetRolesAsync(s, id, [Roles.Committee]);
            await _store.SetDisabledAsync(s, id, true);
            await s.CommitAsync();
        }
        await using (var read = await fixture.Db.OpenAsync())
        {
            var account = await _store.GetAsync(read, id);
            Assert.Equal(until, account!.LockedUntil);
            Assert.Equal([Roles.Committee], account.Roles);
            Assert.True(account.IsDisabled);
        }
        await using (var s = await fixture.Db.BeginAsync())
        {
            await _store.SetPasswordHashAsync(s, id, "hash-2");
            await s.CommitAsync();
        }
        await using var again = await fixture.Db.OpenAsync();
        var reset = await _store.GetAsync(again, id);
        Assert.Equal("hash-2", reset!.PasswordHash);
        Assert.Null(reset.LockedUntil);
        Assert.Equal(0, reset.FailedCount);
    }

    [SkippableFact]
    public async Task A_user_name_is_unique()
    {
        var name = UniqueName();
        await using var s = await fixture.Db.BeginAsync();
        await _store.CreateAsync(s, name, "First", "hash", []);
        await Assert.ThrowsAnyAsync<Exception>(() => _store.CreateAsync(s, name, "Second", "hash", []));
    }

    [SkippableFact]
    public async Task Only_staff_roles_can_be_assigned()
    {
        await using var s = await fixture.Db.BeginAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => _store.CreateAsync(s, UniqueName(), "Bad", "hash", [Roles.Candidate]));
    }

    [SkippableFact]
    public async Task The_list_carries_every_account_with_its_roles()
    {
        var name = UniqueName();
        await using (var s = await fixture.Db.BeginAsync())
        {
            await _store.CreateAsync(s, name, "Listed", "hash", [Roles.Coordinator, Roles.Admin]);
            await s.CommitAsync();
        }
        await using var read = await fixture.Db.OpenAsync();
        var listed = (await _store.ListAsync(read)).Single(a => a.UserName == name);
        Assert.Equal([Roles.Admin, Roles.Coordinator], listed.Roles);
    }
}

public sealed class SqliteStaffAccountStoreTests(SqliteFixture fixture) : StaffAccountStoreTests<SqliteFixture>(fixture);

public sealed class SqlServerStaffAccountStoreTests(SqlServerFixture fixture) : StaffAccountStoreTests<SqlServerFixture>(fixture);
