using Exam.Core.ItemBank;

namespace Exam.Core.Scoring;

/// <summary>A rated essay's final score (a mean of two reads may be a half) and the maximum of its rubric.</summary>
public sealed record RatedEssayScore(decimal Score, int Max);

public sealed record EssayScore(decimal Raw, int Max, decimal Percent, bool Passed);

/// <summary>
/// Scores Part Two as the form's combine setting says. Only the essays chosen count, and the maximum is that of the
/// number to answer: an essay the candidate did not write counts zero against the highest maximum offered.
/// </summary>
public static class EssayScorer
{
    /// <param name="rated">The rated essays, in the form's order; beyond <paramref name="choose"/> they are not counted.</param>
    /// <param name="highestOfferedMax">The highest rubric maximum among the essays offered to the track.</param>
    public static EssayScore Score(PartTwoCombine combine, int choose, IReadOnlyList<RatedEssayScore> rated, int highestOfferedMax, decimal cutPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(choose);
        var counted = rated.Take(choose).ToList();
        switch (combine)
        {
            case PartTwoCombine.SumPercent:
                var max = counted.Sum(r => r.Max) + (choose - counted.Count) * highestOfferedMax;
                var raw = counted.Sum(r => r.Score);
                return new EssayScore(raw, max, max == 0 ? 0 : Math.Round(100m * raw / max, 2), max > 0 && raw * 100m >= cutPercent * max);
            default:
                throw new ArgumentOutOfRangeException(nameof(combine), combine, "No scoring rule for this combine setting.");
        }
    }
}
