using Exam.Core.Audit;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.Rating;
using Exam.ItemBank.Rendering;
using Exam.Web.Delivery;

namespace Exam.Web.Rating;

/// <summary>
/// A validity paper seeded into a rater's live queue, as the rating page works with it: the same page, code shape,
/// lease, drafts, checks and messages as a live read, so nothing tells the rater which it is. A seed belongs to one
/// rater only, so a lapsed lease is simply renewed. Its scores go to validity_reads and never to a result.
/// </summary>
public sealed class SeededReads(
    ValidityStore validity, RatingStore ratings, ExamContent content, ItemMarkdown markdown, AuditLog audit, RatingOptions options, TimeProvider clock)
{
    /// <summary>The rater's seed with this code, claimed or submitted; null for a live code, another's, or one they released.</summary>
    public async Task<ValidityRead?> FindAsync(DbSession s, long raterId, string code, CancellationToken ct) =>
        await validity.ReadAsync(s, code, raterId, ct) is { Kind: ValidityReadKind.Seed } r && r.Status != RatingTaskStatus.Queued ? r : null;

    public async Task<RatingWork?> OpenAsync(DbSession s, long raterId, string code, CancellationToken ct)
    {
        if (await FindAsync(s, raterId, code, ct) is not { } read) return null;
        var paper = (await validity.PaperAsync(s, read.PaperId, ct))!;
        var rubric = (await ratings.RubricAsync(s, paper.RubricVersionId, ct))!;
        var form = await content.GetAsync(paper.FormId, ct);
        var prompt = form.PartTwoByTrack.Values.SelectMany(e => e).First(e => e.ItemVersionId == paper.ItemVersionId);
        var claimed = read.Status == RatingTaskStatus.Claimed;
        return new RatingWork(read.Code, read.EssaySet, false, read.Status == RatingTaskStatus.Submitted, prompt.PromptHtml, rubric,
            markdown.Render(rubric.Notes), paper.EssayText, ExamService.WordCount(paper.EssayText), RatingService.Scores(read.ScoresJson),
            read.Feedback ?? "", claimed ? read.LeaseUntil : null, [], form.Definition.PartTwo.Tolerance,
            Lapsed: claimed && read.LeaseUntil < clock.GetUtcNow());
    }

    public async Task<RatingResult> SaveDraftAsync(DbSession s, ValidityRead read, IReadOnlyDictionary<string, int?> scores, string? feedback, CancellationToken ct)
    {
        if (read.Status == RatingTaskStatus.Submitted) return new(RatingOutcome.AlreadySubmitted, "You have submitted this rating; it is final.");
        var rubric = await RubricAsync(s, read, ct);
        var now = clock.GetUtcNow();
        var until = now + options.Lease;
        if (!await validity.SaveDraftAsync(s, read.Id, read.RaterId, RatingService.Json(RatingService.Kept(rubric, scores)), feedback, now, until, ct))
            return new(RatingOutcome.Lapsed, RatingService.LapsedMessage);
        await s.CommitAsync(ct);
        return new(RatingOutcome.Done, LeaseUntil: until);
    }

    public async Task<RatingResult> HeartbeatAsync(DbSession s, ValidityRead read, CancellationToken ct)
    {
        if (read.Status == RatingTaskStatus.Submitted) return new(RatingOutcome.AlreadySubmitted, "You have submitted this rating; it is final.");
        var until = clock.GetUtcNow() + options.Lease;
        return await validity.RenewAsync(s, read.Id, read.RaterId, until, ct)
            ? new(RatingOutcome.Done, LeaseUntil: until) : new(RatingOutcome.Lapsed, RatingService.LapsedMessage);
    }

    public async Task<RatingResult> SubmitAsync(
        DbSession s, ValidityRead read, string actor, IReadOnlyDictionary<string, int?> scores, string? feedback, CancellationToken ct)
    {
        if (read.Status == RatingTaskStatus.Submitted) return new(RatingOutcome.AlreadySubmitted, "You have submitted this rating; it is final.");
        var (given, error) = RatingService.Check(await RubricAsync(s, read, ct), scores, feedback);
        if (given is null) return new(RatingOutcome.Invalid, error);
        var total = given.Values.Sum();
        if (!await validity.SubmitAsync(s, read.Id, read.RaterId, RatingTaskStatus.Claimed, RatingService.Json(given), feedback!.Trim(), total, clock.GetUtcNow(), ct))
            return new(RatingOutcome.Lapsed, RatingService.LapsedMessage);
        await audit.AppendAsync(s, new AuditEntry(actor, "validity.seed-submitted", "validity-read", read.Id.ToString(),
            AfterJson: RatingService.Json(new { paper = read.PaperId, version = read.PaperVersion, scores = given, total })), ct);
        return new(RatingOutcome.Done);
    }

    public async Task<RatingResult> ReleaseAsync(DbSession s, ValidityRead read, string actor, CancellationToken ct)
    {
        if (!await validity.ReleaseAsync(s, read.Id, read.RaterId, ct)) return new(RatingOutcome.Lapsed, RatingService.LapsedMessage);
        await audit.AppendAsync(s, new AuditEntry(actor, "validity.seed-released", "validity-read", read.Id.ToString(),
            Detail: "returned to the rater's queue by the rater"), ct);
        return new(RatingOutcome.Done);
    }

    private async Task<Exam.Core.ItemBank.Rubric> RubricAsync(DbSession s, ValidityRead read, CancellationToken ct) =>
        (await ratings.RubricAsync(s, (await validity.PaperAsync(s, read.PaperId, ct))!.RubricVersionId, ct))!;
}
