using System.Text.Json;
using Exam.Core.Audit;
using Exam.Core.ItemBank;
using Exam.Core.Rating;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.ItemBank;
using Exam.Data.Rating;
using Exam.Data.Results;
using Exam.Data.Scheduling;

namespace Exam.Web.Results;

/// <summary>A read the final score rests on, labelled as the reviewer sees it (never who gave it).</summary>
public sealed record CountedRead(int ReadNo, int Total, IReadOnlyDictionary<string, int> Scores)
{
    public string Label => ReadNo switch { 1 => "Rating A", 2 => "Rating B", _ => "Third read" };
}

/// <summary>
/// One final essay as the candidate gets it: its score, each criterion's score (the mean over the reads that count),
/// and its feedback, reviewed or not. Known by its response code only.
/// </summary>
public sealed record ReviewedEssay(
    long ResponseId, string Code, long AttemptId, long ItemVersionId, long RubricVersionId, string EssaySet, decimal FinalScore,
    bool Discrepant, IReadOnlyList<CountedRead> Counting, IReadOnlyDictionary<string, decimal> CriterionScores, string Proposed,
    FeedbackReview? Review, string? ReviewedBy, bool Released)
{
    public FeedbackState State => CandidateFeedback.State(Proposed, Discrepant, Review);

    /// <summary>What the candidate reads, as paragraphs; null while held for review.</summary>
    public IReadOnlyList<string>? ToCandidate => CandidateFeedback.ForCandidate(Proposed, Discrepant, Review);

    /// <summary>Names the proposal a reviewer saw, so a review of reads that changed meanwhile is refused.</summary>
    public string ProposedHash => CanonicalJson.Sha256Hex(Proposed)[..16];

    /// <summary>After release a review may only release feedback that was held: a released report never changes silently.</summary>
    public bool Reviewable => !Released || State == FeedbackState.Held;
}

/// <summary>A sitting's final essays for feedback review, in code order (so one candidate's essays do not sit together).</summary>
public sealed record SittingFeedback(Sitting Sitting, IReadOnlyList<ReviewedEssay> Essays)
{
    public int Held => Essays.Count(e => e.State == FeedbackState.Held);
}

public enum ReviewOutcome { Done, NotFound, Refused }

