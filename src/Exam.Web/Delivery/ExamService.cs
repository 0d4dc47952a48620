using System.Security.Cryptography;
using System.Text.Json;
using Exam.Core.Accounts;
using Exam.Core.Audit;
using Exam.Core.Delivery;
using Exam.Core.Scoring;
using Exam.Data.Accounts;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.Delivery;
using Exam.Data.Proctoring;
using Exam.Data.Scheduling;
using Exam.Web.Hubs;
using Exam.Web.Proctoring;
using Exam.Web.Scoring;
using Exam.Web.Rating;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Caching.Memory;

namespace Exam.Web.Delivery;

/// <summary>
/// The candidate's exam: begin, answer, move, submit. Every answer is committed before it is acknowledged, every
/// check uses the server's clock, and every refusal says why.
/// </summary>
public sealed class ExamService(
    Db db, CandidateStore candidates, RegistrationStore registrations, SittingStore sittings, AttemptStore attempts, ExamRecordStore records,
    AnswerStore answers, ResultStore results, ExamContent content, KeyCorrections keys, AuditLog audit, TimeProvider clock, DeliveryOptions options,
    IHubContext<ExamHub, IExamClient> hub, IEnumerable<IPartTwoSubmitted> partTwoSubmitted, IMemoryCache cache, IAttemptChanges changes,
    ProctorStore proctorLog)
{
    // An attempt's id, seed and form never change (one attempt per registration): its save target can be kept.
    private static readonly MemoryCacheEntryOptions TargetKept = new() { SlidingExpiration = TimeSpan.FromHours(8), Size = 1 };

    private static readonly string[] Letters = ["A", "B", "C", "D"];

    /// <summary>The highest sequence number a page can count exactly (2^53 - 1, JavaScript's largest safe integer).</summary>
    public const long MaxSeq = (1L << 53) - 1;

    /// <summary>The window for changes made before a deadline and delivered after it.</summary>
    public TimeSpan LateWindow => options.SaveGrace;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The candidate's registration for now (the one named, else one whose sitting is open, else the newest).</summary>
    public async Task<ExamContext?> LoadAsync(long candidateId, long? registrationId = null, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        if (registrationId is { } named)
        {
            // The usual case (the sign-in named the registration): one round trip.
            if (await records.GetAsync(s, candidateId, named, ct) is not { } record) return null;
            return new ExamContext(record.Candidate, record.Registration, record.Sitting, await content.GetAsync(record.Sitting.FormId, ct), record.Attempt, record.Parts);
        }
        var candidate = await candidates.GetAsync(s, candidateId, ct);
        if (candidate is null) return null;
        var (registration, sitting) = await CurrentAsync(s, candidateId, ct);
        if (registration is null || sitting is null) return null;
        var form = await content.GetAsync(sitting.FormId, ct);
        var loaded = await attempts.GetForRegistrationAsync(s, registration.Id, ct);
        return new ExamContext(candidate, registration, sitting, form, loaded?.Attempt, loaded?.Parts ?? []);
    }

    private async Task<(Registration?, Sitting?)> CurrentAsync(DbSession s, long candidateId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        (Registration?, Sitting?) newest = (null, null);
        foreach (var r in await registrations.ForCandidateAsync(s, candidateId, ct))
        {
            var si = await sittings.GetAsync(s, r.SittingId, ct);
            if (si is null) continue;
            if (si.IsOpenAt(now)) return (r, si);
            if (newest.Item1 is null) newest = (r, si);
        }
        return newest;
    }

    /// <summary>
    /// Where this candidate's saves go: one query when the sign-in named the registration (the usual case), then kept
    /// in memory. Whether a save is still taken is decided by the guarded write, never by what is kept here.
    /// </summary>
    public async Task<SaveTarget?> SaveTargetAsync(long candidateId, long? registrationId, CancellationToken ct = default)
    {
        if (registrationId is not { } id) return (await LoadAsync(candidateId, null, ct))?.SaveTarget;
        var key = new SaveTargetKey(candidateId, id);
        if (cache.TryGetValue(key, out SaveTarget? kept)) return kept;
        SaveTarget? target;
        await using (var s = await db.OpenAsync(ct))
            target = await attempts.SaveTargetAsync(s, candidateId, id, ct);
        if (target is not null) cache.Set(key, target, TargetKept); // not before the attempt exists
        return target;
    }

    private sealed record SaveTargetKey(long CandidateId, long RegistrationId);

    /// <summary>After the rules are accepted: creates the attempt once (a double click, or a second node, changes nothing).</summary>
    public async Task<string?> BeginAsync(ExamContext ctx, string sessionId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (ctx.Attempt is not null) return null;
        if (!ctx.Sitting.IsOpenAt(now)) return "This sitting is not open now.";
        var made = await db.RetryAsync(async c =>
        {
            await using var s = await db.BeginAsync(ct: c);
            var status = ctx.Sitting.RequiresAdmission ? AttemptStatus.Waiting : AttemptStatus.InPart;
            var seed = RandomNumberGenerator.GetInt32(int.MaxValue);
            // The insert decides: when another Begin made the attempt first, this one makes nothing and says nothing.
            var created = ctx.Sitting.RequiresAdmission ? AttemptStatus.Waiting : AttemptStatus.Rules;
            if (await attempts.CreateAsync(s, ctx.Registration.Id, seed, created, sessionId, c) is not { } attemptId) return (long?)null;
            await audit.AppendAsync(s, new AuditEntry(ctx.Candidate.CandidateNumber, "attempt.started", "attempt", attemptId.ToString(),
                AfterJson: Json(new { registration = ctx.Registration.Id, status, rulesAccepted = now })), c);
            if (status == AttemptStatus.InPart) await StartPartAsync(s, ctx, attemptId, AttemptStatus.Rules, ctx.Registration.FirstPart, now, c);
            await s.CommitAsync(c);
            return attemptId;
        }, ct);
        if (made is { } madeId) changes.Changed(madeId);
        return null;
    }

    /// <summary>Between parts, the candidate starts the next one when ready (a second click starts nothing more).</summary>
    public async Task<string?> StartNextPartAsync(ExamContext ctx, CancellationToken ct = default)
    {
        if (ctx.Attempt is not { Status: AttemptStatus.BetweenParts } attempt) return null;
        var next = ctx.NextPart(attempt.CurrentPart);
        if (next is null) return "There is no further part to sit.";
        var started = await db.RetryAsync(async c =>
        {
            await using var s = await db.BeginAsync(ct: c);
            if (!await StartPartAsync(s, ctx, attempt.Id, AttemptStatus.BetweenParts, next.Value, clock.GetUtcNow(), c)) return false;
            await s.CommitAsync(c);
            return true;
        }, ct);
        if (started) changes.Changed(attempt.Id);
        return null;
    }

    /// <summary>
    /// Moves the attempt from <paramref name="from"/> into the part and starts its clock; false (nothing written) when the
    /// attempt was no longer in that status. The attempt's row is the first thing written, so the transition holds the
    /// attempt's lock before the part's row exists (the lock order, README).
    /// </summary>
    internal async Task<bool> StartPartAsync(
        DbSession s, ExamContext ctx, long attemptId, string from, int part, DateTimeOffset now, CancellationToken ct, string? admittedBy = null)
    {
        if (!await attempts.EnterPartAsync(s, attemptId, from, part, now, admittedBy, ct)) return false;
        var partClock = PartClock.Start(now, TimeSpan.FromMinutes(ctx.TimeLimitMinutes(part)), ctx.Registration.ExtraTimePercent(part));
        await attempts.StartPartAsync(s, attemptId, part, partClock, ct);
        await audit.AppendAsync(s, new AuditEntry(ctx.Candidate.CandidateNumber, "part.started", "attempt", attemptId.ToString(),
            AfterJson: Json(new { part, partClock.Deadline, extraTimePercent = ctx.Registration.ExtraTimePercent(part) })), ct);
        return true;
    }

    public async Task<SaveResult> SaveMcAsync(SaveTarget? target, string? sessionId, McSave save, CancellationToken ct = default)
    {
        if (target is null) return SaveResult.Refused(SaveError.NotFound, "There is no exam in progress.");
        var form = await content.GetAsync(target.FormId, ct);
        if (save.Position < 1 || save.Position > form.PartOne.Count || save.Slot is < 1 or > 4 || save.Seq < 1 || save.Seq > MaxSeq)
            return SaveResult.Refused(SaveError.Invalid, "That answer could not be read. Reload the page.");
        var question = form.PartOne[save.Position - 1];
        var letter = save.Slot is { } slot ? SlotOrder(target.Seed, save.Position)[slot - 1] : null;
        return await SaveAsync(target, sessionId, 1, save.Seq, save.MadeAt, (s, guard, now) =>
            answers.SaveMcAsync(s, target.AttemptId, save.Position, question.ItemVersionId, letter, save.Flagged, save.Seq, now, guard, ct), ct);
    }

    public async Task<SaveResult> SaveEssayAsync(SaveTarget? target, string? sessionId, EssaySave save, CancellationToken ct = default)
    {
        if (target is null) return SaveResult.Refused(SaveError.NotFound, "There is no exam in progress.");
        var form = await content.GetAsync(target.FormId, ct);
        var offered = form.EssaysFor(target.Track).Any(e => e.ItemVersionId == save.ItemVersionId);
        if (!offered || save.Seq < 1 || save.Seq > MaxSeq || save.Body is null || save.Body.Length > 200_000)
            return SaveResult.Refused(SaveError.Invalid, "That essay could not be read. Reload the page.");
        // Ticking an essay is checked against the others ticked, inside the save's transaction; unticking never breaks the rule.
        var choice = save.Chosen ? EssayChoices.For(form, target.Track) : null;
        string? problem = null;
        var result = await SaveAsync(target, sessionId, 2, save.Seq, save.MadeAt, async (s, guard, now) =>
        {
            if (choice is not null
                && choice.Problem([.. await answers.OtherChosenEssaysAsync(s, target.AttemptId, save.ItemVersionId, ct), save.ItemVersionId]) is { } p)
            {
                problem = p;
                return SaveOutcome.Refused;
            }
            problem = null;
            return await answers.SaveEssayAsync(s, target.AttemptId, save.ItemVersionId, save.Chosen, save.Body, WordCount(save.Body), save.Seq, now, guard, ct);
        }, ct, () => problem is null ? null : SaveResult.Refused(SaveError.Choice, problem));
        return result;
    }

    /// <summary>Why the candidate's essay choice cannot be submitted as it stands, or null (checked again at submission).</summary>
    public async Task<string?> PartTwoChoiceProblemAsync(ExamContext ctx, CancellationToken ct = default)
    {
        if (ctx.Attempt is null) return null;
        await using var s = await db.OpenAsync(ct);
        var (_, essays) = await answers.LoadAsync(s, ctx.Attempt.Id, ct);
        return EssayChoices.For(ctx.Form, ctx.Candidate.Track).Problem(essays.Where(e => e.Chosen && e.WordCount > 0).Select(e => e.ItemVersionId).ToList());
    }

    /// <summary>Remembers where the candidate is, so a resume opens the same question. Not sequenced: the last move wins.</summary>
    public async Task MoveAsync(SaveTarget? target, string? sessionId, int position, CancellationToken ct = default)
    {
        if (target is null || sessionId is null || position < 1) return;
        await using var s = await db.BeginAsync(ct: ct);
        await attempts.SavePositionAsync(s, target.AttemptId, sessionId, position, ct);
        await s.CommitAsync(ct);
    }

    /// <summary>
    /// One guarded write: the statement that saves also checks that the part runs on this session and in time, so a
    /// pause, a submission or the sweeper cannot slip in between. Only a refusal reads the attempt, to say why.
    /// </summary>
    private async Task<SaveResult> SaveAsync(
        SaveTarget target, string? sessionId, int part, long seq, DateTimeOffset? madeAt, Func<DbSession, SaveGuard, DateTimeOffset, Task<SaveOutcome>> write, CancellationToken ct,
        Func<SaveResult?>? ruleRefusal = null)
    {
        var now = clock.GetUtcNow();
        var guard = new SaveGuard(sessionId ?? "", part, PartClock.SaveCutoff(now, madeAt, options.SaveGrace), madeAt is { } m && m < now ? m : now);
        // Idempotent by its sequence number, so a deadlock victim or a failover simply saves again; a retry that finds
        // its change already applied is acknowledged only once its own commit (shared with the first, or later) returns.
        var outcome = await db.WriteAsync((s, _) => write(s, guard, now), ct);
        if (outcome != SaveOutcome.Refused)
        {
            changes.Changed(target.AttemptId); // in memory: the roster reads it with the next batch
            return new SaveResult(SaveError.None, Outcome: outcome, Seq: seq, SavedAt: now);
        }

        var refused = ruleRefusal?.Invoke() ?? await WhyRefusedAsync(target.AttemptId, sessionId, part, now, madeAt, ct);
        await using (var s = await db.BeginAsync(ct: ct))
        {
            await audit.AppendAsync(s, new AuditEntry(target.CandidateNumber, "save.rejected", "attempt", target.AttemptId.ToString(),
                Detail: $"part {part}, seq {seq}: {refused.Error}"), ct);
            await s.CommitAsync(ct);
        }
        return refused;
    }

    private async Task<SaveResult> WhyRefusedAsync(long attemptId, string? sessionId, int part, DateTimeOffset now, DateTimeOffset? madeAt, CancellationToken ct)
    {
        await using var s = await db.OpenAsync(ct);
        var (attempt, parts) = (await attempts.GetAsync(s, attemptId, ct))!.Value;
        var running = parts.FirstOrDefault(p => p.Part == part);
        if (attempt.SessionId != sessionId)
            return SaveResult.Refused(SaveError.Elsewhere, "This exam is now open on another computer. Ask your proctor.");
        if (attempt.Status == AttemptStatus.Voided)
            return SaveResult.Refused(SaveError.NotRunning, "This attempt has been ended by the proctor. Answers can no longer change.");
        if (running is { IsSubmitted: true } || attempt.Status == AttemptStatus.Submitted || (attempt.Status == AttemptStatus.BetweenParts && part == 1))
            return SaveResult.Refused(SaveError.NotRunning, "This part has been submitted. Answers can no longer change.");
        if (running is not null && !running.Clock.AcceptsSave(now, madeAt, options.SaveGrace))
            return SaveResult.Refused(SaveError.Late, running.Clock.AcceptsSave(now, running.Deadline, options.SaveGrace)
                ? "Time for this part is over. This change was made after the deadline and was not saved."
                : "Time for this part is over. This change reached the server after the deadline and was not saved.");
        return SaveResult.Refused(SaveError.NotRunning, "This part is not running now. Reload the page.");
    }

    /// <summary>
    /// Closes a part once (a second call returns the first receipt), scores Part One, and moves the attempt on.
    /// Used by the candidate, the expiry sweeper (finish time = the deadline) and the proctor.
    /// </summary>
    public async Task<Receipt?> SubmitPartAsync(long attemptId, int part, string reason, string actor, DateTimeOffset? at = null, CancellationToken ct = default)
    {
        var now = at ?? clock.GetUtcNow();
        // Idempotent: whichever of two submitters (a click and the sweeper, two nodes' sweepers) comes second, or a run
        // again after a deadlock, finds the part closed and returns the first receipt.
        var (receipt, submittedNow, logged) = await db.RetryAsync(c => SubmitOnceAsync(attemptId, part, reason, actor, now, c), ct);
        if (submittedNow)
        {
            await hub.Clients.Group(ExamHub.Group(attemptId)).PartSubmitted(part, reason); // queued, not awaited on the wire
            changes.Changed(attemptId);
            if (logged is var (sittingId, eventId)) changes.Logged(sittingId, eventId);
        }
        return receipt;
    }

    private async Task<(Receipt? Receipt, bool SubmittedNow, (long SittingId, long EventId)? Logged)> SubmitOnceAsync(
        long attemptId, int part, string reason, string actor, DateTimeOffset now, CancellationToken ct)
    {
        await using (var s = await db.BeginAsync(ct: ct))
        {
            // The attempt's row lock first: saves (their guard), proctor actions and other submitters wait here, so the
            // answers read below are all the answers there will be.
            if (await attempts.GetForUpdateAsync(s, attemptId, ct) is not var (attempt, parts)) return (null, false, null);
            var running = parts.FirstOrDefault(p => p.Part == part);
            if (running is null) return (null, false, null);
            if (running.IsSubmitted) return (await ReceiptAsync(s, attempt, running, ct), false, null);
            var registration = (await registrations.GetAsync(s, attempt.RegistrationId, ct))!;
            var code = "R-" + AccessCode.Generate();
            var next = part == 1 && registration.SitPartTwo ? AttemptStatus.BetweenParts : AttemptStatus.Submitted;
            // Both conditional; either finding its row moved means another submitter won: this one writes nothing (the
            // session rolls back) and returns the winner's receipt.
            if (await attempts.SubmitPartAsync(s, attemptId, part, now, reason, code, ct)
                && await attempts.FinishPartAsync(s, attemptId, part, next, now, reason, ct))
            {
                if (part == 1) await ScorePartOneAsync(s, attempt, registration, actor, now, ct);
                if (part == 2) foreach (var hook in partTwoSubmitted) await hook.PartTwoSubmittedAsync(s, attemptId, actor, now, ct);
                await audit.AppendAsync(s, new AuditEntry(actor, "part.submitted", "attempt", attemptId.ToString(),
                    AfterJson: Json(new { part, reason, submittedAt = now, receipt = code })), ct);
                // A submission nobody clicked goes in the sitting's proctor log too, so the console shows it happened.
                long? eventId = reason == "expired"
                    ? await proctorLog.AddEventAsync(s, new ProctorEvent
                    {
                        SittingId = registration.SittingId, AttemptId = attemptId, Kind = ProctorEventKind.AutoSubmit, Part = part,
                        Note = "time up: submitted automatically", Actor = actor, At = clock.GetUtcNow(),
                    }, ct)
                    : null;
                var receipt = await ReceiptAsync(s, attempt, running with { SubmittedAt = now, SubmitReason = reason, ReceiptCode = code }, ct);
                await s.CommitAsync(ct);
                return (receipt, true, eventId is { } e ? (registration.SittingId, e) : null);
            }
        }
        return (await ReceiptAsync(attemptId, part, ct), false, null);
    }

    public async Task<Receipt?> ReceiptAsync(long attemptId, int part, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        if (await attempts.GetAsync(s, attemptId, ct) is not var (attempt, parts)) return null;
        var p = parts.FirstOrDefault(x => x.Part == part);
        return p is { IsSubmitted: true } ? await ReceiptAsync(s, attempt, p, ct) : null;
    }

    private async Task<Receipt> ReceiptAsync(DbSession s, Attempt attempt, AttemptPart part, CancellationToken ct)
    {
        var (mc, essays) = await answers.LoadAsync(s, attempt.Id, ct);
        var registration = (await registrations.GetAsync(s, attempt.RegistrationId, ct))!;
        var sitting = (await sittings.GetAsync(s, registration.SittingId, ct))!;
        var form = await content.GetAsync(sitting.FormId, ct);
        if (part.Part == 1)
            return new Receipt(1, part.ReceiptCode!, part.SubmittedAt!.Value, part.SubmitReason!, mc.Count(a => a.OptionId is not null), form.PartOne.Count);
        var candidate = (await candidates.GetAsync(s, registration.CandidateId, ct))!;
        var chosen = essays.Count(e => e.Chosen && e.WordCount > 0);
        return new Receipt(2, part.ReceiptCode!, part.SubmittedAt!.Value, part.SubmitReason!, chosen, form.Track(candidate.Track)?.Choose ?? chosen);
    }

    private async Task ScorePartOneAsync(DbSession s, Attempt attempt, Registration registration, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var sitting = (await sittings.GetAsync(s, registration.SittingId, ct))!;
        var form = await content.GetAsync(sitting.FormId, ct);
        var key = await keys.CurrentKeyAsync(s, sitting.FormId, ct);
        var (mc, _) = await answers.LoadAsync(s, attempt.Id, ct);
        var given = mc.ToDictionary(a => ExamContent.Position(a.Position), a => a.OptionId);
        var score = McScorer.Score(key, given, form.Definition.PartOne.CutPercent);
        await results.RecordAsync(s, new McResult
        {
            AttemptId = attempt.Id,
            KeyVersion = score.KeyVersion,
            Raw = score.Raw,
            MaxScore = score.Max,
            PercentScore = score.Percent,
            Passed = score.Passed,
            DomainsJson = Json(score.Domains),
            ScoredAt = now,
        }, ct);
        await audit.AppendAsync(s, new AuditEntry(actor, "mc.scored", "attempt", attempt.Id.ToString(),
            AfterJson: Json(new { score.Raw, score.Max, score.Percent, score.Passed, score.KeyVersion })), ct);
    }

    /// <summary>Submits every running part whose deadline (plus the grace for saves in flight) has passed.</summary>
    public async Task<int> SweepExpiredAsync(CancellationToken ct = default)
    {
        IReadOnlyList<AttemptPart> expired;
        await using (var s = await db.OpenAsync(ct))
            expired = await attempts.ExpiredPartsAsync(s, clock.GetUtcNow() - options.SaveGrace, ct);
        foreach (var part in expired)
            await SubmitPartAsync(part.AttemptId, part.Part, "expired", "system", part.Deadline, ct);
        return expired.Count;
    }

    /// <param name="onBreak">The clock is stopped for the candidate's rest break (the page says so), not paused by the proctor.</param>
    public ClockMessage ClockFor(AttemptPart part, bool onBreak = false)
    {
        var now = clock.GetUtcNow();
        return new ClockMessage(part.Part, (long)part.Clock.Remaining(now).TotalMilliseconds, part.Clock.IsPaused, part.Deadline, now,
            onBreak && part.Clock.IsPaused);
    }

    /// <summary>The option letters in the order this attempt shows them at this position (slot 1 first).</summary>
    public static IReadOnlyList<string> SlotOrder(long seed, int position) => OptionOrder.Shuffle(Letters, seed, position);

    public static int WordCount(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length;

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
