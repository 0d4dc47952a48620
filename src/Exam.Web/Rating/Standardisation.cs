using System.Security.Cryptography;
using Exam.Core;
using Exam.Core.Audit;
using Exam.Core.ItemBank;
using Exam.Core.Rating;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.Delivery;
using Exam.Data.ItemBank;
using Exam.Data.Rating;
using Exam.Web.Delivery;

namespace Exam.Web.Rating;

/// <summary>What the committee or a lead enters for a validity paper: a response code of an earlier sitting, or a form's prompt and an exemplar.</summary>
public sealed record PaperDraft(
    string? Title, string? ResponseCode, string? FormId, long? ItemVersionId, string? EssayText, IReadOnlyDictionary<string, int?> Scores, string? Rationale);

public sealed record QualificationReadView(string Code, bool Submitted);

public sealed record SetStanding(string EssaySet, QualificationSet? Set, bool Qualified, QualificationAttempt? Open, IReadOnlyList<QualificationReadView> Reads,
    QualificationAttempt? Last);

public sealed record QualificationOverview(bool WindowOpen, bool Suspended, IReadOnlyList<SetStanding> Sets);

/// <summary>A practice paper as the rater sees it: the agreed scores and rationale only once they have submitted.</summary>
public sealed record PracticePaper(
    string Code, string EssaySet, string PromptHtml, Rubric Rubric, string EssayText, bool Submitted,
    IReadOnlyDictionary<string, int> Given, IReadOnlyDictionary<string, int>? Agreed, string? Rationale);

public sealed record RaterAccuracy(long RaterId, string Name, AccuracySummary Summary, int Seeded, IReadOnlyList<string> Flags, string? QualifiedSets, bool Suspended);

