using System.Globalization;
using System.Text;
using System.Text.Json;
using Exam.Core.Audit;
using Exam.Core.Blueprint;
using Exam.Core.Scoring;
using Exam.Data.Accounts;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.Rating;
using Exam.Data.Results;
using Exam.Data.Scheduling;
using Exam.Web.Delivery;

namespace Exam.Web.Results;

/// <summary>A domain subscore as reported: the items it rests on, and a verdict only when they are enough (<see cref="DomainVerdicts"/>).</summary>
public sealed record DomainLine(string Domain, string Name, int Raw, int Items, decimal Percent, DomainVerdict Verdict);

/// <summary>A rubric criterion's score on the report: the mean over the reads that count.</summary>
public sealed record CriterionLine(string Title, decimal Score, int Max);

/// <summary>
/// One essay on the score report: its final score and each rubric criterion's (null while not final), and its
/// feedback (null while it waits for review). Nothing about who read it or how many times.
/// </summary>
public sealed record EssayReport(
    string EssaySet, string PromptHtml, decimal? Score, int Max, IReadOnlyList<CriterionLine> Criteria, IReadOnlyList<string>? Feedback);

/// <summary>
/// The candidate's score report, naming the candidate (it is printed): no rater identity, scores and feedback per essay.
/// Revised: the result replaced an earlier released one (a key correction or re-rating after release), and says so with
/// its release date.
/// </summary>
public sealed record ScoreReport(
    ExamResult Result, string CandidateNumber, string CandidateName, string FormTitle, string SittingTitle,
    IReadOnlyList<DomainLine> Domains, IReadOnlyList<EssayReport> Essays, bool Revised = false);

/// <summary>
/// A sitting's recorded results, how many complete attempts wait to be recorded (new or changed), and how many essays'
/// feedback waits for review.
/// </summary>
public sealed record SittingResults(Sitting Sitting, IReadOnlyList<ResultRow> Rows, int Submitted, int Pending, int ChangedAfterRelease, int FeedbackHeld);

/// <summary>What a release did: how many results it released, or (nothing released) how many essays' feedback it waits for.</summary>
public sealed record ReleaseOutcome(int Released, int FeedbackHeld);

