namespace Exam.Core.ItemBank;

/// <summary>
/// Options a candidate cannot tell apart: the same words once case, punctuation and spacing are set aside, or the same
/// words but for a typo or a plural (at most two letters inside words of four letters or more). A changed word or number
/// ("6 months" and "9 months", "Option A" and "Option B") is a real difference, however short. Two such options make an
/// item with two keys or a free eliminate.
/// </summary>
public static class OptionSimilarity
{
    /// <summary>Each pair of near-identical options (by index, first before second), in option order.</summary>
    public static IReadOnlyList<(int First, int Second)> NearDuplicates(IReadOnlyList<string> options)
    {
        var normalized = options.Select(Normalize).ToList();
        var pairs = new List<(int, int)>();
        for (var i = 0; i < normalized.Count; i++)
            for (var j = i + 1; j < normalized.Count; j++)
                if (normalized[i].Length > 0 && AlmostSame(normalized[i], normalized[j])) pairs.Add((i, j));
        return pairs;
    }

    private static bool AlmostSame(string a, string b)
    {
        if (a == b) return true;
        var x = a.Split(' ');
        var y = b.Split(' ');
        if (x.Length != y.Length) return false;
        var letters = 0;
        for (var k = 0; k < x.Length && letters <= 2; k++)
        {
            if (x[k] == y[k]) continue;
            if (Math.Min(x[k].Length, y[k].Length) < 4 || !x[k].All(char.IsLetter) || !y[k].All(char.IsLetter)) return false;
            letters += Distance(x[k], y[k], 2);
        }
        return letters <= 2;
    }

    /// <summary>Lower-case letters and digits, words separated by one space.</summary>
    public static string Normalize(string text) =>
        string.Join(' ', new string(text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Levenshtein distance, or <paramref name="limit"/> + 1 as soon as it must exceed it.</summary>
    private static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit) return limit + 1;
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            var best = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                best = Math.Min(best, current[j]);
            }
            if (best > limit) return limit + 1;
            previous = current;
        }
        return previous[b.Length];
    }
}
