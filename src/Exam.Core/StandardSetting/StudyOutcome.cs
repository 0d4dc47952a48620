using Exam.Core.Psychometrics;

namespace Exam.Core.StandardSetting;

/// <summary>
/// A study's results for the committee: the modified-Angoff recommendation from the final round, the pass rate it
/// would give on the form's existing scores, and Beuk's compromise as a cross-check (null without scores or without
/// every panelist's expected pass rate).
/// </summary>
public sealed record StudyOutcome(AngoffResult Angoff, int MaxRaw, double? PassRateAtCut, int? BeukCut, double? PassRateAtBeuk);

public static class StudyOutcomes
{
    /// <param name="final">Each panelist's ratings in the final round.</param>
    /// <param name="expectedPassPercents">Per panelist (same order), the pass rate they expect, or null if not given.</param>
    /// <param name="scoredPositions">The form's scored Part One positions (dropped items excluded).</param>
    /// <param name="rawScores">The existing raw scores on the form (the impact data); empty when nobody has sat it.</param>
    public static StudyOutcome Compute(IReadOnlyList<PanelistRatings> final, IReadOnlyList<double?> expectedPassPercents,
        IReadOnlyList<int> scoredPositions, IReadOnlyList<int> rawScores)
    {
        var angoff = Angoff.Compute(final, scoredPositions);
        var max = scoredPositions.Count;
        double? passRate = rawScores.Count == 0 ? null : Angoff.PassRate(rawScores, angoff.RawCut);
        int? beuk = expectedPassPercents.Count == final.Count && expectedPassPercents.All(p => p is not null)
            ? Angoff.BeukCut(expectedPassPercents.Select(p => p!.Value).ToList(), angoff.PanelistCuts.Select(c => c.Cut).ToList(), rawScores, max)
            : null;
        return new StudyOutcome(angoff, max, passRate, beuk, beuk is { } b ? Angoff.PassRate(rawScores, b) : null);
    }
}