/// <summary>Reading results for the committee, coordinators and candidates, and the committee's release.</summary>
public sealed class ResultService(
    Db db, ExamResultStore results, CandidateStore candidates, SittingStore sittings, RatingStore ratings, ExamContent content, ResultRecorder recorder,
    AuditLog audit, TimeProvider clock, Committee.BankBlueprintSource blueprints, FeedbackReviews feedback)
{
    /// <summary>The sitting's recorded results and how many wait to be recorded. Reads only (a GET never writes).</summary>
    public async Task<SittingResults?> ForSittingAsync(long sittingId, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        if (await sittings.GetAsync(s, sittingId, ct) is not { } sitting) return null;
        var rows = await results.ForSittingAsync(s, sittingId, ct);
        return new SittingResults(sitting, rows, (await results.SubmittedAttemptsAsync(s, sittingId, ct)).Count,
            await recorder.CountPendingAsync(s, sittingId, clock.GetUtcNow(), ct), await results.ChangedAfterReleaseAsync(s, sittingId, ct),
            await feedback.HeldAsync(s, sittingId, ct: ct));
    }

    /// <summary>Records whatever became complete or changed among the sitting's attempts (audited per result); how many.</summary>
    public async Task<int> RecordAsync(long sittingId, string actor, CancellationToken ct = default)
    {
        await using var s = await db.BeginAsync(ct: ct);
        var recorded = await recorder.RecordPendingAsync(s, sittingId, actor, clock.GetUtcNow(), ct);
        await s.CommitAsync(ct);
        return recorded;
    }

    public async Task<IReadOnlyList<(Sitting Sitting, int Recorded, int Released)>> SittingsAsync(CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var counts = await results.SittingCountsAsync(s, ct);
        return (await sittings.ListAsync(s, ct))
            .Select(x => (x, counts.TryGetValue(x.Id, out var c) ? c.Recorded : 0, counts.TryGetValue(x.Id, out var d) ? d.Released : 0))
            .ToList();
    }

    /// <summary>
    /// Releases the sitting's recorded results in one audited step, unless an essay of a result to release still holds
    /// its feedback back for review (then nothing is released).
    /// </summary>
    public async Task<ReleaseOutcome> ReleaseAsync(long sittingId, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var s = await db.BeginAsync(ct: ct);
        await recorder.RecordPendingAsync(s, sittingId, actor, now, ct);
        var toRelease = (await results.ForSittingAsync(s, sittingId, ct)).Where(r => !r.Result.IsReleased).Select(r => r.Result.AttemptId).ToHashSet();
        if (await feedback.HeldAsync(s, sittingId, toRelease, ct) is > 0 and var held) return new(0, held);
        var released = await results.ReleaseAsync(s, sittingId, actor, now, ct);
        await audit.AppendAsync(s, new AuditEntry(actor, "results.released", "sitting", sittingId.ToString(),
            AfterJson: JsonSerializer.Serialize(new { released, at = now })), ct);
        await s.CommitAsync(ct);
        return new(released, 0);
    }

    public async Task<IReadOnlyList<ExamResult>> HistoryAsync(long candidateId, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        return await results.HistoryAsync(s, candidateId, ct);
    }

    /// <summary>
    /// The candidate's score reports, newest first: per attempt, the newest released result. A result changed after
    /// release is not shown until the committee releases it; until then the candidate keeps the report they had.
    /// </summary>
    public async Task<IReadOnlyList<ScoreReport>> ReportsForCandidateAsync(long candidateId, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var reports = new List<ScoreReport>();
        if (await candidates.GetAsync(s, candidateId, ct) is not { } candidate) return reports;
        var history = await results.HistoryAsync(s, candidateId, ct);
        var shown = history.Where(r => r.IsReleased).GroupBy(r => r.AttemptId).Select(g => g.MaxBy(r => r.Id)!).OrderByDescending(r => r.Id);
        foreach (var r in shown)
        {
            var revised = history.Any(e => e.AttemptId == r.AttemptId && e.Id < r.Id && e.IsReleased);
            var sitting = (await sittings.GetAsync(s, r.SittingId, ct))!;
            var form = await content.GetAsync(r.FormId, ct);
            var reviewed = (await feedback.OfAttemptAsync(s, r.AttemptId, ct)).ToDictionary(e => e.ItemVersionId);
            var responses = await ratings.ResponsesOfAttemptAsync(s, r.AttemptId, ct);
            var prompts = form.PartTwoByTrack.Values.SelectMany(e => e).GroupBy(e => e.ItemVersionId).ToDictionary(g => g.Key, g => g.First());
            var essays = new List<EssayReport>();
            foreach (var x in responses)
            {
                var rubric = await ratings.RubricAsync(s, x.RubricVersionId, ct);
                var final = reviewed.GetValueOrDefault(x.ItemVersionId);
                essays.Add(new EssayReport(
                    x.EssaySet, prompts.TryGetValue(x.ItemVersionId, out var p) ? p.PromptHtml : "", final?.FinalScore, rubric?.MaxScore ?? 0,
                    final is null || rubric is null ? []
                        : rubric.Criteria.Select(c => new CriterionLine(c.Title, final.CriterionScores.GetValueOrDefault(c.Id), c.MaxPoints)).ToList(),
                    final is null ? [] : final.ToCandidate));
            }
            reports.Add(new ScoreReport(r, candidate.CandidateNumber, candidate.FullName, form.Title, sitting.Title,
                Domains(r, await blueprints.CurrentAsync(s, ct)), essays, revised));
        }
        return reports;
    }

    /// <summary>One attempt's report, only if it is this candidate's and released: what their printable report shows.</summary>
    public async Task<ScoreReport?> ReportForCandidateAsync(long candidateId, long attemptId, CancellationToken ct = default) =>
        (await ReportsForCandidateAsync(candidateId, ct)).FirstOrDefault(r => r.Result.AttemptId == attemptId);

    public static IReadOnlyList<DomainLine> Domains(ExamResult r, BankBlueprint bank)
    {
        if (string.IsNullOrEmpty(r.PartOneDomains)) return [];
        var mark = r.PartOneMark();
        return JsonSerializer.Deserialize<List<StoredDomain>>(r.PartOneDomains)!
            .Select(d => new DomainLine(d.Domain, bank.DomainName(d.Domain),
                d.Raw, d.Max, d.Max == 0 ? 0 : Math.Round(100m * d.Raw / d.Max, 1), DomainVerdicts.Of(d.Raw, d.Max, mark.Passes)))
            .ToList();
    }

    /// <summary>The sitting's recorded results as CSV (RFC 4180), for coordinators. Reads only.</summary>
    public async Task<string?> CsvAsync(long sittingId, CancellationToken ct = default)
    {
        if (await ForSittingAsync(sittingId, ct) is not { } sr) return null;
        var csv = new StringBuilder();
        csv.Append("candidate_number,name,track,form,part_one_raw,part_one_max,part_one_percent,part_one_passed,")
            .Append("part_two_raw,part_two_max,part_two_percent,part_two_passed,overall_passed,recorded_at,released_at\r\n");
        foreach (var row in sr.Rows)
        {
            var r = row.Result;
            string[] fields =
            [
                row.CandidateNumber, row.FullName, row.Track, r.FormId, N(r.PartOneRaw), N(r.PartOneMax), N(r.PartOnePercent), B(r.PartOnePassed),
                N(r.PartTwoRaw), N(r.PartTwoMax), N(r.PartTwoPercent), B(r.PartTwoPassed), B(r.OverallPassed),
                r.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                r.ReleasedAt?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            ];
            csv.Append(string.Join(',', fields.Select(Field))).Append("\r\n");
        }
        return csv.ToString();
    }

    private static string N(decimal? v) => v?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";
    private static string N(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";
    private static string B(bool? v) => v is null ? "" : v.Value ? "pass" : "fail";

    // Quote always; a leading formula character is defused so a spreadsheet shows it as text.
    private static string Field(string v)
    {
        if (v.Length > 0 && "=+-@\t\r".Contains(v[0])) v = "'" + v;
        return "\"" + v.Replace("\"", "\"\"") + "\"";
    }

    private sealed record StoredDomain(string Domain, int Raw, int Max);
}
