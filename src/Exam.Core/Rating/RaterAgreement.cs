namespace Exam.Core.Rating;

/// <summary>One essay read twice on an integer scale: this rater's score, the other rater's, and the final score.</summary>
public sealed record RatedPair(int Score, int OtherScore, decimal FinalScore, bool Adjudicated);

public sealed record AgreementSummary(
    int Count, decimal ExactAgreement, decimal AdjacentAgreement, double QuadraticWeightedKappa, decimal Severity, decimal AdjudicationRate);

/// <summary>
/// Rater monitoring statistics: exact and adjacent agreement (within one point), quadratic weighted kappa
/// (Cohen 1968) between the two reads, severity as the mean difference from the final score (negative =
/// harsh), and the share of essays sent to adjudication.
/// </summary>
public static class RaterAgreement
{
    public static AgreementSummary Summarize(IReadOnlyList<RatedPair> pairs, int minScore, int maxScore)
    {
        if (pairs.Count == 0) return new AgreementSummary(0, 0, 0, double.NaN, 0, 0);
        var n = (decimal)pairs.Count;
        return new AgreementSummary(
            pairs.Count,
            Math.Round(100m * pairs.Count(p => p.Score == p.OtherScore) / n, 1),
            Math.Round(100m * pairs.Count(p => Math.Abs(p.Score - p.OtherScore) <= 1) / n, 1),
            QuadraticWeightedKappa(pairs.Select(p => (p.Score, p.OtherScore)).ToList(), minScore, maxScore),
            Math.Round(pairs.Average(p => p.Score - p.FinalScore), 2),
            Math.Round(100m * pairs.Count(p => p.Adjudicated) / n, 1));
    }

    /// <summary>
    /// kappa_w = 1 - sum(w_ij O_ij) / sum(w_ij E_ij), with w_ij = (i - j)^2 / (k - 1)^2, O the observed
    /// proportions and E the products of the marginals. 1 is perfect agreement, 0 is chance. NaN when
    /// both raters gave one and the same score throughout (chance disagreement is zero: kappa is undefined).
    /// </summary>
    public static double QuadraticWeightedKappa(IReadOnlyList<(int A, int B)> ratings, int minScore, int maxScore)
    {
        var k = maxScore - minScore + 1;
        if (k < 2) throw new ArgumentException("The scale needs at least two points.", nameof(maxScore));
        var observed = new double[k, k];
        var rowTotals = new double[k];
        var columnTotals = new double[k];
        foreach (var (a, b) in ratings)
        {
            if (a < minScore || a > maxScore || b < minScore || b > maxScore)
                throw new ArgumentOutOfRangeException(nameof(ratings), $"Score ({a}, {b}) is outside {minScore}..{maxScore}.");
            observed[a - minScore, b - minScore]++;
            rowTotals[a - minScore]++;
            columnTotals[b - minScore]++;
        }
        double n = ratings.Count, disagreement = 0, chance = 0;
        for (var i = 0; i < k; i++)
        for (var j = 0; j < k; j++)
        {
            var weight = (double)(i - j) * (i - j) / ((k - 1) * (k - 1));
            disagreement += weight * observed[i, j] / n;
            chance += weight * rowTotals[i] * columnTotals[j] / (n * n);
        }
        return chance == 0 ? double.NaN : 1 - disagreement / chance;
    }
}
