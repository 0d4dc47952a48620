using System.Text.Json;
using Exam.Core.Accounts;
using Exam.Core.Audit;
using Exam.Data.Accounts;
using Exam.Data.Audit;
using Exam.Data.Database;

namespace Exam.Web.Accounts;

/// <summary>
/// Staff end a candidate's sign-in lockout: the proctor of a sitting the candidate is registered for, or a coordinator.
/// Five wrong codes typed by anyone lock a candidate; the message says "ask your proctor", so the proctor can act.
/// </summary>
public sealed class CandidateUnlock(Db db, CandidateStore candidates, AuditLog audit, TimeProvider clock)
{
    /// <summary>Clears the failed count and the lock; false when the candidate was neither locked nor counting failures.</summary>
    public Task<bool> UnlockAsync(long candidateId, string actor, CancellationToken ct = default) =>
        UnlockAsync(s => candidates.GetForUpdateAsync(s, candidateId, ct), actor, ct);

    /// <summary>As <see cref="UnlockAsync(long, string, CancellationToken)"/>, by candidate number.</summary>
    public Task<bool> UnlockNumberAsync(string candidateNumber, string actor, CancellationToken ct = default) =>
        UnlockAsync(s => candidates.FindForUpdateAsync(s, candidateNumber, ct), actor, ct);

    private async Task<bool> UnlockAsync(Func<DbSession, Task<Candidate?>> find, string actor, CancellationToken ct)
    {
        await using var s = await db.BeginAsync(ct: ct);
        if (await find(s) is not { } candidate) return false;
        if (candidate.FailedCount == 0 && candidate.LockedUntil is null) return false;
        await candidates.SetLockoutAsync(s, candidate.Id, LockoutPolicy.AfterSuccess(), ct);
        await audit.AppendAsync(s, new AuditEntry(actor, "candidate.unlocked", "candidate", candidate.Id.ToString(),
            BeforeJson: JsonSerializer.Serialize(new { failedCount = candidate.FailedCount, lockedUntil = candidate.LockedUntil }),
            AfterJson: JsonSerializer.Serialize(new { failedCount = 0, lockedUntil = (DateTimeOffset?)null, at = clock.GetUtcNow() })), ct);
        await s.CommitAsync(ct);
        return true;
    }
}
