using Exam.Core.ItemBank;

namespace Exam.Core.Rating;

public abstract record Resolution
{
    public sealed record Final(decimal Score, bool Adjudicated) : Resolution;
    public sealed record NeedsAdjudication(decimal Difference) : Resolution;
}

/// <summary>The form's rule for turning two (or three) blind ratings of one essay into its final score.</summary>
public sealed record EssayResolution(decimal Tolerance, RatingResolution Rule)
{
    public static readonly EssayResolution Default = new(2m, RatingResolution.MeanOfThirdAndCloser);

    /// <summary>Two totals within tolerance are averaged; further apart, a lead rater reads a third time.</summary>
    public Resolution Resolve(decimal first, decimal second)
    {
        var difference = Math.Abs(first - second);
        return difference <= Tolerance
            ? new Resolution.Final((first + second) / 2m, Adjudicated: false)
            : new Resolution.NeedsAdjudication(difference);
    }

    /// <summary>After a third read, the final score is the mean of the reads that count (see <see cref="CountingReads"/>).</summary>
    public Resolution.Final ResolveWithThird(decimal first, decimal second, decimal third)
    {
        decimal[] totals = [first, second, third];
        var counting = CountingReads(first, second, third);
        return new(counting.Sum(n => totals[n - 1]) / counting.Count, Adjudicated: true);
    }

    /// <summary>
    /// The reads (1, 2, 3) the final score rests on, and so the ones whose criterion scores and feedback the candidate
    /// gets: both blind reads when they agreed; after a third read, as the rule takes them. Under the default rule the
    /// third read counts with the closer of the first two; equidistant, it sits midway between them and stands alone.
    /// </summary>
    public IReadOnlyList<int> CountingReads(decimal first, decimal second, decimal? third)
    {
        if (third is not { } t) return [1, 2];
        return Rule switch
        {
            RatingResolution.MeanOfAllThree => [1, 2, 3],
            RatingResolution.ThirdOnly => [3],
            _ when Math.Abs(first - t) == Math.Abs(second - t) => [3],
            _ => Math.Abs(first - t) < Math.Abs(second - t) ? [1, 3] : [2, 3],
        };
    }

    /// <summary>Each criterion's score: the mean over the reads that count (they sum to the final score).</summary>
    public static IReadOnlyDictionary<string, decimal> CriterionScores(IReadOnlyList<IReadOnlyDictionary<string, int>> countingReads) =>
        countingReads.SelectMany(r => r.Keys).Distinct(StringComparer.Ordinal)
            .ToDictionary(c => c, c => (decimal)countingReads.Sum(r => r.GetValueOrDefault(c)) / countingReads.Count, StringComparer.Ordinal);
}
