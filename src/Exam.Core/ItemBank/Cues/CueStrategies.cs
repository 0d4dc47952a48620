namespace Exam.Core.ItemBank.Cues;

/// <summary>A way of answering an MCQ by its surface alone, and what it does.</summary>
public sealed record CueStrategy(string Name, string Description);

/// <summary>
/// The expected score of each cue strategy on one MCQ: the strategy narrows the options to some candidates and picks
/// one of them at random, so it scores 1/n when the key is among the n candidates (ties split evenly) and 0 otherwise.
/// A strategy that would leave no candidate keeps them all. Definitions as in the committee's cue script.
/// </summary>
public static class CueStrategies
{
    public static readonly IReadOnlyList<CueStrategy> All =
    [
        new("longest", "pick the longest option"),
        new("shortest", "pick the shortest option"),
        new("avoid-longest", "pick any but the longest"),
        new("avoid-shortest", "pick any but the shortest"),
        new("has-and", "pick an option with ' and ' (a compound action)"),
        new("avoid-absolutes", "strike options with absolute terms (always, never, only...)"),
        new("hedged", "pick an option with a hedging term (may, often, usually...)"),
        new("stem-words", "pick the option sharing most words with the stem"),
        new("avoid-stem-words", "pick any but the options sharing most words with the stem"),
        new("combined", "score options by length rank, ' and ', absolutes and stem words; pick the top"),
        new("testwise", "strike absolutes, keep compounds, strike the longest, take the shortest"),
        new("avoid-testwise", "pick any but the testwise choice"),
    ];

    /// <summary>Chance for a four-option MCQ.</summary>
    public const double Chance = 0.25;

    public static IReadOnlyDictionary<string, double> Expected(string key, IReadOnlyList<ItemOption> options, string stem)
    {
        var ids = options.Select(o => o.Id).ToList();
        var length = options.ToDictionary(o => o.Id, o => CueTerms.Length(o.Text));
        var max = length.Values.Max();
        var min = length.Values.Min();
        var compound = options.Where(o => CueTerms.IsCompound(o.Text)).Select(o => o.Id).ToList();
        var absolute = options.Where(o => CueTerms.HasAbsolute(o.Text)).Select(o => o.Id).ToHashSet();
        var noAbsolute = ids.Where(i => !absolute.Contains(i)).ToList();
        var hedged = options.Where(o => CueTerms.HasHedge(o.Text)).Select(o => o.Id).ToList();
        var stemWords = CueTerms.Words(stem).ToHashSet(StringComparer.Ordinal);
        var overlap = options.ToDictionary(o => o.Id, o => CueTerms.Words(o.Text).Distinct().Count(stemWords.Contains));
        var mostOverlap = overlap.Values.Max();

        double Pick(IEnumerable<string> candidates, bool orAll = false)
        {
            var list = candidates.ToList();
            if (list.Count == 0 && orAll) list = ids;
            return list.Contains(key) ? 1.0 / list.Count : 0.0;
        }

        // combined: the option's length rank (0 = shortest; ties take the lower rank), +1.5 for a compound when not
        // every option is one, -2 for an absolute, +0.5 per stem word. Multiples of 0.5: exact in a double.
        var sorted = length.Values.Order().ToList();
        var score = ids.ToDictionary(i => i, i => sorted.IndexOf(length[i])
            + (compound.Contains(i) && compound.Count < ids.Count ? 1.5 : 0) + (absolute.Contains(i) ? -2 : 0) + 0.5 * overlap[i]);
        var top = score.Values.Max();

        var testwise = Or(noAbsolute, ids);
        testwise = Or(testwise.Where(compound.Contains).ToList(), testwise);
        var longestLeft = testwise.Max(i => length[i]);
        testwise = Or(testwise.Where(i => length[i] != longestLeft).ToList(), testwise);
        var shortestLeft = testwise.Min(i => length[i]);
        testwise = testwise.Where(i => length[i] == shortestLeft).ToList();

        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["longest"] = Pick(ids.Where(i => length[i] == max)),
            ["shortest"] = Pick(ids.Where(i => length[i] == min)),
            ["avoid-longest"] = Pick(ids.Where(i => length[i] != max), orAll: true),
            ["avoid-shortest"] = Pick(ids.Where(i => length[i] != min), orAll: true),
            ["has-and"] = Pick(compound, orAll: true),
            ["avoid-absolutes"] = Pick(noAbsolute, orAll: true),
            ["hedged"] = Pick(hedged, orAll: true),
            ["stem-words"] = Pick(ids.Where(i => overlap[i] == mostOverlap)),
            ["avoid-stem-words"] = Pick(ids.Where(i => overlap[i] != mostOverlap), orAll: true),
            ["combined"] = Pick(ids.Where(i => score[i] == top)),
            ["testwise"] = Pick(testwise),
            ["avoid-testwise"] = Pick(ids.Where(i => !testwise.Contains(i)), orAll: true),
        };
    }

    private static List<string> Or(List<string> narrowed, List<string> before) => narrowed.Count > 0 ? narrowed : before;
}
