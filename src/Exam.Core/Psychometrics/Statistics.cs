namespace Exam.Core.Psychometrics;

/// <summary>
/// The classical test theory statistics, fixed so that anyone can recompute them: variances are population
/// variances (divide by N), correlations are plain Pearson correlations. A statistic that is undefined for the
/// data (no variance, too few people) is null rather than a made-up number.
/// </summary>
public static class Statistics
{
    public static double Mean(IReadOnlyList<double> xs) => xs.Count == 0 ? 0 : xs.Sum() / xs.Count;

    /// <summary>Divides by N, not N-1: the analysis describes the candidates who sat, it does not estimate a wider population.</summary>
    public static double PopulationVariance(IReadOnlyList<double> xs)
    {
        if (xs.Count == 0) return 0;
        var mean = Mean(xs);
        return xs.Sum(x => (x - mean) * (x - mean)) / xs.Count;
    }

    public static double PopulationSd(IReadOnlyList<double> xs) => Math.Sqrt(PopulationVariance(xs));

    /// <summary>Pearson's r; a point-biserial is this with one variable 0/1. Null when either variable has no variance.</summary>
    public static double? Pearson(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        if (xs.Count != ys.Count) throw new ArgumentException("The two variables need the same number of values.", nameof(ys));
        if (xs.Count < 2) return null;
        double mx = Mean(xs), my = Mean(ys), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < xs.Count; i++)
        {
            double dx = xs[i] - mx, dy = ys[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        // A tiny tolerance: sums of equal doubles can leave rounding dust where the variance is really zero.
        if (sxx < 1e-12 || syy < 1e-12) return null;
        return sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>KR-20 = k/(k-1) * (1 - sum(p*q) / var(total)); null with fewer than two items or no score variance.</summary>
    public static double? Kr20(IReadOnlyList<double> itemPs, double totalVariance)
    {
        var k = itemPs.Count;
        if (k < 2 || totalVariance <= 0) return null;
        var pq = itemPs.Sum(p => p * (1 - p));
        return k / (k - 1.0) * (1 - pq / totalVariance);
    }

    /// <summary>SEM = SD(total) * sqrt(1 - reliability); a negative reliability (possible for KR-20) gives no SEM.</summary>
    public static double? Sem(double totalSd, double? reliability) =>
        reliability is { } r && r <= 1 && r >= 0 ? totalSd * Math.Sqrt(1 - r) : null;

    /// <summary>
    /// Kelley's upper-lower index: p in the top 27% by total score minus p in the bottom 27%. Each group holds
    /// round(0.27 N) people (at least one). People are ranked by total, ties kept in the order given (a stable sort,
    /// as R's psychometric::discrim does): the lower group is the first of that order, the upper group the last,
    /// so the index is reproducible from the response matrix. Null with fewer than two people.
    /// </summary>
    public static double? UpperLowerIndex(IReadOnlyList<double> itemScores, IReadOnlyList<double> totals, double fraction = 0.27)
    {
        if (itemScores.Count != totals.Count) throw new ArgumentException("One total per item score.", nameof(totals));
        var n = itemScores.Count;
        if (n < 2) return null;
        var group = Math.Max(1, (int)Math.Round(fraction * n, MidpointRounding.AwayFromZero));
        var ranked = Enumerable.Range(0, n).OrderBy(i => totals[i]).ToList(); // LINQ's OrderBy is stable
        return ranked.Skip(n - group).Average(i => itemScores[i]) - ranked.Take(group).Average(i => itemScores[i]);
    }
}
