using Exam.Core.Accounts;
using Exam.Data.Database;

namespace Exam.Data.Accounts;

/// <summary>A staff account as stored, with its roles.</summary>
public sealed record StaffAccount
{
    public long Id { get; init; }
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string PasswordHash { get; init; } = "";
    public bool IsDisabled { get; init; }
    public int FailedCount { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public IReadOnlyList<string> Roles { get; init; } = [];
    public LockoutState Lockout => new(FailedCount, LockedUntil);
}

public sealed class StaffAccountStore(TimeProvider clock)
{
    private const string Columns = """
        id, user_name AS UserName, display_name AS DisplayName, password_hash AS PasswordHash,
        is_disabled AS IsDisabled, failed_count AS FailedCount, locked_until AS LockedUntil, created_at AS CreatedAt
        """;

    // User names compare case-insensitively whatever the collation: by their folded key (TextFolding.Fold).
    private static readonly SqlStatement ByUserName = SqlStatement.Portable($"""
        SELECT {Columns} FROM staff_users WHERE user_name_key = @Key;
        SELECT r.role FROM staff_roles r JOIN staff_users u ON u.id = r.user_id WHERE u.user_name_key = @Key ORDER BY r.role;
        """);

    // The account's row locked to the end of the transaction: sign-in failures count one after another, role and set
    // changes take their turns (people first in the lock order; see the README).
    private static readonly SqlStatement ByUserNameLocked = SqlStatement.Of(d => $"""
        SELECT {Columns} FROM staff_users{d.Lock(ReadLock.Update)} WHERE user_name_key = @Key;
        SELECT r.role FROM staff_roles r JOIN staff_users u ON u.id = r.user_id WHERE u.user_name_key = @Key ORDER BY r.role;
        """);

    private static readonly SqlStatement ByIdLocked = SqlStatement.Of(d => $"""
        SELECT {Columns} FROM staff_users{d.Lock(ReadLock.Update)} WHERE id = @Id;
        SELECT role FROM staff_roles WHERE user_id = @Id ORDER BY role;
        """);

    private static readonly SqlStatement Unkeyed = SqlStatement.Portable("SELECT id, user_name AS UserName FROM staff_users WHERE user_name_key IS NULL;");

    private static readonly SqlStatement SetKey = SqlStatement.Portable("UPDATE staff_users SET user_name_key = @Key WHERE id = @Id;");

    private static readonly SqlStatement ById = SqlStatement.Portable($"""
        SELECT {Columns} FROM staff_users WHERE id = @Id;
        SELECT role FROM staff_roles WHERE user_id = @Id ORDER BY role;
        """);

    private static readonly SqlStatement All = SqlStatement.Portable($"""
        SELECT {Columns} FROM staff_users ORDER BY user_name;
        SELECT user_id AS UserId, role AS Role FROM staff_roles;
        """);

    private static readonly SqlStatement Insert = SqlStatement.Of(d => d.InsertReturningId("""
        INSERT INTO staff_users (user_name, user_name_key, display_name, password_hash, is_disabled, failed_count, created_at)
        VALUES (@UserName, @Key, @DisplayName, @PasswordHash, @IsDisabled, 0, @CreatedAt)
        """));

    private static readonly SqlStatement InsertRole = SqlStatement.Portable(
        "INSERT INTO staff_roles (user_id, role) VALUES (@UserId, @Role);");

    private static readonly SqlStatement DeleteRoles = SqlStatement.Portable("DELETE FROM staff_roles WHERE user_id = @UserId;");

    private static readonly SqlStatement UpdateLockout = SqlStatement.Portable(
        "UPDATE staff_users SET failed_count = @FailedCount, locked_until = @LockedUntil WHERE id = @Id;");

    private static readonly SqlStatement UpdateDisabled = SqlStatement.Portable(
        "UPDATE staff_users SET is_disabled = @IsDisabled WHERE id = @Id;");

    private static readonly SqlStatement UpdatePassword = SqlStatement.Portable(
        "UPDATE staff_users SET password_hash = @PasswordHash, failed_count = 0, locked_until = NULL WHERE id = @Id;");

    private static readonly SqlStatement Count = SqlStatement.Portable("SELECT COUNT(*) FROM staff_users;");

    /// <summary>The account with this user name, whatever its case.</summary>
    public Task<StaffAccount?> FindAsync(DbSession s, string userName, CancellationToken ct = default) =>
        ReadAsync(s, ByUserName, new { Key = Key(userName) }, ct);

