using System.Security.Cryptography;
using System.Text;
using Exam.Core.Accounts;
using Exam.Data.Database;

namespace Exam.Data.Accounts;

/// <summary>
/// The sign-in counters that belong to no account: failures per client address, and the lockout of names that do not
/// exist. Read with their key range locked, so that two nodes counting at once neither lose a count nor insert twice.
/// </summary>
public sealed class SignInThrottleStore
{
    private static readonly SqlStatement AddressLocked = SqlStatement.Of(d => $"""
        SELECT window_started AS WindowStarted, failures AS Failures
        FROM sign_in_address_failures{d.Lock(ReadLock.UpdateRange)} WHERE address = @Address;
        """);

    private static readonly SqlStatement SetAddress = SqlStatement.Of(d =>
        d.Upsert("sign_in_address_failures", ["address"], ["window_started", "failures"]));

    private static readonly SqlStatement UnknownLocked = SqlStatement.Of(d => $"""
        SELECT failed_count AS FailedCount, locked_until AS LockedUntil
        FROM sign_in_unknown_names{d.Lock(ReadLock.UpdateRange)} WHERE name_hash = @NameHash;
        """);

    private static readonly SqlStatement SetUnknown = SqlStatement.Of(d =>
        d.Upsert("sign_in_unknown_names", ["name_hash"], ["failed_count", "locked_until", "last_failed_at"]));

    private static readonly SqlStatement PurgeAddresses = SqlStatement.Portable(
        "DELETE FROM sign_in_address_failures WHERE window_started < @Cutoff;");

    private static readonly SqlStatement PurgeUnknown = SqlStatement.Portable(
        "DELETE FROM sign_in_unknown_names WHERE last_failed_at < @Cutoff AND (locked_until IS NULL OR locked_until < @Now);");

    public async Task<AddressFailures?> AddressForUpdateAsync(DbSession s, string address, CancellationToken ct = default) =>
        await s.QuerySingleOrDefaultAsync<AddressRow>(AddressLocked, new { Address = address }, ct) is { } r
            ? new AddressFailures(r.WindowStarted, r.Failures) : null;

    public Task SetAddressAsync(DbSession s, string address, AddressFailures failures, CancellationToken ct = default) =>
        s.ExecuteAsync(SetAddress, new { Address = address, failures.WindowStarted, failures.Failures }, ct);

    /// <summary>The lockout counters of a name no account has (kind: "staff" or "candidate"; name: as looked up).</summary>
    public async Task<LockoutState> UnknownNameForUpdateAsync(DbSession s, string kind, string name, CancellationToken ct = default) =>
        await s.QuerySingleOrDefaultAsync<UnknownRow>(UnknownLocked, new { NameHash = NameHash(kind, name) }, ct) is { } r
            ? new LockoutState(r.FailedCount, r.LockedUntil) : new LockoutState(0, null);

    public Task SetUnknownNameAsync(DbSession s, string kind, string name, LockoutState state, DateTimeOffset now, CancellationToken ct = default) =>
        s.ExecuteAsync(SetUnknown, new { NameHash = NameHash(kind, name), state.FailedCount, state.LockedUntil, LastFailedAt = now }, ct);

    /// <summary>
    /// Forgets address counts whose window ended before <paramref name="addressCutoff"/> and unknown names not tried
    /// since <paramref name="nameCutoff"/> (and not locked). Outside any sign-in, one short transaction per table, so
    /// that it never holds rows of one table while waiting for the other's.
    /// </summary>
    public async Task PurgeAsync(Db db, DateTimeOffset now, DateTimeOffset addressCutoff, DateTimeOffset nameCutoff, CancellationToken ct = default)
    {
        await using (var s = await db.BeginAsync(ct: ct))
        {
            await s.ExecuteAsync(PurgeAddresses, new { Cutoff = addressCutoff }, ct);
            await s.CommitAsync(ct);
        }
        await using (var s = await db.BeginAsync(ct: ct))
        {
            await s.ExecuteAsync(PurgeUnknown, new { Cutoff = nameCutoff, Now = now }, ct);
            await s.CommitAsync(ct);
        }
    }

    private static string NameHash(string kind, string name) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(kind + "\n" + name)));

    internal sealed record AddressRow
    {
        public DateTimeOffset WindowStarted { get; init; }
        public int Failures { get; init; }
    }

    internal sealed record UnknownRow
    {
        public int FailedCount { get; init; }
        public DateTimeOffset? LockedUntil { get; init; }
    }
}
