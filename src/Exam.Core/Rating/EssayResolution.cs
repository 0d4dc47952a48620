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

    public Resolution.Final ResolveWithThird(decimal first, decimal second, decimal third) => Rule switch
    {
        RatingResolution.MeanOfAllThree => new((first + second + third) / 3m, true),
        RatingResolution.ThirdOnly => new(third, true),
        _ => new(MeanOfThirdAndCloser(first, second, third), true),
    };

    private static decimal MeanOfThirdAndCloser(decimal first, decimal second, decimal third)
    {
        var d1 = Math.Abs(first - third);
        var d2 = Math.Abs(second - third);
        // Equidistant means the third read sits midway between the first two: it stands as the final score.
        if (d1 == d2) return third;
        return (third + (d1 < d2 ? first : second)) / 2m;
    }
}
