namespace Exam.Core.Delivery;

/// <summary>
/// Per-attempt option order: a Fisher-Yates shuffle driven by SplitMix64 from the attempt's recorded seed and
/// the question's position, so the same attempt always shows the same order (resume, another computer) and
/// the order does not depend on the runtime's Random implementation.
/// </summary>
public static class OptionOrder
{
    public static IReadOnlyList<T> Shuffle<T>(IReadOnlyList<T> options, long attemptSeed, int position)
    {
        var result = options.ToArray();
        var state = unchecked((ulong)attemptSeed * 0x9E3779B97F4A7C15UL + (ulong)position);
        for (var i = result.Length - 1; i > 0; i--)
        {
            var j = (int)(Next(ref state) % (ulong)(i + 1));
            (result[i], result[j]) = (result[j], result[i]);
        }
        return result;
    }

    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
