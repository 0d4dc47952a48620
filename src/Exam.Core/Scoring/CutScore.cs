namespace Exam.Core.Scoring;

/// <summary>
/// A Part One cut adopted by the committee as a raw score out of the scored items (a standard-setting study's result).
/// If a later key correction changes how many items count, the cut keeps its proportion: a candidate passes when
/// raw / max reaches Raw / OutOf, compared in whole numbers so 47 of 59 against 48 of 60 is exact.
/// </summary>
public sealed record CutScore(int Raw, int OutOf)
{
    public bool Passes(int raw, int max) => max > 0 && (long)raw * OutOf >= (long)Raw * max;

    /// <summary>The cut as a percentage of the scored items, for display (two decimals).</summary>
    public decimal Percent => OutOf == 0 ? 0 : Math.Round(100m * Raw / OutOf, 2);

    /// <summary>Why a cut cannot be adopted on a Part One of <paramref name="scoredItems"/> items, or null.</summary>
    public static string? Check(int raw, int scoredItems) =>
        scoredItems <= 0 ? "The form has no scored items."
        : raw < 1 || raw > scoredItems ? $"The cut is a raw score from 1 to {scoredItems} (the scored items)."
        : null;
}
