using Exam.Core.Audit;
using Exam.Core.ItemBank;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.ItemBank;

namespace Exam.ItemBank.Services;

/// <summary>
/// The outcome of a review action on the latest version of an item or rubric. When retiring one that published forms
/// pin, nothing happens until the caller confirms: <see cref="NeedsConfirmation"/> with the forms listed.
/// </summary>
public sealed record WorkflowOutcome(bool Succeeded, ItemStatus? Status, string? Error, IReadOnlyList<string> PublishedForms)
{
    public bool NeedsConfirmation => !Succeeded && Error is null && PublishedForms.Count > 0;

    public string? Warning => PublishedForms.Count == 0 ? null
        : $"published form{(PublishedForms.Count == 1 ? "" : "s")} {string.Join(", ", PublishedForms)} pin{(PublishedForms.Count == 1 ? "s" : "")} this item";
}

/// <summary>
/// Review actions for the committee (the web UI calls these): submit for review, request changes, approve, retire,
/// comment. Each takes a comment, follows <see cref="ItemWorkflow"/>, moves the status with a conditional update whose
/// row count is checked, and is audited in the same transaction. One service for every kind of bank version; the
/// <see cref="IReviewTrail"/> says where that kind's rows are.
/// </summary>
public abstract class BankWorkflowService(Db db, ItemBankStore store, AuditLog audit, ItemWorkflow workflow, IReviewTrail trail)
{
    public IReviewTrail Trail => trail;

    public Task<WorkflowOutcome> SubmitAsync(string id, string actor, string? comment, CancellationToken ct = default) =>
        ActAsync(id, actor, comment, (v, _) => Task.FromResult<WorkflowResult?>(workflow.Submit(v.Status)), null, ct);

    public Task<WorkflowOutcome> RequestChangesAsync(string id, string actor, string? comment, CancellationToken ct = default) =>
        ActAsync(id, actor, comment, (v, _) => Task.FromResult<WorkflowResult?>(workflow.RequestChanges(v.Status)), ReviewDecisions.ChangesRequested, ct);

    public Task<WorkflowOutcome> ApproveAsync(string id, string actor, string? comment, CancellationToken ct = default) =>
        ActAsync(id, actor, comment, async (v, s) =>
        {
            var approvers = (await trail.ReviewsAsync(s, v.Id, ct)).Where(r => r.Decision == ReviewDecisions.Approved).Select(r => r.Reviewer);
            return workflow.Approve(v.Status, v.Author, approvers, actor);
        }, ReviewDecisions.Approved, ct);

    /// <summary>Records a comment on the latest version without changing its status.</summary>
    public Task<WorkflowOutcome> CommentAsync(string id, string actor, string comment, CancellationToken ct = default) =>
        ActAsync(id, actor, comment, (v, _) => Task.FromResult<WorkflowResult?>(WorkflowResult.Ok(v.Status)), ReviewDecisions.Comment, ct);

    /// <summary>
    /// Retires the latest version. When published forms pin the item or rubric, nothing changes unless
    /// <paramref name="confirmed"/>: the outcome lists those forms for the committee to confirm. The forms keep the
    /// version they pin.
    /// </summary>
    public async Task<WorkflowOutcome> RetireAsync(string id, string actor, string? comment, bool confirmed = false, CancellationToken ct = default)
    {
        IReadOnlyList<string> forms = [];
        var outcome = await ActAsync(id, actor, comment, async (v, s) =>
        {
            var result = workflow.Retire(v.Status);
            if (!result.Succeeded) return result;
            forms = await trail.PublishedFormsPinningAsync(s, id, ct);
            return forms.Count > 0 && !confirmed ? null : result;
        }, null, ct);
        return outcome with { PublishedForms = forms };
    }

    /// <param name="decide">The rule's answer for the version; null to stop without an error (awaiting confirmation).</param>
    private async Task<WorkflowOutcome> ActAsync(
        string id, string actor, string? comment, Func<ReviewedVersion, DbSession, Task<WorkflowResult?>> decide,
        string? reviewDecision, CancellationToken ct)
    {
        await using var s = await db.BeginAsync(ct: ct);
        await store.LockBankAsync(s, ct); // the version's status and its approvals are read under the lock they are changed under
        var version = await trail.LatestAsync(s, id, ct);
        if (version is null) return new WorkflowOutcome(false, null, $"there is no {trail.Kind} '{id}'", []);
        var result = await decide(version, s);
        if (result is null) return new WorkflowOutcome(false, version.Status, null, []);
        if (!result.Succeeded) return new WorkflowOutcome(false, version.Status, result.Error, []);

        // The status first, on the condition it was read with: if another node moved it, nothing is written.
        if (result.Status != version.Status && !await trail.MoveStatusAsync(s, version.Id, version.Status, result.Status, ct))
            return new WorkflowOutcome(false, version.Status, $"the {trail.Kind}'s version changed meanwhile; nothing was done", []);
        if (reviewDecision is not null) await trail.AddReviewAsync(s, version.Id, actor, reviewDecision, comment, ct);
        if (result.Status != version.Status)
        {
            await audit.AppendAsync(s, new AuditEntry(actor, trail.StatusChangedAction, trail.Kind, id,
                Subject(version, "status", ItemBankCodes.Code(version.Status)),
                Subject(version, "status", ItemBankCodes.Code(result.Status)), comment), ct);
        }
        else
        {
            await audit.AppendAsync(s, new AuditEntry(actor, trail.ReviewedAction, trail.Kind, id,
                AfterJson: Subject(version, "decision", reviewDecision), Detail: comment), ct);
        }
        await s.CommitAsync(ct);
        return new WorkflowOutcome(true, result.Status, null, []);
    }

    /// <summary>{"item": id, "version": hash, name: value} (or "rubric"), as the import writes it.</summary>
    private string Subject(ReviewedVersion v, string name, string? value) =>
        ItemBankImporter.Json(new Dictionary<string, string?> { [trail.Kind] = v.SubjectId, ["version"] = v.ContentHash, [name] = value });
}

/// <summary>The review workflow of items.</summary>
public sealed class ItemWorkflowService(Db db, ItemBankStore store, AuditLog audit, ItemWorkflow workflow)
    : BankWorkflowService(db, store, audit, workflow, new ItemTrail(store));

/// <summary>The review workflow of rubrics: the same rule and steps as items.</summary>
public sealed class RubricWorkflowService(Db db, ItemBankStore store, AuditLog audit, ItemWorkflow workflow)
    : BankWorkflowService(db, store, audit, workflow, new RubricTrail(store));
