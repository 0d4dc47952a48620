using Exam.Core.Accounts;
using Exam.Core.Audit;
using Exam.Data.Accounts;
using Exam.Data.Audit;
using Exam.Data.Database;
using Microsoft.AspNetCore.Identity;

namespace Exam.Web.Accounts;

public enum SignInOutcome { Succeeded, Failed, LockedOut, Disabled, AddressPaused }

public sealed record StaffSignInResult(SignInOutcome Outcome, StaffAccount? Account = null, DateTimeOffset? LockedUntil = null);

/// <summary>
/// Checks a staff password, keeps the lockout counters and the client address's failures, and audits every attempt,
/// in one transaction. An unknown user name is hashed (against a decoy), answered, counted and locked exactly as a
/// known one with a wrong password; a disabled account says so only after the right password.
/// </summary>
public sealed class StaffSignIn(
    Db db, StaffAccountStore accounts, AuditLog audit, LockoutPolicy lockout, PasswordHasher<StaffAccount> hasher, SignInGuard guard, TimeProvider clock)
{
    private const string Kind = "staff";

    /// <param name="clientAddress">The address key of the client (<see cref="AddressThrottle.KeyFor"/>).</param>
    public async Task<StaffSignInResult> SignInAsync(string userName, string password, string clientAddress, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        StaffSignInResult result;
        await using (var s = await db.BeginAsync(ct: ct))
        {
            result = await SignInAsync(s, userName.Trim(), password, clientAddress, now, ct);
            await s.CommitAsync(ct);
        }
        if (result.Outcome is SignInOutcome.Failed or SignInOutcome.LockedOut) await guard.PurgeNowAndThenAsync(ct);
        return result;
    }

    private async Task<StaffSignInResult> SignInAsync(
        DbSession s, string userName, string password, string clientAddress, DateTimeOffset now, CancellationToken ct)
    {
        var address = await guard.AddressAsync(s, clientAddress, ct);
        if (guard.Throttle.IsThrottled(address, now))
            return new(SignInOutcome.AddressPaused, LockedUntil: guard.Throttle.ThrottledUntil(address!));
        // Locked: wrong passwords tried at once (several nodes) each count, none overwrites another's count.
        var account = await accounts.FindForUpdateAsync(s, userName, ct);
        var nameKey = StaffAccountStore.Key(userName);
        var state = account?.Lockout ?? await guard.UnknownNameAsync(s, Kind, nameKey, ct);
        var actor = account?.UserName ?? userName;
        var subject = account?.Id.ToString();
        if (lockout.IsLockedOut(state, now))
        {
            await audit.AppendAsync(s, new AuditEntry(actor, AuditActions.SignInLockedOut, Kind, subject, Detail: "attempt while locked"), ct);
            await guard.CountFailureAsync(s, clientAddress, address, now, ct);
            return new(SignInOutcome.LockedOut, LockedUntil: state.LockedUntil);
        }
        PasswordVerificationResult verdict;
        if (account is null)
        {
            guard.VerifyDecoyPassword(password);
            verdict = PasswordVerificationResult.Failed;
        }
        else verdict = hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            LockoutState next;
            if (account is null) next = await guard.UnknownNameFailedAsync(s, Kind, nameKey, state, now, ct);
            else
            {
                next = lockout.AfterFailure(state, now);
                await accounts.SetLockoutAsync(s, account.Id, next, ct);
            }
            var locked = next.LockedUntil is not null;
            var why = account is null ? "unknown user name; " : "";
            await audit.AppendAsync(s, new AuditEntry(actor, locked ? AuditActions.SignInLockedOut : AuditActions.SignInFailed, Kind, subject,
                Detail: why + (locked ? $"locked until {next.LockedUntil:O}" : $"failed attempt {next.FailedCount}")), ct);
            await guard.CountFailureAsync(s, clientAddress, address, now, ct);
            return locked ? new(SignInOutcome.LockedOut, LockedUntil: next.LockedUntil) : new(SignInOutcome.Failed);
        }
        if (account!.IsDisabled)
        {
            await audit.AppendAsync(s, new AuditEntry(account.UserName, AuditActions.SignInFailed, Kind, subject, Detail: "account disabled"), ct);
            return new(SignInOutcome.Disabled);
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            await accounts.SetPasswordHashAsync(s, account.Id, hasher.HashPassword(account, password), ct);
        await accounts.SetLockoutAsync(s, account.Id, LockoutPolicy.AfterSuccess(), ct);
        await audit.AppendAsync(s, new AuditEntry(account.UserName, AuditActions.SignInSucceeded, Kind, subject), ct);
        return new(SignInOutcome.Succeeded, account);
    }
}
