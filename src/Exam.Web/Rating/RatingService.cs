using System.Text.Json;
using Exam.Core.Audit;
using Exam.Core.ItemBank;
using Exam.Core.Rating;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.Delivery;
using Exam.Data.ItemBank;
using Exam.Data.Rating;
using Exam.ItemBank.Rendering;
using Exam.Web.Delivery;
using Exam.Web.Results;

namespace Exam.Web.Rating;

public sealed record SetWaiting(string EssaySet, int Waiting);

public sealed record ClaimView(string Code, string EssaySet, bool Adjudication, DateTimeOffset LeaseUntil);

/// <summary>
/// A rater's queue as their page shows it. Nothing here identifies a candidate, and nothing here depends on the
/// rater's own conflicts of interest (counts are what waits in their sets, see RatingStore).
/// </summary>
public sealed record QueueView(
    IReadOnlyList<SetWaiting> Sets, IReadOnlyList<SetWaiting> Adjudication, IReadOnlyList<ClaimView> Claims, bool IsLead, bool WindowOpen);

/// <summary>What "Start next" gave: a response code, or nothing (and whether that is because no window is open).</summary>
public sealed record StartNext(string? Code, bool WindowClosed = false, bool MustQualify = false);

/// <summary>
/// An earlier read, shown only to the lead rater adjudicating when the form lets them see the earlier reads, labelled A or
/// B (never who gave it).
/// </summary>
public sealed record ReadView(string Label, IReadOnlyDictionary<string, int> Scores, int Total, string Feedback);

/// <summary>What the rating page shows: the prompt, the rubric, the essay (plain text), and this rater's work.</summary>
public sealed record RatingWork(
    string Code, string EssaySet, bool Adjudication, bool Submitted, string PromptHtml, Rubric Rubric, string RubricNotesHtml,
    string EssayText, int WordCount, IReadOnlyDictionary<string, int> Scores, string Feedback, DateTimeOffset? LeaseUntil,
    IReadOnlyList<ReadView> EarlierReads, int Tolerance, bool Lapsed = false);

/// <summary>Taken: the rater's claim lapsed and someone else has the read now (their draft must be handed back to them).</summary>
public enum RatingOutcome { Done, NotFound, NotYours, Lapsed, AlreadySubmitted, Invalid, Taken }

public sealed record RatingResult(RatingOutcome Outcome, string? Message = null, DateTimeOffset? LeaseUntil = null)
{
    public bool Ok => Outcome == RatingOutcome.Done;
}