/// <summary>
/// Feedback review before release: a lead rater or the committee sees the feedback each essay's candidate will get (from
/// the reads that count) and approves or edits it, audited. Discrepant essays' feedback is held until reviewed, and the
/// release refuses while any is held. Nothing here names a candidate, and nothing depends on the reviewer's own declared
/// conflicts (a list that shrank with a declaration would tell a lead who wrote which essay).
/// </summary>
public sealed class FeedbackReviews(
    Db db, FeedbackReviewStore store, SittingStore sittings, ItemBankStore bank, ExamResultStore results, AuditLog audit, TimeProvider clock)
{
    public async Task<SittingFeedback?> ForSittingAsync(long sittingId, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        if (await sittings.GetAsync(s, sittingId, ct) is not { } sitting) return null;
        return new SittingFeedback(sitting, await BuildAsync(s, await store.OfSittingAsync(s, sittingId, ct), ct));
    }

    /// <summary>Every sitting with final essays: how many, and how many wait for review.</summary>
    public async Task<IReadOnlyList<(Sitting Sitting, int Essays, int Held)>> SittingsAsync(CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var list = new List<(Sitting, int, int)>();
        foreach (var sitting in await sittings.ListAsync(s, ct))
        {
            var essays = await BuildAsync(s, await store.OfSittingAsync(s, sitting.Id, ct), ct);
            if (essays.Count > 0) list.Add((sitting, essays.Count, essays.Count(e => e.State == FeedbackState.Held)));
        }
        return list;
    }

    /// <summary>The attempt's final essays as its candidate gets them.</summary>
    public async Task<IReadOnlyList<ReviewedEssay>> OfAttemptAsync(DbSession s, long attemptId, CancellationToken ct = default) =>
        await BuildAsync(s, await store.OfAttemptAsync(s, attemptId, ct), ct);

    /// <summary>How many of the sitting's essays (of these attempts, if given) hold feedback back for review: the release waits for them.</summary>
    public async Task<int> HeldAsync(DbSession s, long sittingId, IReadOnlySet<long>? attempts = null, CancellationToken ct = default) =>
        (await BuildAsync(s, await store.OfSittingAsync(s, sittingId, ct), ct))
            .Count(e => (attempts is null || attempts.Contains(e.AttemptId)) && e.State == FeedbackState.Held);

    /// <summary>
    /// Approves the proposed feedback (<paramref name="edited"/> null) or replaces it with the reviewer's text, over the
    /// review version and proposal the reviewer saw; a message when refused.
    /// </summary>
    public async Task<(ReviewOutcome Outcome, string? Message)> ReviewAsync(
        string code, string? edited, int version, string? seenProposal, string actor, CancellationToken ct = default)
    {
        if (edited is not null && CandidateFeedback.CheckEdit(edited) is { } problem) return (ReviewOutcome.Refused, problem);
        var now = clock.GetUtcNow();
        await using var s = await db.BeginAsync(ct: ct);
        if ((await BuildAsync(s, await store.OfCodeAsync(s, code, ct), ct)).SingleOrDefault() is not { } essay)
            return (ReviewOutcome.NotFound, null);
        if (!essay.Reviewable)
            return (ReviewOutcome.Refused, $"The result with {code} is released: its feedback stands until a revised result is released.");
        if (essay.ProposedHash != seenProposal)
            return (ReviewOutcome.Refused, $"The reads of {code} changed since the page was opened: look at it again.");
        var text = edited?.Trim() ?? essay.Proposed;
        var review = new StoredFeedbackReview
        {
            ResponseId = essay.ResponseId, Source = essay.Proposed, Feedback = text, Edited = text != essay.Proposed, Version = version,
            ReviewedBy = actor, ReviewedAt = now,
        };
        if (!await store.SaveAsync(s, review, ct))
            return (ReviewOutcome.Refused, $"Someone else reviewed {code} a moment ago: look at their review, then approve or edit it.");
        await audit.AppendAsync(s, new AuditEntry(actor, review.Edited ? "feedback.edited" : "feedback.approved", "rating-response", essay.ResponseId.ToString(),
            BeforeJson: essay.Review is { } before ? JsonSerializer.Serialize(new { feedback = before.Text, before.Edited, before.Version }) : null,
            AfterJson: JsonSerializer.Serialize(new { code, feedback = text, review.Edited, version = version + 1 })), ct);
        await s.CommitAsync(ct);
        return (ReviewOutcome.Done, null);
    }

    private async Task<IReadOnlyList<ReviewedEssay>> BuildAsync(
        DbSession s, (IReadOnlyList<FinalRead> Reads, IReadOnlyList<StoredFeedbackReview> Reviews) data, CancellationToken ct)
    {
        var rules = new Dictionary<string, EssayResolution>(StringComparer.Ordinal);
        var released = new Dictionary<long, bool>();
        var reviews = data.Reviews.ToDictionary(v => v.ResponseId);
        var essays = new List<ReviewedEssay>();
        foreach (var reads in data.Reads.GroupBy(r => r.ResponseId))
        {
            var first = reads.FirstOrDefault(r => r.ReadNo == 1);
            var second = reads.FirstOrDefault(r => r.ReadNo == 2);
            if (first is null || second is null) continue;
            var third = first.Adjudicated ? reads.FirstOrDefault(r => r.ReadNo == 3) : null;
            if (!rules.TryGetValue(first.FormId, out var rule))
            {
                var part = (await bank.GetFormAsync(s, first.FormId, ct))!.Definition.PartTwo;
                rules[first.FormId] = rule = new EssayResolution(part.Tolerance, part.Resolution);
            }
            if (!released.TryGetValue(first.AttemptId, out var isReleased))
                released[first.AttemptId] = isReleased = (await results.CurrentAsync(s, first.AttemptId, ct))?.IsReleased == true;
            var counting = rule.CountingReads(first.Total, second.Total, third?.Total)
                .Select(n => reads.First(r => r.ReadNo == n))
                .Select(r => (Read: new CountedRead(r.ReadNo, r.Total, Rating.RatingService.Scores(r.ScoresJson)), r.Feedback))
                .ToList();
            var stored = reviews.GetValueOrDefault(first.ResponseId);
            essays.Add(new ReviewedEssay(
                first.ResponseId, first.Code, first.AttemptId, first.ItemVersionId, first.RubricVersionId, first.EssaySet, first.FinalScore ?? 0,
                first.Adjudicated, counting.Select(c => c.Read).ToList(), EssayResolution.CriterionScores(counting.Select(c => c.Read.Scores).ToList()),
                CandidateFeedback.Proposed(counting.Select(c => c.Feedback)),
                stored is null ? null : new FeedbackReview(stored.Source, stored.Feedback, stored.Edited, stored.Version), stored?.ReviewedBy, isReleased));
        }
        return essays.OrderBy(e => e.Code, StringComparer.Ordinal).ToList();
    }
}
