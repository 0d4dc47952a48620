namespace Exam.Core.Psychometrics;

/// <summary>One panelist's ratings: per item, the percentage (0-100) of minimally competent candidates who would answer it correctly.</summary>
public sealed record PanelistRatings(string Panelist, IReadOnlyDictionary<int, double> ByPosition);

/// <summary>Per item, how the panel rated it: mean, spread (SD and range) and the ratings themselves.</summary>
public sealed record ItemRatingSpread(int Position, double Mean, double Sd, double Min, double Max, IReadOnlyList<double> Ratings);

/// <summary>A modified-Angoff result: the recommended raw cut, its standard error across panelists, and each panelist's cut.</summary>
public sealed record AngoffResult(double RecommendedCut, double StandardError, double PanelistSd, IReadOnlyList<(string Panelist, double Cut)> PanelistCuts,
    IReadOnlyList<ItemRatingSpread> Items)
{
    /// <summary>The raw cut a form adopts: the recommendation rounded up, so nobody passes below the panel's standard.</summary>
    public int RawCut => (int)Math.Ceiling(RecommendedCut - 1e-9);
}

/// <summary>
/// Modified-Angoff arithmetic. Each panelist's cut is the sum over the scored items of their ratings as proportions
/// (a rating of 70% adds 0.7 of a raw point); the recommended cut is the mean of the panelists' cuts; its standard error
/// is the sample SD of the panelists' cuts (divide by P - 1: the panel is a sample of possible panelists) over sqrt(P).
/// </summary>
public static class Angoff
{
    public static AngoffResult Compute(IReadOnlyList<PanelistRatings> panel, IReadOnlyList<int> scoredPositions)
    {
        if (panel.Count == 0) throw new ArgumentException("A study needs at least one panelist's ratings.", nameof(panel));
        foreach (var p in panel)
        {
            var missing = scoredPositions.Where(pos => !p.ByPosition.ContainsKey(pos)).ToList();
            if (missing.Count > 0) throw new ArgumentException($"{p.Panelist} has not rated position(s) {string.Join(", ", missing)}.", nameof(panel));
            if (p.ByPosition.Values.Any(r => r is < 0 or > 100 || double.IsNaN(r)))
                throw new ArgumentException($"{p.Panelist} has a rating outside 0-100.", nameof(panel));
        }
        var cuts = panel.Select(p => (p.Panelist, Cut: scoredPositions.Sum(pos => p.ByPosition[pos] / 100.0))).ToList();
        var mean = cuts.Average(c => c.Cut);
        var sd = cuts.Count < 2 ? 0 : Math.Sqrt(cuts.Sum(c => (c.Cut - mean) * (c.Cut - mean)) / (cuts.Count - 1));
        var items = scoredPositions.Select(pos =>
        {
            var ratings = panel.Select(p => p.ByPosition[pos]).ToList();
            return new ItemRatingSpread(pos, ratings.Average(), Statistics.PopulationSd(ratings), ratings.Min(), ratings.Max(), ratings);
        }).ToList();
        return new AngoffResult(mean, sd / Math.Sqrt(cuts.Count), sd, cuts, items);
    }

    /// <summary>For the discussion: items with the widest spread of ratings first (then by position).</summary>
    public static IEnumerable<ItemRatingSpread> WidestSpreadFirst(AngoffResult result) =>
        result.Items.OrderByDescending(i => i.Max - i.Min).ThenByDescending(i => i.Sd).ThenBy(i => i.Position);

    /// <summary>The share of existing raw scores at or above a raw cut: the impact the cut would have.</summary>
    public static double PassRate(IReadOnlyList<int> rawScores, int rawCut) =>
        rawScores.Count == 0 ? 0 : rawScores.Count(r => r >= rawCut) / (double)rawScores.Count;

    /// <summary>
    /// Beuk's compromise (Beuk 1984): panelists also state the pass rate they expect (percent) with their cut (raw).
    /// Through the point (mean cut, mean expected pass rate) runs a rising line, pass = mean pass + SD(pass rates) /
    /// SD(cuts) x (cut - mean cut): where the panel agrees more on the pass rate than on the cut, the line is flat and the
    /// compromise keeps the pass rate; where it agrees more on the cut, the line is steep and keeps the cut. The
    /// observed pass rate falls as the cut rises, so the two meet once: the compromise is the raw cut where they come
    /// closest (the lower cut on a tie). Null without scores or expectations.
    /// </summary>
    public static int? BeukCut(IReadOnlyList<double> expectedPassPercents, IReadOnlyList<double> panelistCuts, IReadOnlyList<int> rawScores, int maxRaw)
    {
        if (rawScores.Count == 0 || expectedPassPercents.Count == 0 || expectedPassPercents.Count != panelistCuts.Count) return null;
        double meanPass = expectedPassPercents.Average(), meanCut = panelistCuts.Average();
        double sdPass = Statistics.PopulationSd(expectedPassPercents), sdCut = Statistics.PopulationSd(panelistCuts);
        // Panelists who agree exactly on the cut leave the line vertical: their cut is the compromise.
        if (sdCut < 1e-9) return (int)Math.Ceiling(meanCut - 1e-9);
        var slope = sdPass / sdCut;
        return Enumerable.Range(0, maxRaw + 1)
            .OrderBy(cut => Math.Abs(100 * PassRate(rawScores, cut) - (meanPass + slope * (cut - meanCut))))
            .ThenBy(cut => cut)
            .First();
    }
}
