using System.Text.Json;
using Exam.Core;
using Exam.Core.Audit;
using Exam.Core.ItemBank;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.Rating;

namespace Exam.Web.Rating;

/// <summary>What became of a rater's declaration or removal: an error, applied, or filed as a request (a window is open).</summary>
public sealed record ConflictChange(string? Error = null, bool Requested = false);

/// <summary>
/// Raters' essay sets (assigned by the committee) and conflicts of interest (declared by the rater), audited. Between
/// rating windows a rater's declarations apply at once; while a window is open they are fixed, and a change the rater
/// asks for is filed for the lead raters and the committee to decide (see <see cref="RatingWindows"/>).
/// </summary>
public sealed class RaterProfiles(
    Db db, RatingStore ratings, RatingWindowStore windows, AuditLog audit, RatingNotifier notifier, TimeProvider clock)
{
    public const string Person = "person";
    public const string Association = "association";
    public static readonly IReadOnlyList<string> AllSets = Enum.GetValues<EssaySet>().Select(ItemBankCodes.Code).ToList();

    public async Task<IReadOnlyList<RaterSummary>> RatersAsync(CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        return await ratings.RatersAsync(s, ct);
    }

    public async Task<string?> AssignSetsAsync(long raterId, IEnumerable<string> sets, string actor, CancellationToken ct = default)
    {
        var chosen = sets.Where(x => AllSets.Contains(x, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        await using (var s = await db.BeginAsync(ct: ct))
        {
            if ((await ratings.RatersAsync(s, ct)).All(r => r.Id != raterId)) return "There is no such rater.";
            var before = await ratings.SetSetsAsync(s, raterId, chosen, actor, clock.GetUtcNow(), ct);
            await audit.AppendAsync(s, new AuditEntry(actor, "rater.sets-assigned", "staff", raterId.ToString(),
                BeforeJson: JsonSerializer.Serialize(before), AfterJson: JsonSerializer.Serialize(chosen)), ct);
            await s.CommitAsync(ct);
        }
        await notifier.QueueChangedAsync();
        return null;
    }

    public async Task<IReadOnlyList<RaterConflict>> ConflictsAsync(long raterId, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        return await ratings.ConflictsAsync(s, raterId, ct);
    }

    /// <summary>The rater's own requests made during windows, newest first (what they asked and whether it was decided).</summary>
    public async Task<IReadOnlyList<ConflictRequest>> RequestsAsync(long raterId, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        return await windows.RequestsOfAsync(s, raterId, ct);
    }

    /// <summary>Declares a person or association; the server excludes matching candidates' essays from this rater.</summary>
    public async Task<ConflictChange> DeclareAsync(long raterId, string kind, string? value, string actor, CancellationToken ct = default)
    {
        if (kind is not (Person or Association)) return new("Choose whether you are declaring a person or an association.");
        var normalized = RatingStore.Normalize(value ?? "");
        if (normalized.Length == 0) return new(kind == Person ? "Enter the person's full name." : "Enter the association's name.");
        if (normalized.Length > FieldLimits.ConflictValue) return new($"That is too long ({FieldLimits.ConflictValue} characters at most).");
        await using (var s = await db.BeginAsync(ct: ct))
        {
            if (await windows.OpenAsync(s, ct) is not null)
                return await RequestAsync(s, raterId, ConflictAction.Declare, kind, normalized, actor, ct);
            if (!await ratings.AddConflictAsync(s, raterId, kind, normalized, clock.GetUtcNow(), ct)) return new();
            await audit.AppendAsync(s, new AuditEntry(actor, "rater.conflict-declared", "staff", raterId.ToString(),
                AfterJson: JsonSerializer.Serialize(new { kind, value = normalized })), ct);
            await s.CommitAsync(ct);
        }
        await notifier.QueueChangedAsync();
        return new();
    }

    public async Task<ConflictChange> RemoveAsync(long raterId, long conflictId, string actor, CancellationToken ct = default)
    {
        await using var s = await db.BeginAsync(ct: ct);
        var before = (await ratings.ConflictsAsync(s, raterId, ct)).FirstOrDefault(c => c.Id == conflictId);
        if (before is null) return new();
        if (await windows.OpenAsync(s, ct) is not null)
            return await RequestAsync(s, raterId, ConflictAction.Remove, before.Kind, before.Value, actor, ct);
        if (!await ratings.RemoveConflictAsync(s, raterId, conflictId, ct)) return new();
        await audit.AppendAsync(s, new AuditEntry(actor, "rater.conflict-removed", "staff", raterId.ToString(),
            BeforeJson: JsonSerializer.Serialize(new { before.Kind, before.Value })), ct);
        await s.CommitAsync(ct);
        return new();
    }

    // Nothing is applied and the queues are not told: the rater's view stays exactly as it was.
    private async Task<ConflictChange> RequestAsync(DbSession s, long raterId, string action, string kind, string value, string actor, CancellationToken ct)
    {
        if (await windows.AddRequestAsync(s, raterId, action, kind, value, clock.GetUtcNow(), ct))
        {
            await audit.AppendAsync(s, new AuditEntry(actor, "rater.conflict-change-requested", "staff", raterId.ToString(),
                AfterJson: JsonSerializer.Serialize(new { action, kind, value })), ct);
            await s.CommitAsync(ct);
        }
        return new(Requested: true);
    }
}
