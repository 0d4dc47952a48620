using Exam.Core.Audit;
using Exam.Core.ItemBank;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.ItemBank;

namespace Exam.ItemBank.Services;

/// <summary>
/// The outcome of a review action on an item's latest version. When retiring an item that published forms pin,
/// nothing happens until the caller confirms: <see cref="NeedsConfirmation"/> with the forms listed.
/// </summary>
public sealed record WorkflowOutcome(bool Succeeded, ItemStatus? Status, string? Error, IReadOnlyList<string> PublishedForms)
{
    public bool NeedsConfirmation => !Succeeded && Error is null && PublishedForms.Count > 0;

    public string? Warning => PublishedForms.Count == 0 ? null
        : $"published form{(PublishedForms.Count == 1 ? "" : "s")} {string.Join(", ", PublishedForms)} pin{(PublishedForms.Count == 1 ? "s" : "")} this item";
}

/// <summary>
/// Review actions for the committee (the web UI calls these): submit for review, request changes, approve, retire,
/// comment. Each takes a comment, follows <see cref="ItemWorkflow"/>, and is audited in the same transaction.
/// </summary>
public sealed class ItemWorkflowService(Db db, ItemBankStore store, AuditLog audit, ItemWorkflow workflow)
{
    public Task<WorkflowOutcome> SubmitAsync(string itemId, string actor, string? comment, CancellationToken ct = default) =>
        ActAsync(itemId, actor, comment, (v, _) => Task.FromResult<WorkflowResult?>(workflow.Submit(v.ItemStatus)), null, ct);

    public Task<WorkflowOutcome> RequestChangesAsync(string itemId, string actor, string? comment, CancellationToken ct = default) =>
        ActAsync(itemId, actor, comment, (v, _) => Task.FromResult<WorkflowResult?>(workflow.RequestChanges(v.ItemStatus)), ReviewDecisions.ChangesRequested, ct);

    public Task<WorkflowOutcome> ApproveAsync(string itemId, string actor, string? comment, CancellationToken ct = default) =>
        ActAsync(itemId, actor, comment, async (v, s) =>
        {
            var approvers = (await store.ReviewsAsync(s, v.Id, ct)).Where(r => r.Decision == ReviewDecisions.Approved).Select(r => r.Reviewer);
            return workflow.Approve(v.ItemStatus, v.Author, approvers, actor);
        }, ReviewDecisions.Approved, ct);

    /// <summary>Records a comment on the latest version without changing its status.</summary>
    public Task<WorkflowOutcome> CommentAsync(string itemId, string actor, string comment, CancellationToken ct = default) =>
        ActAsync(itemId, actor, comment, (v, _) => Task.FromResult<WorkflowResult?>(WorkflowResult.Ok(v.ItemStatus)), ReviewDecisions.Comment, ct);

    /// <summary>
    /// Retires the latest version. When published forms pin the item, nothing changes unless
    /// <paramref name="confirmed"/>: the outcome lists those forms for the committee to confirm.
    /// </summary>
    public async Task<WorkflowOutcome> RetireAsync(string itemId, string actor, string? comment, bool confirmed = false, CancellationToken ct = default)
    {
        IReadOnlyList<string> forms = [];
        var outcome = await ActAsync(itemId, actor, comment, async (v, s) =>
        {
            var result = workflow.Retire(v.ItemStatus);
            if (!result.Succeeded) return result;
            forms = await store.PublishedFormsPinningAsync(s, itemId, ct);
            return forms.Count > 0 && !confirmed ? null : result;
        }, null, ct);
        return outcome with { PublishedForms = forms };
    }

    /// <param name="decide">The rule's answer for the version; null to stop without an error (awaiting confirmation).</param>
    private async Task<WorkflowOutcome> ActAsync(
        string itemId, string actor, string? comment, Func<StoredItemVersion, DbSession, Task<WorkflowResult?>> decide,
        string? reviewDecision, CancellationToken ct)
    {
        await using var s = await db.BeginAsync(ct: ct);
        await store.LockBankAsync(s, ct); // the version's status and its approvals are read under the lock they are changed under
        var version = await store.LatestItemVersionAsync(s, itemId, ct);
        if (version is null) return new WorkflowOutcome(false, null, $"there is no item '{itemId}'", []);
        var result = await decide(version, s);
        if (result is null) return new WorkflowOutcome(false, version.ItemStatus, null, []);
        if (!result.Succeeded) return new WorkflowOutcome(false, version.ItemStatus, result.Error, []);

        if (reviewDecision is not null) await store.AddReviewAsync(s, version.Id, actor, reviewDecision, comment, ct);
        var subject = new { item = itemId, version = version.ContentHash };
        if (result.Status != version.ItemStatus)
        {
            await store.SetItemStatusAsync(s, version.Id, result.Status, ct);
            await audit.AppendAsync(s, new AuditEntry(actor, ItemBankAuditActions.ItemStatusChanged, "item", itemId,
                ItemBankImporter.Json(new { subject.item, subject.version, status = version.Status }),
                ItemBankImporter.Json(new { subject.item, subject.version, status = ItemBankCodes.Code(result.Status) }), comment), ct);
        }
        else
        {
            await audit.AppendAsync(s, new AuditEntry(actor, ItemBankAuditActions.ItemReviewed, "item", itemId,
                AfterJson: ItemBankImporter.Json(new { subject.item, subject.version, decision = reviewDecision }), Detail: comment), ct);
        }
        await s.CommitAsync(ct);
        return new WorkflowOutcome(true, result.Status, null, []);
    }
}
