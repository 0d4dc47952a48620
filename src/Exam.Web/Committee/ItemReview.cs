using Exam.Core;
using Exam.Core.ItemBank;
using Exam.Data.Database;
using Exam.Data.ItemBank;
using Exam.ItemBank.Services;

namespace Exam.Web.Committee;

public enum ReviewAction { Submit, RequestChanges, Approve, Retire }

/// <summary>What a review action did, in words for the page; or why it did nothing.</summary>
public sealed record ReviewOutcome(bool Succeeded, string Message, IReadOnlyList<string> PublishedForms)
{
    /// <summary>Retiring waits for the committee to confirm, because published forms pin the item.</summary>
    public bool NeedsConfirmation { get; init; }

    public static ReviewOutcome Refused(string message) => new(false, message, []);
}

/// <summary>
/// The page's side of the review workflow, for items and rubrics alike: the checks a person needs in words (a comment
/// where one is required, a version that moved on since the page was opened, the author approving) before the
/// <see cref="BankWorkflowService"/> applies the rule and audits the step with its comment.
/// </summary>
public abstract class BankReview(Db db, BankWorkflowService workflow)
{
    public const int MaxCommentLength = FieldLimits.ReviewComment;
    public const string OwnVersionMessage = "You wrote this version; another committee member must approve it.";

    public async Task<ReviewOutcome> ActAsync(
        string actor, string subjectId, string? expectedVersion, ReviewAction action, string? comment, bool confirmed = false,
        CancellationToken ct = default)
    {
        var kind = workflow.Trail.Kind;
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment is { Length: > MaxCommentLength }) return ReviewOutcome.Refused($"A comment can have up to {MaxCommentLength} characters.");
        if (action == ReviewAction.RequestChanges && comment is null)
            return ReviewOutcome.Refused("Say what needs to change: a comment is required to request changes.");
        if (action == ReviewAction.Retire && comment is null)
            return ReviewOutcome.Refused($"Give the reason for retiring the {kind}: a comment is required.");

        ReviewedVersion? latest;
        var approvedAlready = false;
        await using (var s = await db.OpenAsync(ct))
        {
            latest = await workflow.Trail.LatestAsync(s, subjectId, ct);
            if (latest is not null)
            {
                approvedAlready = (await workflow.Trail.ReviewsAsync(s, latest.Id, ct))
                    .Any(r => r.Decision == ReviewDecisions.Approved && ItemWorkflow.SamePerson(r.Reviewer, actor));
            }
        }
        if (latest is null) return ReviewOutcome.Refused($"There is no {kind} '{subjectId}'.");
        if (!string.Equals(expectedVersion, latest.ContentHash, StringComparison.Ordinal))
        {
            return ReviewOutcome.Refused($"Version {latest.VersionNo} (by {latest.Author}) was saved since you opened the page; " +
                "nothing was done. Read the latest version, then act on it.");
        }
        if (action == ReviewAction.Approve && ItemWorkflow.SamePerson(latest.Author, actor)) return ReviewOutcome.Refused(OwnVersionMessage);
        if (action == ReviewAction.Approve && approvedAlready && latest.Status == ItemStatus.InReview)
            return ReviewOutcome.Refused("You have already approved this version; it needs another committee member's approval.");

        var outcome = action switch
        {
            ReviewAction.Submit => await workflow.SubmitAsync(subjectId, actor, comment, ct),
            ReviewAction.RequestChanges => await workflow.RequestChangesAsync(subjectId, actor, comment, ct),
            ReviewAction.Approve => await workflow.ApproveAsync(subjectId, actor, comment, ct),
            _ => await workflow.RetireAsync(subjectId, actor, comment, confirmed, ct),
        };
        if (outcome.NeedsConfirmation)
        {
            return new ReviewOutcome(false,
                $"Published forms pin this {kind}: {string.Join(", ", outcome.PublishedForms)}. They keep the version they pin. " +
                "Tick the confirmation to retire it.", outcome.PublishedForms) { NeedsConfirmation = true };
        }
        if (!outcome.Succeeded)
        {
            // The author check above is repeated by the rule itself; say it the same way if a race gets this far.
            return ReviewOutcome.Refused(ItemWorkflow.SamePerson(latest.Author, actor) && action == ReviewAction.Approve
                ? OwnVersionMessage
                : Sentence(outcome.Error ?? "Nothing was done."));
        }
        return new ReviewOutcome(true, action switch
        {
            ReviewAction.Submit => $"Version {latest.VersionNo} is submitted for review.",
            ReviewAction.RequestChanges => $"Changes requested; version {latest.VersionNo} is a draft again.",
            ReviewAction.Approve when outcome.Status == ItemStatus.Approved => $"Version {latest.VersionNo} is approved.",
            ReviewAction.Approve => $"Your approval of version {latest.VersionNo} is recorded; it needs more reviewers before it is approved.",
            _ => $"Version {latest.VersionNo} is retired.",
        }, outcome.PublishedForms);
    }

    private static string Sentence(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..] + (text.EndsWith('.') ? "" : ".");
}

public sealed class ItemReview(Db db, ItemWorkflowService workflow) : BankReview(db, workflow);

public sealed class RubricReview(Db db, RubricWorkflowService workflow) : BankReview(db, workflow);
