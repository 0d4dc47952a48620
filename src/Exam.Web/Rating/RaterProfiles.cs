using System.Text.Json;
using Exam.Core;
using Exam.Core.Audit;
using Exam.Core.ItemBank;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.Rating;

namespace Exam.Web.Rating;

/// <summary>Raters' essay sets (assigned by the committee) and conflicts of interest (declared by the rater), audited.</summary>
public sealed class RaterProfiles(Db db, RatingStore ratings, AuditLog audit, RatingNotifier notifier, TimeProvider clock)
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

    /// <summary>Declares a person or association; the server excludes matching candidates' essays from this rater.</summary>
    public async Task<string?> DeclareAsync(long raterId, string kind, string? value, string actor, CancellationToken ct = default)
    {
        if (kind is not (Person or Association)) return "Choose whether you are declaring a person or an association.";
        var normalized = RatingStore.Normalize(value ?? "");
        if (normalized.Length == 0) return kind == Person ? "Enter the person's full name." : "Enter the association's name.";
        if (normalized.Length > FieldLimits.ConflictValue) return $"That is too long ({FieldLimits.ConflictValue} characters at most).";
        await using (var s = await db.BeginAsync(ct: ct))
        {
            if (!await ratings.AddConflictAsync(s, raterId, kind, normalized, clock.GetUtcNow(), ct)) return null;
            await audit.AppendAsync(s, new AuditEntry(actor, "rater.conflict-declared", "staff", raterId.ToString(),
                AfterJson: JsonSerializer.Serialize(new { kind, value = normalized })), ct);
            await s.CommitAsync(ct);
        }
        await notifier.QueueChangedAsync();
        return null;
    }

    public async Task RemoveAsync(long raterId, long conflictId, string actor, CancellationToken ct = default)
    {
        await using var s = await db.BeginAsync(ct: ct);
        var before = (await ratings.ConflictsAsync(s, raterId, ct)).FirstOrDefault(c => c.Id == conflictId);
        if (before is null || !await ratings.RemoveConflictAsync(s, raterId, conflictId, ct)) return;
        await audit.AppendAsync(s, new AuditEntry(actor, "rater.conflict-removed", "staff", raterId.ToString(),
            BeforeJson: JsonSerializer.Serialize(new { before.Kind, before.Value })), ct);
        await s.CommitAsync(ct);
    }
}
