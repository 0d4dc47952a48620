using System.Security.Cryptography;
using Exam.Core.Accounts;
using Exam.Core.Audit;
using Exam.Data.Accounts;
using Exam.Data.Audit;
using Exam.Data.Database;
using Microsoft.AspNetCore.Identity;

namespace Exam.Web.Accounts;

/// <summary>
/// What every sign-in (staff and candidate) does the same way whether or not the name exists: one failure budget
/// per client address across all accounts and nodes, the lockout of names that do not exist, and a decoy hash to
/// verify against when there is nothing real to compare with, so that an unknown name costs the same work as a
/// known one. Lock order in a sign-in's transaction: the address first, then the account (or unknown name).
/// </summary>
public sealed class SignInGuard(
    Db db, SignInThrottleStore store, AddressThrottle throttle, AuditLog audit,
    PasswordHasher<StaffAccount> passwords, AccessCodeHasher codes, LockoutPolicy lockout, TimeProvider clock)
{
    private static readonly StaffAccount DecoyAccount = new() { UserName = "decoy" };

    // Made with the same hasher (algorithm, iteration count) as every real password, once per node.
    private readonly string _decoyPasswordHash = passwords.HashPassword(DecoyAccount, RandomNumberGenerator.GetHexString(32));
    private readonly Lazy<string> _decoyCodeHash = new(() => codes.Hash(RandomNumberGenerator.GetHexString(16)));
    private long _decoyVerifications;
    private long _lastPurge;

    /// <summary>How many times a decoy was verified on this node: what makes an unknown name cost as much as a known one.</summary>
    public long DecoyVerifications => Interlocked.Read(ref _decoyVerifications);

    public AddressThrottle Throttle => throttle;

    /// <summary>The address's failures, locked to the end of the transaction. The first read of every sign-in.</summary>
    public Task<AddressFailures?> AddressAsync(DbSession s, string address, CancellationToken ct) =>
        store.AddressForUpdateAsync(s, address, ct);

    /// <summary>Counts one failed sign-in against the address; the moment the address reaches its limit is audited.</summary>
    public async Task CountFailureAsync(DbSession s, string address, AddressFailures? before, DateTimeOffset now, CancellationToken ct)
    {
        var after = throttle.AfterFailure(before, now);
        await store.SetAddressAsync(s, address, after, ct);
        if (throttle.IsThrottled(after, now))
            await audit.AppendAsync(s, new AuditEntry("system", AuditActions.SignInAddressPaused, "address", address,
                Detail: $"{after.Failures} failed sign-ins since {after.WindowStarted:O}; sign-in from it paused until {throttle.ThrottledUntil(after):O}"), ct);
    }

    /// <summary>The lockout counters of a name no account has, locked to the end of the transaction.</summary>
    public Task<LockoutState> UnknownNameAsync(DbSession s, string kind, string name, CancellationToken ct) =>
        store.UnknownNameForUpdateAsync(s, kind, name, ct);

    /// <summary>One more failure for a name no account has: counted and locked exactly as an account would be.</summary>
    public async Task<LockoutState> UnknownNameFailedAsync(DbSession s, string kind, string name, LockoutState state, DateTimeOffset now, CancellationToken ct)
    {
        var next = lockout.AfterFailure(state, now);
        await store.SetUnknownNameAsync(s, kind, name, next, now, ct);
        return next;
    }

    public void VerifyDecoyPassword(string password)
    {
        Interlocked.Increment(ref _decoyVerifications);
        passwords.VerifyHashedPassword(DecoyAccount, _decoyPasswordHash, password);
    }

    public void VerifyDecoyCode(string code)
    {
        Interlocked.Increment(ref _decoyVerifications);
        codes.Verify(code, _decoyCodeHash.Value);
    }

    /// <summary>
    /// After a failed sign-in, at most once a minute per node: forgets address counts whose window has ended, and
    /// unknown names not tried for a day (a known account keeps a partial count longer; after a day nobody can tell).
    /// </summary>
    public async Task PurgeNowAndThenAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var last = Interlocked.Read(ref _lastPurge);
        if (now.UtcTicks - last < TimeSpan.TicksPerMinute || Interlocked.CompareExchange(ref _lastPurge, now.UtcTicks, last) != last) return;
        await store.PurgeAsync(db, now, now - throttle.Options.Window, now - TimeSpan.FromDays(1), ct);
    }
}
