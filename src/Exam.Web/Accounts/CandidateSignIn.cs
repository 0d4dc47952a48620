using Exam.Core.Accounts;
using Exam.Core.Audit;
using Exam.Data.Accounts;
using Exam.Data.Audit;
using Exam.Data.Database;

namespace Exam.Web.Accounts;

public enum CandidateSignInOutcome { Succeeded, Failed, LockedOut, CodeNotYetValid, CodeExpired }

/// <summary>The outcome; on success, the candidate and the registration the code was issued for (null for a code bound to none).</summary>
public sealed record CandidateSignInResult(
    CandidateSignInOutcome Outcome, Candidate? Candidate = null, DateTimeOffset? At = null, long? RegistrationId = null);

/// <summary>
/// Candidate number + access code. A wrong code counts toward the candidate's lockout; a right code outside
/// its window says so (and does not count), so a candidate who is early or late understands why.
/// </summary>
public sealed class CandidateSignIn(
    Db db, CandidateStore candidates, AuditLog audit, LockoutPolicy lockout, AccessCodeHasher hasher, TimeProvider clock)
{
    public async Task<CandidateSignInResult> SignInAsync(string candidateNumber, string accessCode, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var number = candidateNumber.Trim();
        await using var s = await db.BeginAsync(ct: ct);
        // Locked: wrong codes tried at once (several nodes) each count, none overwrites another's count.
        var candidate = await candidates.FindForUpdateAsync(s, number, ct);
        if (candidate is null)
        {
            await audit.AppendAsync(s, new AuditEntry(number, AuditActions.SignInFailed, "candidate", null, Detail: "unknown candidate number"), ct);
            await s.CommitAsync(ct);
            return new(CandidateSignInOutcome.Failed);
        }
        var subject = candidate.Id.ToString();
        if (lockout.IsLockedOut(candidate.Lockout, now))
        {
            await audit.AppendAsync(s, new AuditEntry(number, AuditActions.SignInLockedOut, "candidate", subject, Detail: "attempt while locked"), ct);
            await s.CommitAsync(ct);
            return new(CandidateSignInOutcome.LockedOut, At: candidate.LockedUntil);
        }
        var normalized = AccessCode.Normalize(accessCode);
        var match = normalized is null ? null
            : (await candidates.LiveAccessCodesAsync(s, candidate.Id, ct)).FirstOrDefault(c => hasher.Verify(normalized, c.CodeHash));
        if (match is null)
        {
            var next = lockout.AfterFailure(candidate.Lockout, now);
            await candidates.SetLockoutAsync(s, candidate.Id, next, ct);
            var locked = next.LockedUntil is not null;
            await audit.AppendAsync(s, new AuditEntry(number, locked ? AuditActions.SignInLockedOut : AuditActions.SignInFailed, "candidate", subject,
                Detail: locked ? $"locked until {next.LockedUntil:O}" : $"wrong access code, attempt {next.FailedCount}"), ct);
            await s.CommitAsync(ct);
            return locked ? new(CandidateSignInOutcome.LockedOut, At: next.LockedUntil) : new(CandidateSignInOutcome.Failed);
        }
        if (now < match.ValidFrom || now >= match.ValidUntil)
        {
            var early = now < match.ValidFrom;
            await audit.AppendAsync(s, new AuditEntry(number, AuditActions.SignInFailed, "candidate", subject,
                Detail: early ? "access code not yet valid" : "access code expired"), ct);
            await s.CommitAsync(ct);
            return early ? new(CandidateSignInOutcome.CodeNotYetValid, At: match.ValidFrom) : new(CandidateSignInOutcome.CodeExpired, At: match.ValidUntil);
        }
        await candidates.SetLockoutAsync(s, candidate.Id, LockoutPolicy.AfterSuccess(), ct);
        await audit.AppendAsync(s, new AuditEntry(number, AuditActions.SignInSucceeded, "candidate", subject), ct);
        await s.CommitAsync(ct);
        return new(CandidateSignInOutcome.Succeeded, candidate, RegistrationId: match.RegistrationId);
    }
}
