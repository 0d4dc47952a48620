using Exam.Core.Rating;
using Exam.Data.Database;
using Exam.Data.Rating;

namespace Exam.Web.Rating;

public sealed record RaterStats(long RaterId, string Name, AgreementSummary Summary, IReadOnlyList<string> Flags);

public sealed record MonitoringReport(IReadOnlyList<RaterStats> Raters, AgreementSummary Overall, MonitoringThresholds Thresholds);

/// <summary>
/// Rater monitoring over resolved responses: each blind read paired with the other blind read of the same
/// response and the final score. The statistics are <see cref="RaterAgreement"/>'s; the flags compare them with
/// the configured thresholds.
/// </summary>
public sealed class RaterMonitoring(Db db, RatingStore ratings, RatingOptions options)
{
    public async Task<MonitoringReport> ReportAsync(CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var reads = await ratings.SubmittedReadsAsync(s, ct);
        var raters = (await ratings.RatersAsync(s, ct)).ToDictionary(r => r.Id);
        var maxByRubric = new Dictionary<long, int>();
        foreach (var id in reads.Select(r => r.RubricVersionId).Distinct())
            maxByRubric[id] = (await ratings.RubricAsync(s, id, ct))?.MaxScore ?? 0;
        var scaleMax = Math.Max(1, maxByRubric.Values.DefaultIfEmpty(1).Max());

        var perRater = new Dictionary<long, List<RatedPair>>();
        var overall = new List<RatedPair>();
        foreach (var response in reads.Where(r => r.ResponseStatus == RatingResponseStatus.Final && r.FinalScore is not null).GroupBy(r => r.ResponseId))
        {
            var first = response.FirstOrDefault(r => r.ReadNo == 1);
            var second = response.FirstOrDefault(r => r.ReadNo == 2);
            if (first is null || second is null) continue;
            var final = first.FinalScore!.Value;
            Add(perRater, first.RaterId, new RatedPair(first.Total, second.Total, final, first.Adjudicated));
            Add(perRater, second.RaterId, new RatedPair(second.Total, first.Total, final, first.Adjudicated));
            overall.Add(new RatedPair(first.Total, second.Total, final, first.Adjudicated));
        }
        var t = options.Monitoring;
        var stats = perRater
            .Select(p =>
            {
                var summary = RaterAgreement.Summarize(p.Value, 0, scaleMax);
                return new RaterStats(p.Key, raters.TryGetValue(p.Key, out var r) ? r.DisplayName : $"rater {p.Key}", summary, Flags(summary, t));
            })
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        return new MonitoringReport(stats, RaterAgreement.Summarize(overall, 0, scaleMax), t);
    }

    public static IReadOnlyList<string> Flags(AgreementSummary s, MonitoringThresholds t)
    {
        if (s.Count < t.MinimumReads) return [];
        var flags = new List<string>();
        if (s.ExactAgreement < t.ExactAgreementMin) flags.Add($"exact agreement below {t.ExactAgreementMin}%");
        if (s.AdjacentAgreement < t.AdjacentAgreementMin) flags.Add($"adjacent agreement below {t.AdjacentAgreementMin}%");
        if (!double.IsNaN(s.QuadraticWeightedKappa) && s.QuadraticWeightedKappa < t.KappaMin) flags.Add($"kappa below {t.KappaMin:0.00}");
        if (Math.Abs(s.Severity) > t.SeverityMax) flags.Add(s.Severity < 0 ? "severe (harsh)" : "lenient");
        if (s.AdjudicationRate > t.AdjudicationRateMax) flags.Add($"adjudication rate above {t.AdjudicationRateMax}%");
        return flags;
    }

    private static void Add(Dictionary<long, List<RatedPair>> map, long rater, RatedPair pair)
    {
        if (!map.TryGetValue(rater, out var list)) map[rater] = list = [];
        list.Add(pair);
    }
}