/// <summary>
/// The raters' side of rating: queues, claims as leases, drafts, final submissions and the resolution rule of the
/// form (two reads within tolerance resolve; otherwise a lead rater reads a third time). Every step is audited.
/// </summary>
public sealed class RatingService(
    Db db, RatingStore ratings, RatingWindowStore windows, ItemBankStore bank, AnswerStore answers, ExamContent content, ItemMarkdown markdown,
    ResultRecorder results, AuditLog audit, RatingNotifier notifier, RatingOptions options, TimeProvider clock, ValidityStore validity, SeededReads seeds)
{
    public const int FeedbackMaxLength = 10_000;

    public async Task<QueueView> QueueAsync(long raterId, bool isLead, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var s = await db.OpenAsync(ct);
        var sets = await ratings.SetsAsync(s, raterId, ct);
        var waiting = (await ratings.WaitingAsync(s, raterId, false, now, ct)).ToDictionary(c => c.EssaySet, c => c.Waiting);
        var third = isLead ? (await ratings.WaitingAsync(s, raterId, true, now, ct)).ToDictionary(c => c.EssaySet, c => c.Waiting) : [];
        var window = await windows.OpenAsync(s, ct);
        // Seeded validity papers count and list exactly as live reads do: the rater cannot tell them apart.
        if (window is not null)
            foreach (var seed in await validity.SeedsWaitingAsync(s, raterId, window.Id, now, ct))
                waiting[seed.EssaySet] = waiting.GetValueOrDefault(seed.EssaySet) + seed.Waiting;
        var claims = (await ratings.ClaimsAsync(s, raterId, now, ct))
            .Select(c => (c.ClaimedAt, View: new ClaimView(c.Code, c.EssaySet, c.ReadNo == 3, c.LeaseUntil!.Value)))
            .Concat((await validity.SeedClaimsAsync(s, raterId, now, ct)).Select(c => (c.ClaimedAt, View: new ClaimView(c.Code, c.EssaySet, false, c.LeaseUntil!.Value))))
            .OrderBy(c => c.ClaimedAt).Select(c => c.View).ToList();
        return new QueueView(
            sets.Select(set => new SetWaiting(set, waiting.GetValueOrDefault(set))).ToList(),
            isLead ? sets.Select(set => new SetWaiting(set, third.GetValueOrDefault(set))).ToList() : [],
            claims, isLead, window is not null);
    }

    /// <summary>
    /// Claims the next response this rater may take, while a rating window is open: a live read (the claim rule keeps
    /// out a rater who has not qualified or is suspended, see RatingStore), or at the seeding plan's places a validity
    /// paper seeded into their queue, claimed, leased, audited and announced the same way.
    /// </summary>
    public async Task<StartNext> StartNextAsync(long raterId, string actor, bool adjudication, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        string code;
        await using (var s = await db.BeginAsync(ct: ct))
        {
            // Outside a window a rater may change their declarations at will, so they may not claim: claims are what
            // would let them see the effect of a declaration.
            if (await windows.OpenAsync(s, ct) is not { } window) return new(null, WindowClosed: true);
            var until = now + options.Lease;
            var suspended = await validity.IsSuspendedAsync(s, window.Id, raterId, ct);
            ValidityRead? seed = null;
            if (!adjudication && !suspended
                && options.Validity.Seeding.IsSeed(raterId, window.Id, await validity.ClaimOrdinalAsync(s, raterId, window.Id, window.OpenedAt, ct)))
                seed = await validity.ClaimSeedAsync(s, raterId, window.Id, now, until, ct);
            var task = seed is null ? await ratings.ClaimNextAsync(s, raterId, adjudication, now, until, ct) : null;
            if (task is null && seed is null && !adjudication && !suspended)
                seed = await validity.ClaimSeedAsync(s, raterId, window.Id, now, until, ct);
            if (task is not null)
            {
                code = task.Code;
                await audit.AppendAsync(s, new AuditEntry(actor, "rating.claimed", "rating-response", task.ResponseId.ToString(),
                    AfterJson: Json(new { read = task.ReadNo, leaseUntil = task.LeaseUntil })), ct);
            }
            else if (seed is not null)
            {
                code = seed.Code;
                await audit.AppendAsync(s, new AuditEntry(actor, "validity.seed-claimed", "validity-read", seed.Id.ToString(),
                    AfterJson: Json(new { paper = seed.PaperId, leaseUntil = seed.LeaseUntil })), ct);
            }
            else return new(null, MustQualify: suspended || await MustQualifyAsync(s, raterId, window.Id, ct));
            await s.CommitAsync(ct);
        }
        await notifier.QueueChangedAsync();
        return new(code);
    }

    // Whether one of the rater's essay sets asks for a pass they have not got in the window.
    private async Task<bool> MustQualifyAsync(DbSession s, long raterId, long windowId, CancellationToken ct)
    {
        var qualified = await validity.QualifiedSetsAsync(s, windowId, raterId, ct);
        foreach (var set in await ratings.SetsAsync(s, raterId, ct))
            if (!qualified.Contains(set) && await validity.ActiveSetAsync(s, set, ct) is not null) return true;
        return false;
    }

    /// <summary>The rater's work on the response with this code; null unless this rater holds (or submitted) a read of it.</summary>
    public async Task<RatingWork?> OpenAsync(long raterId, string code, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var task = await ratings.TaskOfRaterAsync(s, code, raterId, ct);
        if (task is null) return await seeds.OpenAsync(s, raterId, code, ct);
        // A claim that lapsed from this rater while still free: shown as it was, and saving or submitting takes it back.
        var lapsed = task.RaterId != raterId;
        if (lapsed && task.Status != RatingTaskStatus.Queued) return null;
        var response = (await ratings.ResponseAsync(s, task.ResponseId, ct))!;
        var rubric = (await ratings.RubricAsync(s, response.RubricVersionId, ct))!;
        var form = await content.GetAsync(response.FormId, ct);
        var prompt = form.PartTwoByTrack.Values.SelectMany(e => e).First(e => e.ItemVersionId == response.ItemVersionId);
        var essay = (await answers.LoadAsync(s, response.AttemptId, ct)).Essays.First(e => e.ItemVersionId == response.ItemVersionId);
        IReadOnlyList<ReadView> earlier = [];
        // The form decides whether the third read is blind to the first two; off, they never leave the server.
        if (task.ReadNo == 3 && form.Definition.PartTwo.AdjudicatorSeesReads)
        {
            earlier = (await ratings.TasksAsync(s, response.Id, ct))
                .Where(t => t.ReadNo < 3 && t.Status == RatingTaskStatus.Submitted)
                .Select(t => new ReadView(t.ReadNo == 1 ? "Rating A" : "Rating B", Scores(t.ScoresJson), t.Total ?? 0, t.Feedback ?? ""))
                .ToList();
        }
        return new RatingWork(task.Code, task.EssaySet, task.ReadNo == 3, task.Status == RatingTaskStatus.Submitted, prompt.PromptHtml,
            rubric, markdown.Render(rubric.Notes), essay.Body, essay.WordCount, Scores(task.ScoresJson), task.Feedback ?? "",
            task.Status == RatingTaskStatus.Claimed ? task.LeaseUntil : null, earlier, form.Definition.PartTwo.Tolerance, lapsed);
    }

    /// <summary>The rubric of a response whose claim lapsed from this rater and went to another: to hand back their draft.</summary>
    public async Task<Rubric?> LostRubricAsync(long raterId, string code, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var task = await ratings.TaskOfRaterAsync(s, code, raterId, ct);
        if (task is null || task.RaterId == raterId) return null;
        return await ratings.RubricAsync(s, (await ratings.ResponseAsync(s, task.ResponseId, ct))!.RubricVersionId, ct);
    }

    /// <summary>Saves the rater's scores and feedback so far and renews the lease.</summary>
    public async Task<RatingResult> SaveDraftAsync(
        long raterId, string code, IReadOnlyDictionary<string, int?> scores, string? feedback, string? actor = null, CancellationToken ct = default)
    {
        if (feedback is { Length: > FeedbackMaxLength }) return new(RatingOutcome.Invalid, $"Feedback is limited to {FeedbackMaxLength:N0} characters.");
        var now = clock.GetUtcNow();
        await using var s = await db.BeginAsync(ct: ct);
        if (await seeds.FindAsync(s, raterId, code, ct) is { } seed) return await seeds.SaveDraftAsync(s, seed, scores, feedback, ct);
        var (task, refused) = await HeldAsync(s, raterId, code, now, ct, actor);
        if (refused is not null) return refused;
        var rubric = (await ratings.RubricAsync(s, (await ratings.ResponseAsync(s, task!.ResponseId, ct))!.RubricVersionId, ct))!;
        var kept = Kept(rubric, scores);
        var until = now + options.Lease;
        if (!await ratings.SaveDraftAsync(s, task.Id, raterId, Json(kept), feedback, now, until, ct))
            return new(RatingOutcome.Lapsed, LapsedMessage);
        await s.CommitAsync(ct);
        return new(RatingOutcome.Done, LeaseUntil: until);
    }

    /// <summary>Submits the read: final for this rater. When it completes the reads needed, the response resolves.</summary>
    public async Task<RatingResult> SubmitAsync(
        long raterId, string actor, string code, IReadOnlyDictionary<string, int?> scores, string? feedback, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using (var s = await db.BeginAsync(ct: ct))
        {
            if (await seeds.FindAsync(s, raterId, code, ct) is { } seed)
            {
                var seeded = await seeds.SubmitAsync(s, seed, actor, scores, feedback, ct);
                if (!seeded.Ok) return seeded;
                await s.CommitAsync(ct);
                await notifier.QueueChangedAsync();
                return seeded;
            }
            var (task, refused) = await HeldAsync(s, raterId, code, now, ct, actor);
            if (refused is not null) return refused;
            var response = (await ratings.ResponseAsync(s, task!.ResponseId, ct))!;
            var rubric = (await ratings.RubricAsync(s, response.RubricVersionId, ct))!;
            var (given, error) = Check(rubric, scores, feedback);
            if (given is null) return new(RatingOutcome.Invalid, error);
            var total = given.Values.Sum();
            // Serialises the reads of one response, so the last of two simultaneous submissions sees the other; the
            // response is read again under the lock (its status may have moved while this one was being checked).
            await ratings.LockResponseAsync(s, response.Id, ct);
            response = (await ratings.ResponseAsync(s, response.Id, ct))!;
            if (!await ratings.SubmitAsync(s, task.Id, raterId, Json(given), feedback!.Trim(), total, now, ct))
                return new(RatingOutcome.Lapsed, LapsedMessage);
            await audit.AppendAsync(s, new AuditEntry(actor, "rating.submitted", "rating-response", response.Id.ToString(),
                AfterJson: Json(new { read = task.ReadNo, scores = given, total })), ct);
            await ResolveAsync(s, response, actor, now, ct);
            await s.CommitAsync(ct);
        }
        await notifier.QueueChangedAsync();
        return new(RatingOutcome.Done);
    }

    /// <summary>Gives the claim back to the queue; the draft is discarded.</summary>
    public async Task<RatingResult> ReleaseAsync(long raterId, string actor, string code, CancellationToken ct = default)
    {
        await using (var s = await db.BeginAsync(ct: ct))
        {
            if (await seeds.FindAsync(s, raterId, code, ct) is { } seed)
            {
                var released = await seeds.ReleaseAsync(s, seed, actor, ct);
                if (!released.Ok) return released;
                await s.CommitAsync(ct);
                await notifier.QueueChangedAsync();
                return released;
            }
            var (task, refused) = await HeldAsync(s, raterId, code, null, ct);
            if (refused is not null) return refused;
            if (!await ratings.ReleaseAsync(s, task!.Id, raterId, ct)) return new(RatingOutcome.Lapsed, LapsedMessage);
            await audit.AppendAsync(s, new AuditEntry(actor, "rating.released", "rating-response", task.ResponseId.ToString(),
                Detail: $"read {task.ReadNo} returned to the queue by the rater"), ct);
            await s.CommitAsync(ct);
        }
        await notifier.QueueChangedAsync();
        return new(RatingOutcome.Done);
    }

    /// <summary>Returns lapsed claims to the queue (the lease sweeper's tick); how many.</summary>
    public async Task<int> SweepExpiredAsync(CancellationToken ct = default)
    {
        IReadOnlyList<RatingTask> released;
        await using (var s = await db.BeginAsync(ct: ct))
        {
            released = await ratings.ReleaseExpiredAsync(s, clock.GetUtcNow(), ct);
            foreach (var t in released)
                await audit.AppendAsync(s, new AuditEntry("system", "rating.lease-expired", "rating-response", t.ResponseId.ToString(),
                    BeforeJson: Json(new { read = t.ReadNo, rater = t.RaterId, leaseUntil = t.LeaseUntil })), ct);
            await s.CommitAsync(ct);
        }
        if (released.Count > 0) await notifier.QueueChangedAsync();
        return released.Count;
    }

    /// <summary>
    /// The rating page's heartbeat: keeps the claim alive while the page is open, typing or not, and takes a lapsed
    /// claim back when the read is still free.
    /// </summary>
    public async Task<RatingResult> HeartbeatAsync(long raterId, string actor, string code, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var until = now + options.Lease;
        await using var s = await db.BeginAsync(ct: ct);
        if (await seeds.FindAsync(s, raterId, code, ct) is { } seed)
        {
            var held = await seeds.HeartbeatAsync(s, seed, ct);
            if (held.Ok) await s.CommitAsync(ct);
            return held;
        }
        var (task, refused) = await HeldAsync(s, raterId, code, now, ct, actor);
        if (refused is not null) return refused;
        if (!await ratings.RenewLeaseAsync(s, task!.Id, raterId, until, ct)) return new(RatingOutcome.Lapsed, LapsedMessage);
        await s.CommitAsync(ct);
        return new(RatingOutcome.Done, LeaseUntil: until);
    }

    /// <summary>The scores of a submission, or why it is refused: one rule for live and seeded reads alike.</summary>
    public static (Dictionary<string, int>? Given, string? Error) Check(Rubric rubric, IReadOnlyDictionary<string, int?> scores, string? feedback)
    {
        var missing = rubric.Criteria.Where(c => !scores.TryGetValue(c.Id, out var v) || v is null).Select(c => c.Title).ToList();
        if (missing.Count > 0) return (null, "Give a score for every criterion: " + string.Join("; ", missing) + ".");
        var outOfRange = rubric.Criteria.Where(c => scores[c.Id] < 0 || scores[c.Id] > c.MaxPoints).Select(c => c.Title).ToList();
        if (outOfRange.Count > 0) return (null, "A score is outside its scale: " + string.Join("; ", outOfRange) + ".");
        if (string.IsNullOrWhiteSpace(feedback)) return (null, "Write feedback for the candidate: it is required.");
        if (feedback.Length > FeedbackMaxLength) return (null, $"Feedback is limited to {FeedbackMaxLength:N0} characters.");
        return (rubric.Criteria.ToDictionary(c => c.Id, c => scores[c.Id]!.Value), null);
    }

    /// <summary>Kept drafts' criteria: the scores given so far that are on the rubric's scale.</summary>
    public static Dictionary<string, int> Kept(Rubric rubric, IReadOnlyDictionary<string, int?> scores) => rubric.Criteria
        .Where(c => scores.TryGetValue(c.Id, out var v) && v is { } n && n >= 0 && n <= c.MaxPoints)
        .ToDictionary(c => c.Id, c => scores[c.Id]!.Value);

    internal const string LapsedMessage = "Your claim on this response lapsed and it went back to the queue. Start the next one from your queue.";

    public const string TakenMessage =
        "Your claim on this response lapsed while the page was away, and another rater has taken it since. Your scores and " +
        "feedback are kept below: copy them if you want them. Nothing was submitted.";

    /// <summary>
    /// The read this rater holds. One whose claim lapsed from them is taken back when still free (when <paramref name="now"/>
    /// is given: saving, submitting, heartbeat), so lapsing loses nobody's work; when another rater has it, the answer is
    /// <see cref="RatingOutcome.Taken"/>, never "not found".
    /// </summary>
    private async Task<(RatingTask? Task, RatingResult? Refused)> HeldAsync(
        DbSession s, long raterId, string code, DateTimeOffset? now, CancellationToken ct, string? actor = null)
    {
        var task = await ratings.TaskOfRaterAsync(s, code, raterId, ct);
        if (task is null) return (null, new(RatingOutcome.NotFound, "There is no such response in your queue."));
        if (task.RaterId == raterId && task.Status == RatingTaskStatus.Submitted)
            return (null, new(RatingOutcome.AlreadySubmitted, "You have submitted this rating; it is final."));
        if (task.RaterId == raterId && task.Status == RatingTaskStatus.Claimed) return (task, null);
        if (task.LapsedFrom != raterId || now is null) return (null, new(RatingOutcome.Lapsed, LapsedMessage));
        if (!await ratings.RetakeAsync(s, task, raterId, now.Value, now.Value + options.Lease, ct))
            return (null, new(RatingOutcome.Taken, TakenMessage));
        await audit.AppendAsync(s, new AuditEntry(actor ?? "rater", "rating.claim-retaken", "rating-response", task.ResponseId.ToString(),
            AfterJson: Json(new { read = task.ReadNo, rater = raterId })), ct);
        return ((await ratings.TaskAsync(s, task.Id, ct))!, null);
    }

    private async Task ResolveAsync(DbSession s, RatingResponse response, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var tasks = await ratings.TasksAsync(s, response.Id, ct);
        var form = (await bank.GetFormAsync(s, response.FormId, ct))!.Definition;
        var rule = new EssayResolution(form.PartTwo.Tolerance, form.PartTwo.Resolution);
        var first = tasks.FirstOrDefault(t => t.ReadNo == 1 && t.Status == RatingTaskStatus.Submitted);
        var second = tasks.FirstOrDefault(t => t.ReadNo == 2 && t.Status == RatingTaskStatus.Submitted);
        var third = tasks.FirstOrDefault(t => t.ReadNo == 3 && t.Status == RatingTaskStatus.Submitted);
        if (first is null || second is null) return;
        if (response.Status == RatingResponseStatus.Rating)
        {
            switch (rule.Resolve(first.Total!.Value, second.Total!.Value))
            {
                case Resolution.Final f:
                    await FinalizeAsync(s, response, f, actor, now, new { first = first.Total, second = second.Total, rule = "mean" }, ct);
                    break;
                case Resolution.NeedsAdjudication n:
                    await ratings.AddTaskAsync(s, response.Id, 3, response.EssaySet, now, ct);
                    await ratings.SetResponseStateAsync(s, response.Id, RatingResponseStatus.Adjudication, null, false, null, ct);
                    await audit.AppendAsync(s, new AuditEntry(actor, "rating.adjudication-needed", "rating-response", response.Id.ToString(),
                        BeforeJson: Json(new { status = response.Status }),
                        AfterJson: Json(new { status = RatingResponseStatus.Adjudication, first = first.Total, second = second.Total, n.Difference, tolerance = rule.Tolerance })), ct);
                    break;
            }
        }
        else if (response.Status == RatingResponseStatus.Adjudication && third is not null)
        {
            var f = rule.ResolveWithThird(first.Total!.Value, second.Total!.Value, third.Total!.Value);
            await FinalizeAsync(s, response, f, actor, now,
                new { first = first.Total, second = second.Total, third = third.Total, rule = ItemBankCodes.Code(rule.Rule) }, ct);
        }
    }

    private async Task FinalizeAsync(DbSession s, RatingResponse response, Resolution.Final f, string actor, DateTimeOffset now, object how, CancellationToken ct)
    {
        var score = Math.Round(f.Score, 3);
        await ratings.SetResponseStateAsync(s, response.Id, RatingResponseStatus.Final, score, f.Adjudicated, now, ct);
        await audit.AppendAsync(s, new AuditEntry(actor, "rating.resolved", "rating-response", response.Id.ToString(),
            BeforeJson: Json(new { status = response.Status }),
            AfterJson: Json(new { status = RatingResponseStatus.Final, finalScore = score, f.Adjudicated, how })), ct);
        await results.RecordIfCompleteAsync(s, response.AttemptId, actor, now, ct);
    }

    public static IReadOnlyDictionary<string, int> Scores(string? json) =>
        string.IsNullOrEmpty(json) ? new Dictionary<string, int>() : JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? [];

    internal static string Json(object value) => JsonSerializer.Serialize(value);
}
