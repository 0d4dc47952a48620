using Exam.Core.ItemBank;
using Exam.Data.Database;

namespace Exam.Data.ItemBank;

/// <summary>A version under review, an item's or a rubric's, as the review workflow reads it.</summary>
public sealed record ReviewedVersion(long Id, string SubjectId, int VersionNo, string ContentHash, ItemStatus Status, string Author);

/// <summary>
/// Where one kind of bank version keeps its status and its reviews. Items and rubrics follow one review rule
/// (<see cref="ItemWorkflow"/>) and one service; each kind says only where its rows are.
/// </summary>
public interface IReviewTrail
{
    /// <summary>"item" or "rubric": the audit subject type and the word in messages.</summary>
    string Kind { get; }
    string StatusChangedAction { get; }
    string ReviewedAction { get; }
    Task<ReviewedVersion?> LatestAsync(DbSession s, string id, CancellationToken ct);
    Task<IReadOnlyList<StoredItemReview>> ReviewsAsync(DbSession s, long versionId, CancellationToken ct);
    Task AddReviewAsync(DbSession s, long versionId, string reviewer, string decision, string? comment, CancellationToken ct);

    /// <summary>A conditional update: false when the version was no longer <paramref name="from"/>.</summary>
    Task<bool> MoveStatusAsync(DbSession s, long versionId, ItemStatus from, ItemStatus to, CancellationToken ct);
    Task<IReadOnlyList<string>> PublishedFormsPinningAsync(DbSession s, string id, CancellationToken ct);
}

public sealed class ItemTrail(ItemBankStore store) : IReviewTrail
{
    public string Kind => "item";
    public string StatusChangedAction => ItemBankAuditActions.ItemStatusChanged;
    public string ReviewedAction => ItemBankAuditActions.ItemReviewed;

    public async Task<ReviewedVersion?> LatestAsync(DbSession s, string id, CancellationToken ct) =>
        await store.LatestItemVersionAsync(s, id, ct) is { } v ? new(v.Id, v.ItemId, v.VersionNo, v.ContentHash, v.ItemStatus, v.Author) : null;

    public Task<IReadOnlyList<StoredItemReview>> ReviewsAsync(DbSession s, long versionId, CancellationToken ct) => store.ReviewsAsync(s, versionId, ct);

    public Task AddReviewAsync(DbSession s, long versionId, string reviewer, string decision, string? comment, CancellationToken ct) =>
        store.AddReviewAsync(s, versionId, reviewer, decision, comment, ct);

    public Task<bool> MoveStatusAsync(DbSession s, long versionId, ItemStatus from, ItemStatus to, CancellationToken ct) =>
        store.MoveItemStatusAsync(s, versionId, from, to, ct);

    public Task<IReadOnlyList<string>> PublishedFormsPinningAsync(DbSession s, string id, CancellationToken ct) =>
        store.PublishedFormsPinningAsync(s, id, ct);
}

public sealed class RubricTrail(ItemBankStore store) : IReviewTrail
{
    public string Kind => "rubric";
    public string StatusChangedAction => ItemBankAuditActions.RubricStatusChanged;
    public string ReviewedAction => ItemBankAuditActions.RubricReviewed;

    public async Task<ReviewedVersion?> LatestAsync(DbSession s, string id, CancellationToken ct) =>
        await store.LatestRubricVersionAsync(s, id, ct) is { } v ? new(v.Id, v.RubricId, v.VersionNo, v.ContentHash, v.ItemStatus, v.Author) : null;

    public Task<IReadOnlyList<StoredItemReview>> ReviewsAsync(DbSession s, long versionId, CancellationToken ct) => store.RubricReviewsAsync(s, versionId, ct);

    public Task AddReviewAsync(DbSession s, long versionId, string reviewer, string decision, string? comment, CancellationToken ct) =>
        store.AddRubricReviewAsync(s, versionId, reviewer, decision, comment, ct);

    public Task<bool> MoveStatusAsync(DbSession s, long versionId, ItemStatus from, ItemStatus to, CancellationToken ct) =>
        store.MoveRubricStatusAsync(s, versionId, from, to, ct);

    public Task<IReadOnlyList<string>> PublishedFormsPinningAsync(DbSession s, string id, CancellationToken ct) =>
        store.PublishedFormsPinningRubricAsync(s, id, ct);
}
