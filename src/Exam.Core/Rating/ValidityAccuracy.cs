namespace Exam.Core.Rating;

/// <summary>
/// How close a rater comes to the agreed scores of validity papers: the share of totals exactly equal and within one
/// point (as proportions), and the mean signed deviation (given minus agreed; negative is harsh) of totals and of each
/// criterion. Figures are rounded to 3 decimals; <see cref="N"/> is the number of papers they rest on.
/// </summary>
public sealed record AccuracySummary(
    int N, decimal Exact, decimal Adjacent, decimal MeanSignedDeviation, IReadOnlyDictionary<string, decimal> CriterionDeviation);

public static class ValidityAccuracy
{
    public static AccuracySummary Summarize(IReadOnlyList<ValidityRating> ratings)
    {
        if (ratings.Count == 0) return new AccuracySummary(0, 0, 0, 0, new Dictionary<string, decimal>());
        decimal n = ratings.Count;
        var criteria = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var id in ratings.SelectMany(r => r.Agreed.Keys).Distinct())
        {
            var both = ratings.Where(r => r.Agreed.ContainsKey(id) && r.Given.ContainsKey(id)).ToList();
            if (both.Count > 0) criteria[id] = Round((decimal)both.Sum(r => r.Given[id] - r.Agreed[id]) / both.Count);
        }
        return new AccuracySummary(
            ratings.Count,
            Round(ratings.Count(r => r.Deviation == 0) / n),
            Round(ratings.Count(r => Math.Abs(r.Deviation) <= 1) / n),
            Round(ratings.Sum(r => r.Deviation) / n),
            criteria);
    }

    private static decimal Round(decimal value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);
}

/// <summary>
/// When accuracy on validity papers says a rater has drifted: their mean signed deviation of totals is beyond
/// <see cref="MaxDeviation"/> points either way, or their adjacent agreement falls below <see cref="MinAdjacent"/>,
/// once they have rated at least <see cref="MinimumPapers"/> papers (fewer are shown but not flagged).
/// </summary>
public sealed record DriftRule(decimal MaxDeviation = 1.0m, decimal MinAdjacent = 0.8m, int MinimumPapers = 3)
{
    public IReadOnlyList<string> Flags(AccuracySummary s)
    {
        if (s.N < MinimumPapers) return [];
        var flags = new List<string>();
        if (s.MeanSignedDeviation > MaxDeviation) flags.Add($"drifting lenient (mean deviation above +{MaxDeviation:0.###})");
        if (s.MeanSignedDeviation < -MaxDeviation) flags.Add($"drifting harsh (mean deviation below -{MaxDeviation:0.###})");
        if (s.Adjacent < MinAdjacent) flags.Add($"adjacent agreement with agreed scores below {MinAdjacent:0.000}");
        return flags;
    }
}
