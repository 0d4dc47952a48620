using System.Text.Json;
using Exam.Core.Audit;
using Exam.Core.Rating;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.Rating;

namespace Exam.Web.Rating;

/// <summary>A read nobody eligible can take, why, and who could take it if assigned by name.</summary>
public sealed record StuckRead(WaitingRead Read, string Reason, IReadOnlyList<EligibleRater> Assignable);

/// <summary>
/// Reads that would otherwise wait invisibly (every rater of the set has read the response or declared a conflict, the
/// only lead already read it, nobody is in the set): shown to leads and the committee, who assign each to a named
/// person or add a rater to the set. Assignments are audited.
/// </summary>
public sealed class StuckReads(Db db, WaitingReadStore waiting, RatingStore ratings, AuditLog audit, RatingNotifier notifier, TimeProvider clock)
{
    public async Task<IReadOnlyList<StuckRead>> ListAsync(CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var (reads, raters) = await FactsAsync(s, ct);
        return reads.Where(r => ReadEligibility.IsStuck(r, raters))
            .Select(r => new StuckRead(r, ReadEligibility.Reason(r, raters), ReadEligibility.Assignable(r, raters)))
            .ToList();
    }

    /// <summary>Assigns a stuck read to one person who may read it; an error message otherwise.</summary>
    public async Task<string?> AssignAsync(long taskId, long userId, string actor, CancellationToken ct = default)
    {
        await using (var s = await db.BeginAsync(ct: ct))
        {
            var (reads, raters) = await FactsAsync(s, ct);
            if (reads.FirstOrDefault(r => r.TaskId == taskId) is not { } read) return "That read is no longer waiting.";
            if (ReadEligibility.Assignable(read, raters).FirstOrDefault(r => r.Id == userId) is not { } person)
                return "That person cannot take this read (they read the response, declared a conflict, or are not a lead rater).";
            if (!await ratings.AssignAsync(s, taskId, userId, clock.GetUtcNow(), ct)) return "That read has just been claimed.";
            await audit.AppendAsync(s, new AuditEntry(actor, "rating.read-assigned", "rating-task", taskId.ToString(),
                BeforeJson: JsonSerializer.Serialize(new { assignedTo = read.AssignedTo }),
                AfterJson: JsonSerializer.Serialize(new { assignedTo = userId, person.Name, read.Code, read.ReadNo })), ct);
            await s.CommitAsync(ct);
        }
        await notifier.QueueChangedAsync();
        return null;
    }

    private async Task<(IReadOnlyList<WaitingRead> Reads, IReadOnlyList<EligibleRater> Raters)> FactsAsync(DbSession s, CancellationToken ct)
    {
        var reads = await waiting.WaitingAsync(s, clock.GetUtcNow(), ct);
        var raters = (await ratings.RatersAsync(s, ct)).Select(r => new EligibleRater(r.Id, r.DisplayName, r.IsLead, r.Sets)).ToList();
        return (reads, raters);
    }
}
