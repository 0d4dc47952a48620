using Exam.Core.Accounts;
using Exam.Core.Audit;
using Exam.Data.Accounts;
using Exam.Data.Audit;
using Exam.Data.Database;

namespace Exam.Web.Accounts;

public enum CandidateSignInOutcome { Succeeded, Failed, LockedOut, CodeNotYetValid, CodeExpired, AddressPaused }

/// <summary>The outcome; on success, the candidate and the registration the code was issued for (null for a code bound to none).</summary>
public sealed record CandidateSignInResult(
    CandidateSignInOutcome Outcome, Candidate? Candidate = null, DateTimeOffset? At = null, long? RegistrationId = null);

/// <summary>
/// Candidate number + access code. A wrong code counts toward the candidate's lockout and the client address's
/// failures; a right code outside its window says so (and does not count), so a candidate who is early or late
/// understands why. An unknown number is answered, counted and locked exactly as a known one with a wrong code.
/// </summary>
public sealed class CandidateSignIn(
    Db db, CandidateStore candidates, AuditLog audit, LockoutPolicy lockout, AccessCodeHasher hasher, SignInGuard guard, TimeProvider clock)
{
    private const string Kind = "candidate";

    /// <param name="clientAddress">The address key of the client (<see cref="AddressThrottle.KeyFor"/>).</param>
    public async Task<CandidateSignInResult> SignInAsync(string candidateNumber, string accessCode, string clientAddress, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var number = candidateNumber.Trim();
        CandidateSignInResult result;
        await using (var s = await db.BeginAsync(ct: ct))
        {
            result = await SignInAsync(s, number, accessCode, clientAddress, now, ct);
            await s.CommitAsync(ct);
        }
        if (result.Outcome is CandidateSignInOutcome.Failed or CandidateSignInOutcome.LockedOut) await guard.PurgeNowAndThenAsync(ct);
        return result;
    }

    private async Task<CandidateSignInResult> SignInAsync(
        DbSession s, string number, string accessCode, string clientAddress, DateTimeOffset now, CancellationToken ct)
    {
        var address = await guard.AddressAsync(s, clientAddress, ct);
        if (guard.Throttle.IsThrottled(address, now))
            return new(CandidateSignInOutcome.AddressPaused, At: guard.Throttle.ThrottledUntil(address!));
        // Locked: wrong codes tried at once (several nodes) each count, none overwrites another's count.
        var candidate = await candidates.FindForUpdateAsync(s, number, ct);
        var state = candidate?.Lockout ?? await guard.UnknownNameAsync(s, Kind, number, ct);
        var subject = candidate?.Id.ToString();
        if (lockout.IsLockedOut(state, now))
        {
            await audit.AppendAsync(s, new AuditEntry(number, AuditActions.SignInLockedOut, Kind, subject, Detail: "attempt while locked"), ct);
            await guard.CountFailureAsync(s, clientAddress, address, now, ct);
            return new(CandidateSignInOutcome.LockedOut, At: state.LockedUntil);
        }
        // An unknown number reads (no) codes and verifies against the decoy: the same work as a known one.
        var live = await candidates.LiveAccessCodesAsync(s, candidate?.Id ?? 0, ct);
        var match = Match(AccessCode.Normalize(accessCode), live);
        if (match is null)
        {
            LockoutState next;
            if (candidate is null) next = await guard.UnknownNameFailedAsync(s, Kind, number, state, now, ct);
            else
            {
                next = lockout.AfterFailure(state, now);
                await candidates.SetLockoutAsync(s, candidate.Id, next, ct);
            }
            var locked = next.LockedUntil is not null;
            var why = candidate is null ? "unknown candidate number; " : "";
            await audit.AppendAsync(s, new AuditEntry(number, locked ? AuditActions.SignInLockedOut : AuditActions.SignInFailed, Kind, subject,
                Detail: why + (locked ? $"locked until {next.LockedUntil:O}" : $"wrong access code, attempt {next.FailedCount}")), ct);
            await guard.CountFailureAsync(s, clientAddress, address, now, ct);
            return locked ? new(CandidateSignInOutcome.LockedOut, At: next.LockedUntil) : new(CandidateSignInOutcome.Failed);
        }
        if (now < match.ValidFrom || now >= match.ValidUntil)
        {
            var early = now < match.ValidFrom;
            await audit.AppendAsync(s, new AuditEntry(number, AuditActions.SignInFailed, Kind, subject,
                Detail: early ? "access code not yet valid" : "access code expired"), ct);
            return early ? new(CandidateSignInOutcome.CodeNotYetValid, At: match.ValidFrom) : new(CandidateSignInOutcome.CodeExpired, At: match.ValidUntil);
        }
        // Read under the row's lock: a count with nothing to reset is left alone (one write fewer for a room signing in).
        if (state != LockoutPolicy.AfterSuccess()) await candidates.SetLockoutAsync(s, candidate!.Id, LockoutPolicy.AfterSuccess(), ct);
        await audit.AppendAsync(s, new AuditEntry(number, AuditActions.SignInSucceeded, Kind, subject), ct);
        return new(CandidateSignInOutcome.Succeeded, candidate, RegistrationId: match.RegistrationId);
    }

    /// <summary>The live code the typed one matches; with nothing real to compare (no codes, a malformed code), the decoy.</summary>
    private StoredAccessCode? Match(string? normalized, IReadOnlyList<StoredAccessCode> live)
    {
        if (normalized is null || live.Count == 0)
        {
            guard.VerifyDecoyCode(normalized ?? "");
            return null;
        }
        return live.FirstOrDefault(c => hasher.Verify(normalized, c.CodeHash));
    }
}