/// <summary>
/// Standardisation: validity papers and qualification sets (committee and leads), the rater's qualification in the open
/// window (a pass allots their seeded papers), accuracy on validity papers, and suspension. Every change is audited.
/// </summary>
public sealed class Standardisation(
    Db db, ValidityStore validity, RatingStore ratings, RatingWindowStore windows, ItemBankStore bank, AnswerStore answers,
    ExamContent content, AuditLog audit, RatingOptions options, TimeProvider clock)
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    // ---- papers and sets (committee, leads)

    public async Task<(IReadOnlyList<ValidityPaper> Papers, IReadOnlyList<QualificationSet> Sets)> CatalogueAsync(CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        return (await validity.PapersAsync(s, ct), await validity.SetsAsync(s, ct));
    }

    /// <summary>The prompts a validity paper may be written for: every essay pinned on a form, with its rubric.</summary>
    public async Task<IReadOnlyList<(string FormId, DeliveredEssay Essay, Rubric Rubric)>> PromptsAsync(CancellationToken ct = default)
    {
        var list = new List<(string, DeliveredEssay, Rubric)>();
        await using var s = await db.OpenAsync(ct);
        foreach (var form in await bank.ListFormsAsync(s, ct))
        {
            var (_, pins) = await bank.FormPinsAsync(s, form.Id, ct);
            if (pins.Count == 0) continue;
            var delivered = await content.GetAsync(form.Id, ct);
            foreach (var pin in pins.DistinctBy(p => p.ItemVersionId))
                if (delivered.PartTwoByTrack.Values.SelectMany(e => e).FirstOrDefault(e => e.ItemVersionId == pin.ItemVersionId) is { } essay
                    && await ratings.RubricAsync(s, pin.RubricVersionId, ct) is { } rubric)
                    list.Add((form.Id, essay, rubric));
        }
        return list;
    }

    public async Task<(ValidityPaper? Paper, IReadOnlyList<ValidityPaperVersion> Versions, Rubric? Rubric, string? PromptHtml)> PaperAsync(long id, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        if (await validity.PaperAsync(s, id, ct) is not { } paper) return (null, [], null, null);
        var form = await content.GetAsync(paper.FormId, ct);
        var prompt = form.PartTwoByTrack.Values.SelectMany(e => e).First(e => e.ItemVersionId == paper.ItemVersionId).PromptHtml;
        return (paper, await validity.VersionsAsync(s, id, ct), await ratings.RubricAsync(s, paper.RubricVersionId, ct), prompt);
    }

    /// <summary>Makes a validity paper; its id, or why not (a clear message for the form).</summary>
    public async Task<(long? Id, string? Error)> CreatePaperAsync(PaperDraft d, string actor, CancellationToken ct = default)
    {
        var title = d.Title?.Trim() ?? "";
        if (title.Length == 0 || title.Length > FieldLimits.ValidityTitle) return (null, $"Give the paper a title of up to {FieldLimits.ValidityTitle} characters.");
        var now = clock.GetUtcNow();
        await using var s = await db.BeginAsync(ct: ct);
        ValidityPaper paper;
        if (!string.IsNullOrWhiteSpace(d.ResponseCode))
        {
            // From an earlier sitting: the essay is copied; raters will meet it under new codes, never this one.
            if (await ratings.ResponseByCodeAsync(s, d.ResponseCode.Trim().ToUpperInvariant(), ct) is not { Status: RatingResponseStatus.Final } response)
                return (null, "There is no finally scored response with that code.");
            var essay = (await answers.LoadAsync(s, response.AttemptId, ct)).Essays.First(e => e.ItemVersionId == response.ItemVersionId);
            paper = new ValidityPaper
            {
                Origin = ValidityOrigin.Sitting, SourceResponseId = response.Id, FormId = response.FormId, ItemVersionId = response.ItemVersionId,
                RubricVersionId = response.RubricVersionId, EssaySet = response.EssaySet, EssayText = essay.Body,
            };
        }
        else
        {
            if (d.FormId is null || d.ItemVersionId is null) return (null, "Choose a prompt, or give the code of a response from an earlier sitting.");
            var (_, pins) = await bank.FormPinsAsync(s, d.FormId, ct);
            if (pins.FirstOrDefault(p => p.ItemVersionId == d.ItemVersionId) is not { } pin) return (null, "That prompt is not on that form.");
            var text = d.EssayText?.Trim() ?? "";
            if (text.Length == 0) return (null, "Write the exemplar essay.");
            paper = new ValidityPaper
            {
                Origin = ValidityOrigin.Exemplar, FormId = d.FormId, ItemVersionId = pin.ItemVersionId, RubricVersionId = pin.RubricVersionId,
                EssaySet = pin.EssaySet, EssayText = text,
            };
        }
        var rubric = (await ratings.RubricAsync(s, paper.RubricVersionId, ct))!;
        var (agreed, error) = Agreed(rubric, d.Scores, d.Rationale);
        if (agreed is null) return (null, error);
        paper = paper with
        {
            Title = title, ScoresJson = RatingService.Json(agreed), Total = agreed.Values.Sum(), Rationale = d.Rationale!.Trim(), CreatedBy = actor, CreatedAt = now,
        };
        var id = await validity.CreatePaperAsync(s, paper, ct);
        await audit.AppendAsync(s, new AuditEntry(actor, "validity.paper-created", "validity-paper", id.ToString(),
            AfterJson: RatingService.Json(new { paper.Title, paper.Origin, paper.SourceResponseId, paper.FormId, paper.ItemVersionId, scores = agreed, paper.Rationale, version = 1 })), ct);
        await s.CommitAsync(ct);
        return (id, null);
    }

    /// <summary>Saves new agreed scores and rationale as the paper's next version; null, or why not.</summary>
    public async Task<string?> ReviseAsync(long id, int expectedVersion, IReadOnlyDictionary<string, int?> scores, string? rationale, string actor, CancellationToken ct = default)
    {
        await using var s = await db.BeginAsync(ct: ct);
        if (await validity.PaperAsync(s, id, ct) is not { } paper) return "There is no such paper.";
        var (agreed, error) = Agreed((await ratings.RubricAsync(s, paper.RubricVersionId, ct))!, scores, rationale);
        if (agreed is null) return error;
        if (!await validity.ReviseAsync(s, id, expectedVersion, RatingService.Json(agreed), agreed.Values.Sum(), rationale!.Trim(), actor, clock.GetUtcNow(), ct))
            return "Someone saved a newer version of this paper meanwhile: reload it and check before saving.";
        await audit.AppendAsync(s, new AuditEntry(actor, "validity.paper-revised", "validity-paper", id.ToString(),
            BeforeJson: RatingService.Json(new { version = paper.Version, scores = RatingService.Scores(paper.ScoresJson), paper.Rationale }),
            AfterJson: RatingService.Json(new { version = expectedVersion + 1, scores = agreed, rationale = rationale.Trim() })), ct);
        await s.CommitAsync(ct);
        return null;
    }

    /// <summary>Makes the active qualification set of an essay set; its id, or why not.</summary>
    public async Task<(long? Id, string? Error)> CreateSetAsync(string? essaySet, string? title, IReadOnlyList<long> paperIds, string actor, CancellationToken ct = default)
    {
        title = title?.Trim() ?? "";
        if (title.Length == 0 || title.Length > FieldLimits.ValidityTitle) return (null, $"Give the set a title of up to {FieldLimits.ValidityTitle} characters.");
        if (essaySet is null || !RaterProfiles.AllSets.Contains(essaySet)) return (null, "Choose an essay set.");
        var ids = paperIds.Distinct().ToList();
        if (options.Validity.Qualification.SetProblem(ids.Count) is { } problem) return (null, problem);
        await using var s = await db.BeginAsync(ct: ct);
        foreach (var id in ids)
            if (await validity.PaperAsync(s, id, ct) is not { } p || p.EssaySet != essaySet) return (null, "Every paper of the set must be a validity paper of that essay set.");
        var setId = await validity.CreateSetAsync(s, essaySet, title, ids, actor, clock.GetUtcNow(), ct);
        await audit.AppendAsync(s, new AuditEntry(actor, "validity.set-created", "qualification-set", setId.ToString(),
            AfterJson: RatingService.Json(new { essaySet, title, papers = ids, active = true })), ct);
        await s.CommitAsync(ct);
        return (setId, null);
    }

    private static (Dictionary<string, int>? Agreed, string? Error) Agreed(Rubric rubric, IReadOnlyDictionary<string, int?> scores, string? rationale)
    {
        var (given, error) = RatingService.Check(rubric, scores, "-");
        if (given is null) return (null, error);
        if (string.IsNullOrWhiteSpace(rationale) || rationale.Trim().Length > FieldLimits.ValidityRationale)
            return (null, $"Write the rationale for the agreed scores (up to {FieldLimits.ValidityRationale:N0} characters).");
        return (given, null);
    }

    // ---- the rater's qualification

    public async Task<QualificationOverview> OverviewAsync(long raterId, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        if (await windows.OpenAsync(s, ct) is not { } window) return new(false, false, []);
        var qualified = await validity.QualifiedSetsAsync(s, window.Id, raterId, ct);
        var attempts = await validity.AttemptsAsync(s, raterId, window.Id, ct);
        var sets = new List<SetStanding>();
        foreach (var essaySet in await ratings.SetsAsync(s, raterId, ct))
        {
            var set = await validity.ActiveSetAsync(s, essaySet, ct);
            var open = set is null ? null : attempts.FirstOrDefault(a => a.SetId == set.Id && a.Status == QualificationStatus.Open);
            var reads = open is null ? [] : (await validity.ReadsOfAttemptAsync(s, open.Id, ct))
                .Select(r => new QualificationReadView(r.Code, r.Status == RatingTaskStatus.Submitted)).ToList();
            var last = set is null ? null : attempts.FirstOrDefault(a => a.SetId == set.Id && a.Status != QualificationStatus.Open);
            sets.Add(new SetStanding(essaySet, set, qualified.Contains(essaySet), open, reads, last));
        }
        return new(true, await validity.IsSuspendedAsync(s, window.Id, raterId, ct), sets);
    }

    /// <summary>Starts (or resumes) a qualification attempt in the essay set; null, or why not.</summary>
    public async Task<string?> StartAsync(long raterId, string essaySet, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var s = await db.BeginAsync(ct: ct);
        if (await windows.OpenAsync(s, ct) is not { } window) return "No rating window is open: qualification happens in a window.";
        if (!(await ratings.SetsAsync(s, raterId, ct)).Contains(essaySet)) return "You are not assigned to that essay set.";
        if (await validity.ActiveSetAsync(s, essaySet, ct) is not { } set) return "That essay set has no qualification set.";
        if (await validity.StartAttemptAsync(s, set.Id, window.Id, raterId, now, ct) is not { } attemptId) return null; // one is open already
        foreach (var paper in await validity.PapersOfSetAsync(s, set.Id, ct))
            await validity.AddReadAsync(s, new ValidityRead
            {
                Code = "Q-" + RandomNumberGenerator.GetString(Alphabet, 8), Kind = ValidityReadKind.Qualification, PaperId = paper.Id,
                PaperVersion = paper.Version, RaterId = raterId, WindowId = window.Id, AttemptId = attemptId, EssaySet = essaySet,
            }, now, ct);
        await audit.AppendAsync(s, new AuditEntry(actor, "validity.qualification-started", "qualification-attempt", attemptId.ToString(),
            AfterJson: RatingService.Json(new { set = set.Id, essaySet, window = window.Id })), ct);
        await s.CommitAsync(ct);
        return null;
    }

    public async Task<PracticePaper?> PracticeAsync(long raterId, string code, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        if (await validity.ReadAsync(s, code, raterId, ct) is not { Kind: ValidityReadKind.Qualification } read) return null;
        var paper = (await validity.PaperAsync(s, read.PaperId, ct))!;
        var rubric = (await ratings.RubricAsync(s, paper.RubricVersionId, ct))!;
        var form = await content.GetAsync(paper.FormId, ct);
        var prompt = form.PartTwoByTrack.Values.SelectMany(e => e).First(e => e.ItemVersionId == paper.ItemVersionId).PromptHtml;
        var submitted = read.Status == RatingTaskStatus.Submitted;
        // The agreed scores and rationale reach the rater only after their own scores are in.
        return new PracticePaper(read.Code, read.EssaySet, prompt, rubric, paper.EssayText, submitted, RatingService.Scores(read.ScoresJson),
            submitted ? RatingService.Scores(paper.ScoresJson) : null, submitted ? paper.Rationale : null);
    }

    /// <summary>Submits a practice paper; when it is the attempt's last, the attempt passes or fails. Null, or why refused.</summary>
    public async Task<string?> SubmitPracticeAsync(long raterId, string code, IReadOnlyDictionary<string, int?> scores, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var s = await db.BeginAsync(ct: ct);
        if (await validity.ReadAsync(s, code, raterId, ct) is not { Kind: ValidityReadKind.Qualification, AttemptId: { } attemptId } read) return "There is no such practice paper.";
        if (read.Status == RatingTaskStatus.Submitted) return "You have submitted this paper.";
        if (await validity.AttemptAsync(s, attemptId, ct) is not { Status: QualificationStatus.Open } attempt) return "This qualification attempt has ended.";
        var paper = (await validity.PaperAsync(s, read.PaperId, ct))!;
        var (given, error) = RatingService.Check((await ratings.RubricAsync(s, paper.RubricVersionId, ct))!, scores, "-");
        if (given is null) return error;
        if (!await validity.SubmitAsync(s, read.Id, raterId, RatingTaskStatus.Queued, RatingService.Json(given), "", given.Values.Sum(), now, ct))
            return "You have submitted this paper.";
        await audit.AppendAsync(s, new AuditEntry(actor, "validity.practice-submitted", "validity-read", read.Id.ToString(),
            AfterJson: RatingService.Json(new { paper = paper.Id, version = paper.Version, scores = given })), ct);
        var reads = await validity.ReadsOfAttemptAsync(s, attemptId, ct);
        if (reads.All(r => r.Status == RatingTaskStatus.Submitted)) await FinishAsync(s, attempt, reads, actor, now, ct);
        await s.CommitAsync(ct);
        return null;
    }

    private async Task FinishAsync(DbSession s, QualificationAttempt attempt, IReadOnlyList<ValidityRead> reads, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var rated = new List<ValidityRating>();
        foreach (var r in reads)
            rated.Add(new ValidityRating(RatingService.Scores(r.ScoresJson), RatingService.Scores((await validity.PaperAsync(s, r.PaperId, ct))!.ScoresJson)));
        var outcome = options.Validity.Qualification.Evaluate(rated);
        if (!await validity.FinishAttemptAsync(s, attempt.Id, outcome.Passed ? QualificationStatus.Passed : QualificationStatus.Failed, outcome.Within, now, ct)) return;
        var essaySet = reads[0].EssaySet;
        var seeded = 0;
        if (outcome.Passed)
        {
            await validity.QualifyAsync(s, attempt.WindowId, attempt.RaterId, essaySet, attempt.Id, now, ct);
            if (await validity.LiftSuspensionAsync(s, attempt.WindowId, attempt.RaterId, actor + " (requalified)", now, ct))
                await audit.AppendAsync(s, new AuditEntry(actor, "validity.suspension-lifted", "staff-user", attempt.RaterId.ToString(), Detail: "requalified"), ct);
            seeded = await AllotSeedsAsync(s, attempt.RaterId, attempt.WindowId, essaySet, now, ct);
        }
        await audit.AppendAsync(s, new AuditEntry(actor, outcome.Passed ? "validity.qualified" : "validity.qualification-failed", "qualification-attempt",
            attempt.Id.ToString(), AfterJson: RatingService.Json(new { essaySet, outcome.Within, outcome.Rated, outcome.Required, outcome.Tolerance, seeded })), ct);
    }

    // Seeds for what waits for the rater now, about one in SeedOneIn, from papers they have not met in the window. They
    // join the rater's counts here, at the pass, and never on a claim, so no claim shows a count that fails to fall.
    private async Task<int> AllotSeedsAsync(DbSession s, long raterId, long windowId, string essaySet, DateTimeOffset now, CancellationToken ct)
    {
        var live = (await ratings.WaitingAsync(s, raterId, false, now, ct)).FirstOrDefault(c => c.EssaySet == essaySet)?.Waiting ?? 0;
        var papers = await validity.UnseenPapersAsync(s, essaySet, raterId, windowId, ct);
        var count = Math.Min(papers.Count, options.Validity.Seeding.SeedsFor(live));
        foreach (var paper in papers.Take(count))
            await validity.AddReadAsync(s, new ValidityRead
            {
                Code = RatingIntake.NewCode(), Kind = ValidityReadKind.Seed, PaperId = paper.Id, PaperVersion = paper.Version, RaterId = raterId,
                WindowId = windowId, EssaySet = essaySet,
            }, now, ct);
        return count;
    }

    // ---- monitoring and suspension (leads)

    public async Task<IReadOnlyList<RaterAccuracy>> AccuracyAsync(CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var raters = await ratings.RatersAsync(s, ct);
        var reads = (await validity.SubmittedReadsAsync(s, ct)).ToLookup(r => r.RaterId);
        var window = await windows.OpenAsync(s, ct);
        var states = window is null ? new Dictionary<long, RaterWindowState>() : await validity.WindowStatesAsync(s, window.Id, ct);
        var drift = options.Validity.Drift;
        return raters.Select(r =>
        {
            var mine = reads[r.Id].ToList();
            var summary = ValidityAccuracy.Summarize(mine.Select(x => new ValidityRating(RatingService.Scores(x.ScoresJson), RatingService.Scores(x.AgreedJson))).ToList());
            var state = states.GetValueOrDefault(r.Id);
            return new RaterAccuracy(r.Id, r.DisplayName, summary, mine.Count(x => x.Kind == ValidityReadKind.Seed), drift.Flags(summary), state?.QualifiedSets, state?.Suspended ?? false);
        }).ToList();
    }

    /// <summary>Suspends a rater from live rating in the open window until they requalify; null, or why not.</summary>
    public async Task<string?> SuspendAsync(long raterId, string? reason, string actor, CancellationToken ct = default)
    {
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0 || reason.Length > FieldLimits.SuspensionReason) return $"Give a reason of up to {FieldLimits.SuspensionReason} characters.";
        await using var s = await db.BeginAsync(ct: ct);
        if (await windows.OpenAsync(s, ct) is not { } window) return "No rating window is open.";
        if (!(await ratings.RatersAsync(s, ct)).Any(r => r.Id == raterId)) return "There is no such rater.";
        if (!await validity.SuspendAsync(s, window.Id, raterId, reason, actor, clock.GetUtcNow(), ct)) return "That rater is suspended already.";
        await audit.AppendAsync(s, new AuditEntry(actor, "validity.rater-suspended", "staff-user", raterId.ToString(),
            AfterJson: RatingService.Json(new { window = window.Id, reason })), ct);
        await s.CommitAsync(ct);
        return null;
    }
}
