using Exam.Core.ItemBank;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.ItemBank;

namespace Exam.Web.Committee;

/// <summary>A rubric as listed: its latest version, and the version new forms pin (the latest approved one, if any).</summary>
public sealed record RubricRow(StoredRubricVersion Latest, StoredRubricVersion? Approved);

/// <summary>Everything the rubric page shows.</summary>
public sealed record RubricView(
    StoredRubricVersion Latest, IReadOnlyList<StoredRubricVersion> Versions, IReadOnlyList<string> Approvers,
    IReadOnlyList<ReviewLine> Reviews, IReadOnlyList<AuditRecord> Activity, IReadOnlyList<string> PublishedForms, int RequiredReviewers)
{
    /// <summary>The version new forms pin: as <see cref="ItemBankStore.LatestApprovedRubricVersionsAsync"/> picks it.</summary>
    public StoredRubricVersion? ApprovedVersion =>
        Versions.Where(v => v.ItemStatus is ItemStatus.Approved or ItemStatus.Retired).MaxBy(v => v.VersionNo) is { ItemStatus: ItemStatus.Approved } v ? v : null;
}

/// <summary>Reads the bank's rubrics for the committee: the list, a rubric's page with its history, and two versions to compare.</summary>
public sealed class RubricCatalog(Db db, ItemBankStore store, AuditLog audit, ItemWorkflow workflow)
{
    public async Task<IReadOnlyList<RubricRow>> ListAsync(CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var approved = (await store.LatestApprovedRubricVersionsAsync(s, ct)).ToDictionary(r => r.RubricId, StringComparer.Ordinal);
        return (await store.LatestRubricVersionsAsync(s, ct)).Select(r => new RubricRow(r, approved.GetValueOrDefault(r.RubricId))).ToList();
    }

    public async Task<RubricView?> ViewAsync(string rubricId, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var versions = await store.RubricVersionsAsync(s, rubricId, ct);
        if (versions.Count == 0) return null;
        var latest = versions[^1];
        var reviews = new List<ReviewLine>();
        foreach (var v in versions)
            reviews.AddRange((await store.RubricReviewsAsync(s, v.Id, ct)).Select(r => new ReviewLine(v.VersionNo, r)));
        var approvers = reviews.Where(r => r.VersionNo == latest.VersionNo && r.Review.Decision == ReviewDecisions.Approved)
            .Select(r => r.Review.Reviewer).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new RubricView(latest, versions, approvers, reviews.OrderByDescending(r => r.Review.Id).ToList(),
            await audit.RecentAsync(s, 200, subjectType: "rubric", subjectId: rubricId, ct: ct),
            await store.PublishedFormsPinningRubricAsync(s, rubricId, ct), workflow.RequiredReviewers);
    }

    /// <summary>Two versions of a rubric by number, or null when either is missing.</summary>
    public async Task<(StoredRubricVersion From, StoredRubricVersion To, IReadOnlyList<StoredRubricVersion> All)?> VersionsAsync(
        string rubricId, int from, int to, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var versions = await store.RubricVersionsAsync(s, rubricId, ct);
        var a = versions.FirstOrDefault(v => v.VersionNo == from);
        var b = versions.FirstOrDefault(v => v.VersionNo == to);
        return a is null || b is null ? null : (a, b, versions);
    }
}
