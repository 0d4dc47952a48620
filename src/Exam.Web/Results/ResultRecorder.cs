using System.Text.Json;
using Exam.Core.Audit;
using Exam.Data.Accounts;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.Delivery;
using Exam.Data.ItemBank;
using Exam.Data.Rating;
using Exam.Data.Results;
using Exam.Data.Scoring;
using Exam.Data.Scheduling;
using Exam.Core.Scoring;
using Exam.Web.Delivery;

namespace Exam.Web.Results;

/// <summary>Bound from the <c>Results</c> section.</summary>
public sealed class ResultsOptions
{
    /// <summary>How long a part passed at one attempt counts towards passing at a later one (ours to choose: two years).</summary>
    public int PartPassValidDays { get; set; } = 730;
}

/// <summary>
/// Records a result on the candidate's record once every part sat at the attempt is final: Part One from its current
/// MC result, Part Two from the essays' final scores combined as the form says. A rescore or a late adjudication
/// records a new result and keeps the old one as history.
/// </summary>
public sealed class ResultRecorder(
    AttemptStore attempts, RegistrationStore registrations, SittingStore sittings, CandidateStore candidates, ItemBankStore bank,
    ResultStore mcResults, ScoringKeyStore keys, RatingStore ratings, ExamResultStore results, AuditLog audit, ResultsOptions options)
{
    /// <summary>Records (or re-records, when something changed) the attempt's result; null while a part is not final.</summary>
    public async Task<ExamResult?> RecordIfCompleteAsync(DbSession s, long attemptId, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        // The attempt's row lock first (the lock order, README): two recorders of one attempt (a rating that completes it,
        // the committee recording or releasing) take turns, and the second sees what the first recorded.
        if (await attempts.GetForUpdateAsync(s, attemptId, ct) is not var (attempt, _)) return null;
        if (await BuildAsync(s, attempt, now, ct) is not { } result) return null;
        var current = await results.CurrentAsync(s, attemptId, ct);
        if (current is not null && Same(current, result)) return current;
        var id = await results.RecordAsync(s, result, ct);
        await audit.AppendAsync(s, new AuditEntry(actor, current is null ? "result.recorded" : "result.re-recorded", "candidate", result.CandidateId.ToString(),
            BeforeJson: current is null ? null : Summary(current),
            AfterJson: Summary(result with { Id = id })), ct);
        return result with { Id = id };
    }

    /// <summary>
    /// How many of the sitting's submitted attempts are complete with a result that is not on the record yet (new, or
    /// changed by a rescore or a late rating). Reads only: a page may show it on GET.
    /// </summary>
    public async Task<int> CountPendingAsync(DbSession s, long sittingId, DateTimeOffset now, CancellationToken ct = default)
    {
        var pending = 0;
        foreach (var attemptId in await results.SubmittedAttemptsAsync(s, sittingId, ct))
        {
            if (await attempts.GetAsync(s, attemptId, ct) is not var (attempt, _)) continue;
            if (await BuildAsync(s, attempt, now, ct) is not { } would) continue;
            if (await results.CurrentAsync(s, attemptId, ct) is not { } current || !Same(current, would)) pending++;
        }
        return pending;
    }

    // The result the attempt has now, from its current MC result and final essay scores; null while a part is not final.
    private async Task<ExamResult?> BuildAsync(DbSession s, Attempt attempt, DateTimeOffset now, CancellationToken ct)
    {
        if (attempt.Status != AttemptStatus.Submitted) return null;
        var attemptId = attempt.Id;
        var registration = (await registrations.GetAsync(s, attempt.RegistrationId, ct))!;
        var sitting = (await sittings.GetAsync(s, registration.SittingId, ct))!;
        var candidate = (await candidates.GetAsync(s, registration.CandidateId, ct))!;
        var form = (await bank.GetFormAsync(s, sitting.FormId, ct))!.Definition;

        var result = new ExamResult
        {
            CandidateId = candidate.Id, AttemptId = attemptId, SittingId = sitting.Id, FormId = form.Id, RecordedAt = now,
        };
        if (registration.SitPartOne)
        {
            if (await mcResults.CurrentAsync(s, attemptId, ct) is not { } mc) return null;
            // The cut the key version carried, if the committee adopted one: the report states the mark the pass was decided on.
            var adopted = await keys.VersionAsync(s, form.Id, mc.KeyVersion, ct);
            result = result with
            {
                McResultId = mc.Id, PartOneRaw = mc.Raw, PartOneMax = mc.MaxScore, PartOnePercent = mc.PercentScore,
                PartOnePassed = mc.Passed, PartOneDomains = mc.DomainsJson, PartOneCut = form.PartOne.CutPercent,
                PartOneCutRaw = adopted?.CutRaw, PartOneCutOutOf = adopted?.CutRaw is null ? null : adopted.CutOutOf,
            };
        }
        if (registration.SitPartTwo)
        {
            var responses = await ratings.ResponsesOfAttemptAsync(s, attemptId, ct);
            if (responses.Any(r => r.Status != RatingResponseStatus.Final)) return null;
            var (_, pinned) = await bank.FormPinsAsync(s, form.Id, ct);
            var maxByRubric = new Dictionary<long, int>();
            foreach (var rubricId in pinned.Where(e => e.Track == candidate.Track).Select(e => e.RubricVersionId).Concat(responses.Select(r => r.RubricVersionId)).Distinct())
                maxByRubric[rubricId] = (await ratings.RubricAsync(s, rubricId, ct))?.MaxScore ?? 0;
            var choice = EssayChoices.For(form, candidate.Track, pinned);
            var score = EssayScorer.Score(form.PartTwo.Combine, choice.Choose,
                responses.Select(r => new RatedEssayScore(r.FinalScore ?? 0, maxByRubric[r.RubricVersionId])).ToList(),
                maxByRubric.Count == 0 ? 0 : maxByRubric.Values.Max(), form.PartTwo.CutPercent);
            result = result with
            {
                PartTwoRaw = score.Raw, PartTwoMax = score.Max, PartTwoPercent = score.Percent,
                PartTwoPassed = score.Passed, PartTwoCut = form.PartTwo.CutPercent,
            };
        }
        if (!registration.SitPartOne || !registration.SitPartTwo)
        {
            var earlier = await results.EarlierPassesAsync(s, candidate.Id, attemptId, now.AddDays(-options.PartPassValidDays), ct);
            if (!registration.SitPartOne && earlier.FirstOrDefault(e => e.PartOnePassed == true) is { } one)
                result = result with
                {
                    PartOneCarriedFrom = one.Id, PartOneRaw = one.PartOneRaw, PartOneMax = one.PartOneMax, PartOnePercent = one.PartOnePercent,
                    PartOnePassed = true, PartOneDomains = one.PartOneDomains, PartOneCut = one.PartOneCut,
                    PartOneCutRaw = one.PartOneCutRaw, PartOneCutOutOf = one.PartOneCutOutOf,
                };
            if (!registration.SitPartTwo && earlier.FirstOrDefault(e => e.PartTwoPassed == true) is { } two)
                result = result with
                {
                    PartTwoCarriedFrom = two.Id, PartTwoRaw = two.PartTwoRaw, PartTwoMax = two.PartTwoMax, PartTwoPercent = two.PartTwoPercent,
                    PartTwoPassed = true, PartTwoCut = two.PartTwoCut,
                };
        }
        return result with { OverallPassed = result.PartOnePassed == true && result.PartTwoPassed == true };
    }

    /// <summary>Records what is complete among the sitting's submitted attempts (e.g. Part One only, or after a rescore).</summary>
    public async Task<int> RecordPendingAsync(DbSession s, long sittingId, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        var recorded = 0;
        foreach (var attemptId in await results.SubmittedAttemptsAsync(s, sittingId, ct))
        {
            var before = await results.CurrentAsync(s, attemptId, ct);
            var after = await RecordIfCompleteAsync(s, attemptId, actor, now, ct);
            if (after is not null && after.Id != before?.Id) recorded++;
        }
        return recorded;
    }

    private static bool Same(ExamResult a, ExamResult b) =>
        a.McResultId == b.McResultId && a.PartOnePassed == b.PartOnePassed && a.PartTwoRaw == b.PartTwoRaw && a.PartTwoMax == b.PartTwoMax
        && a.PartOneCarriedFrom == b.PartOneCarriedFrom && a.PartTwoCarriedFrom == b.PartTwoCarriedFrom && a.OverallPassed == b.OverallPassed;

    private static string Summary(ExamResult r) => JsonSerializer.Serialize(new
    {
        result = r.Id, attempt = r.AttemptId, form = r.FormId,
        partOne = new { raw = r.PartOneRaw, max = r.PartOneMax, percent = r.PartOnePercent, passed = r.PartOnePassed, carriedFrom = r.PartOneCarriedFrom },
        partTwo = new { raw = r.PartTwoRaw, max = r.PartTwoMax, percent = r.PartTwoPercent, passed = r.PartTwoPassed, carriedFrom = r.PartTwoCarriedFrom },
        overall = r.OverallPassed,
    });
}
