using Exam.Core.Accounts;
using Exam.Core.Audit;
using Exam.Data.Accounts;
using Exam.Data.Audit;
using Exam.Data.Database;
using Microsoft.AspNetCore.Identity;

namespace Exam.Web.Accounts;

public enum SignInOutcome { Succeeded, Failed, LockedOut, Disabled }

public sealed record StaffSignInResult(SignInOutcome Outcome, StaffAccount? Account = null, DateTimeOffset? LockedUntil = null);

/// <summary>Checks a staff password, keeps the lockout counters and audits every attempt, in one transaction.</summary>
public sealed class StaffSignIn(
    Db db, StaffAccountStore accounts, AuditLog audit, LockoutPolicy lockout, PasswordHasher<StaffAccount> hasher, TimeProvider clock)
{
    public async Task<StaffSignInResult> SignInAsync(string userName, string password, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var s = await db.BeginAsync(ct: ct);
        // Locked: wrong passwords tried at once (several nodes) each count, none overwrites another's count.
        var account = await accounts.FindForUpdateAsync(s, userName.Trim(), ct);
        if (account is null)
        {
            await audit.AppendAsync(s, new AuditEntry(userName, AuditActions.SignInFailed, "staff", null, Detail: "unknown user name"), ct);
            await s.CommitAsync(ct);
            return new(SignInOutcome.Failed);
        }
        var subject = account.Id.ToString();
        if (lockout.IsLockedOut(account.Lockout, now))
        {
            await audit.AppendAsync(s, new AuditEntry(account.UserName, AuditActions.SignInLockedOut, "staff", subject, Detail: "attempt while locked"), ct);
            await s.CommitAsync(ct);
            return new(SignInOutcome.LockedOut, LockedUntil: account.LockedUntil);
        }
        var verdict = hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var next = lockout.AfterFailure(account.Lockout, now);
            await accounts.SetLockoutAsync(s, account.Id, next, ct);
            var locked = next.LockedUntil is not null;
            await audit.AppendAsync(s, new AuditEntry(account.UserName, locked ? AuditActions.SignInLockedOut : AuditActions.SignInFailed,
                "staff", subject, Detail: locked ? $"locked until {next.LockedUntil:O}" : $"failed attempt {next.FailedCount}"), ct);
            await s.CommitAsync(ct);
            return locked ? new(SignInOutcome.LockedOut, LockedUntil: next.LockedUntil) : new(SignInOutcome.Failed);
        }
        if (account.IsDisabled)
        {
            await audit.AppendAsync(s, new AuditEntry(account.UserName, AuditActions.SignInFailed, "staff", subject, Detail: "account disabled"), ct);
            await s.CommitAsync(ct);
            return new(SignInOutcome.Disabled);
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            await accounts.SetPasswordHashAsync(s, account.Id, hasher.HashPassword(account, password), ct);
        await accounts.SetLockoutAsync(s, account.Id, LockoutPolicy.AfterSuccess(), ct);
        await audit.AppendAsync(s, new AuditEntry(account.UserName, AuditActions.SignInSucceeded, "staff", subject), ct);
        await s.CommitAsync(ct);
        return new(SignInOutcome.Succeeded, account);
    }
}