    /// <summary>As <see cref="FindAsync"/>, with the account's row locked to the end of the transaction.</summary>
    public Task<StaffAccount?> FindForUpdateAsync(DbSession s, string userName, CancellationToken ct = default) =>
        ReadAsync(s, ByUserNameLocked, new { Key = Key(userName) }, ct);

    public Task<StaffAccount?> GetAsync(DbSession s, long id, CancellationToken ct = default) => ReadAsync(s, ById, new { Id = id }, ct);

    /// <summary>As <see cref="GetAsync"/>, with the account's row locked to the end of the transaction.</summary>
    public Task<StaffAccount?> GetForUpdateAsync(DbSession s, long id, CancellationToken ct = default) => ReadAsync(s, ByIdLocked, new { Id = id }, ct);

    private static async Task<StaffAccount?> ReadAsync(DbSession s, SqlStatement sql, object args, CancellationToken ct)
    {
        using var grid = await s.QueryMultipleAsync(sql, args, ct);
        var account = await grid.ReadSingleOrDefaultAsync<StaffAccount>();
        var roles = (await grid.ReadAsync<string>()).ToList();
        return account is null ? null : account with { Roles = roles };
    }

    /// <summary>How a user name is looked up and kept unique: folded, so "Admin" and "admin" are one account.</summary>
    public static string Key(string userName) => TextFolding.Fold(userName);

    /// <summary>Fills the key of accounts made before it was stored (migration 0017); nothing on later starts.</summary>
    public static async Task FoldPendingUserNamesAsync(Db db, CancellationToken ct = default)
    {
        await using var s = await db.BeginAsync(ct: ct);
        foreach (var a in (await s.QueryAsync<StaffAccount>(Unkeyed, ct: ct)).ToList())
            await s.ExecuteAsync(SetKey, new { a.Id, Key = Key(a.UserName) }, ct);
        await s.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<StaffAccount>> ListAsync(DbSession s, CancellationToken ct = default)
    {
        using var grid = await s.QueryMultipleAsync(All, ct: ct);
        var accounts = (await grid.ReadAsync<StaffAccount>()).ToList();
        var roles = (await grid.ReadAsync<(long UserId, string Role)>()).ToLookup(r => r.UserId, r => r.Role);
        return accounts.Select(a => a with { Roles = roles[a.Id].Order(StringComparer.Ordinal).ToList() }).ToList();
    }

    public Task<int> CountAsync(DbSession s, CancellationToken ct = default) => s.ExecuteScalarAsync<int>(Count, ct: ct);

    public async Task<long> CreateAsync(
        DbSession s, string userName, string displayName, string passwordHash, IEnumerable<string> roles, CancellationToken ct = default)
    {
        var id = await s.ExecuteScalarAsync<long>(Insert, new
        {
            UserName = userName,
            Key = Key(userName),
            DisplayName = displayName,
            PasswordHash = passwordHash,
            IsDisabled = false,
            CreatedAt = clock.GetUtcNow(),
        }, ct);
        await SetRolesAsync(s, id, roles, ct);
        return id;
    }

    public async Task SetRolesAsync(DbSession s, long userId, IEnumerable<string> roles, CancellationToken ct = default)
    {
        await s.ExecuteAsync(DeleteRoles, new { UserId = userId }, ct);
        foreach (var role in roles.Distinct(StringComparer.Ordinal))
        {
            if (!Roles.IsStaffRole(role)) throw new ArgumentException($"'{role}' is not a staff role.", nameof(roles));
            await s.ExecuteAsync(InsertRole, new { UserId = userId, Role = role }, ct);
        }
    }

    public Task SetLockoutAsync(DbSession s, long id, LockoutState state, CancellationToken ct = default) =>
        s.ExecuteAsync(UpdateLockout, new { Id = id, state.FailedCount, state.LockedUntil }, ct);

    public Task SetDisabledAsync(DbSession s, long id, bool disabled, CancellationToken ct = default) =>
        s.ExecuteAsync(UpdateDisabled, new { Id = id, IsDisabled = disabled }, ct);

    public Task SetPasswordHashAsync(DbSession s, long id, string passwordHash, CancellationToken ct = default) =>
        s.ExecuteAsync(UpdatePassword, new { Id = id, PasswordHash = passwordHash }, ct);
}
