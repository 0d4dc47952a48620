using Exam.Core.Scoring;

namespace Exam.Core.Psychometrics;

/// <summary>One option of an item, in the item's own order: how many chose it and how their rest scores compare.</summary>
public sealed record OptionStats(string Option, bool Keyed, int Count, double Proportion, double? Rpb);

/// <summary>Classical statistics of one scored position.</summary>
public sealed record ItemStats(
    int Position, string ItemId, int Version, string Domain, int N, double P, double? RpbCorrected, double? Rpb, double? UpperLower,
    IReadOnlyList<OptionStats> Options, int Omits, IReadOnlyList<ItemFlag> Flags);

public sealed record DomainMean(string Domain, int Items, double Mean);

/// <summary>Whole-test statistics over the scored items.</summary>
public sealed record TestStats(
    int N, int Items, double Mean, double Sd, int Min, int Max, double? Kr20, double? Sem, decimal CutPercent, int CutRaw, double PassRate,
    IReadOnlyList<int> ScoreCounts, IReadOnlyList<DomainMean> Domains)
{
    public bool Unstable(FlagThresholds t) => N < t.MinStableN;

    public bool LowReliability(FlagThresholds t) => Kr20 is null || Kr20 < t.MinKr20;
}

public sealed record AnalysisReport(TestStats Test, IReadOnlyList<ItemStats> Items, IReadOnlyList<int> DroppedPositions, FlagThresholds Thresholds)
{
    /// <summary>Items with the most flags first, then the weakest corrected point-biserial.</summary>
    public IEnumerable<ItemStats> MostFlagged() =>
        Items.Where(i => i.Flags.Count > 0).OrderByDescending(i => i.Flags.Count).ThenBy(i => i.RpbCorrected ?? double.NegativeInfinity).ThenBy(i => i.Position);
}

/// <summary>
/// Classical item analysis of a scored response matrix. Definitions (also on the analysis page):
/// p = proportion correct; rpb = Pearson r of the 0/1 item score with the total; corrected rpb = the same with the
/// total minus that item (the rest score); option rpb = Pearson r of "chose this option" (0/1) with the rest score;
/// an omitted item scores 0 and counts as an omit, not as an option; variances divide by N.
/// </summary>
public static class ItemAnalysis
{
    /// <param name="adoptedCut">The committee's adopted raw cut (a standard-setting study), which takes the place of the percent.</param>
    public static AnalysisReport Analyze(ResponseMatrix matrix, decimal cutPercent, FlagThresholds? thresholds = null, CutScore? adoptedCut = null)
    {
        var t = thresholds ?? FlagThresholds.Default;
        var rows = matrix.Rows;
        var totals = rows.Select(r => (double)matrix.Total(r)).ToList();
        var items = new List<ItemStats>();
        for (var index = 0; index < matrix.Items.Count; index++)
        {
            var item = matrix.Items[index];
            if (item.Dropped) continue;
            items.Add(AnalyzeItem(matrix, index, totals, t));
        }

        var k = items.Count;
        var variance = Statistics.PopulationVariance(totals);
        var kr20 = Statistics.Kr20(items.Select(i => i.P).ToList(), variance);
        var sd = Math.Sqrt(variance);
        var counts = new int[k + 1];
        foreach (var total in totals) counts[(int)total]++;
        var mark = new PassMark(adoptedCut, cutPercent);
        var cutRaw = Enumerable.Range(0, k + 1).FirstOrDefault(raw => mark.Passes(raw, k), k + 1);
        cutPercent = mark.Percent;
        var test = new TestStats(
            rows.Count, k, Statistics.Mean(totals), sd,
            rows.Count == 0 ? 0 : (int)totals.Min(), rows.Count == 0 ? 0 : (int)totals.Max(),
            kr20, Statistics.Sem(sd, kr20), cutPercent, cutRaw,
            rows.Count == 0 ? 0 : totals.Count(x => x >= cutRaw) / (double)rows.Count,
            counts, DomainMeans(matrix));
        return new AnalysisReport(test, items, matrix.Items.Where(i => i.Dropped).Select(i => i.Position).ToList(), t);
    }

    private static ItemStats AnalyzeItem(ResponseMatrix matrix, int index, IReadOnlyList<double> totals, FlagThresholds t)
    {
        var item = matrix.Items[index];
        var rows = matrix.Rows;
        var n = rows.Count;
        var scores = rows.Select(r => (double)(matrix.Score(r, index) ?? 0)).ToList();
        var rest = totals.Select((total, i) => total - scores[i]).ToList();
        var p = n == 0 ? 0 : scores.Average();
        var options = item.Options.Select(option =>
        {
            var chose = rows.Select(r => r.Choices[index] == option ? 1.0 : 0.0).ToList();
            var count = (int)chose.Sum();
            return new OptionStats(option, item.Accepted.Contains(option), count, n == 0 ? 0 : count / (double)n, Statistics.Pearson(chose, rest));
        }).ToList();
        var omits = rows.Count(r => r.Choices[index] is null);
        var rpbCorrected = Statistics.Pearson(scores, rest);

        var flags = new List<ItemFlag>();
        if (p < t.MinP) flags.Add(ItemFlag.TooHard);
        if (p > t.MaxP) flags.Add(ItemFlag.TooEasy);
        if (rpbCorrected is null || rpbCorrected < t.MinRpbCorrected) flags.Add(ItemFlag.LowDiscrimination);
        var distractors = options.Where(o => !o.Keyed).ToList();
        if (distractors.Any(o => o.Count == 0)) flags.Add(ItemFlag.UnusedDistractor);
        if (distractors.Any(o => o.Rpb > t.MaxDistractorRpb)) flags.Add(ItemFlag.DistractorPositiveRpb);

        return new ItemStats(item.Position, item.ItemId, item.Version, item.Domain, n, p, rpbCorrected, Statistics.Pearson(scores, totals),
            Statistics.UpperLowerIndex(scores, totals), options, omits, flags);
    }

    private static IReadOnlyList<DomainMean> DomainMeans(ResponseMatrix matrix) =>
        matrix.Items.Select((item, index) => (item, index)).Where(x => !x.item.Dropped)
            .GroupBy(x => x.item.Domain, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DomainMean(g.Key, g.Count(),
                matrix.Rows.Count == 0 ? 0 : matrix.Rows.Average(r => g.Sum(x => matrix.Score(r, x.index) ?? 0))))
            .ToList();
}
