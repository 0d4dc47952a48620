namespace Exam.Web.Demo;

/// <summary>One simulated Part One item: who gets it right, and how the others spread over its distractors.</summary>
public sealed record SimulatedItem(double Difficulty, double Discrimination, IReadOnlyDictionary<string, double> DistractorPull, string? SecondKeyLure);

/// <summary>
/// Simulated demo responses from a simple ability model (a three-parameter logistic curve): ability ~ N(0, 1);
/// P(right) = 0.2 + 0.8 / (1 + exp(-1.7 a (ability - b))). Items get their own difficulty b and discrimination a from
/// a seeded generator, so the analysis shows easy and hard items, good and weak discriminators, a distractor nobody
/// picks and one that lures strong candidates (what a miskeyed or ambiguous item looks like). Seeded: the same
/// every time, so the demo analysis can be quoted.
/// </summary>
public static class AbilityModel
{
    public const double Guessing = 0.2;

    public static IReadOnlyList<SimulatedItem> Items(IReadOnlyList<(string Key, IReadOnlyList<string> Options)> items, int seed)
    {
        var random = new Random(seed);
        var result = new List<SimulatedItem>();
        for (var i = 0; i < items.Count; i++)
        {
            var (key, options) = items[i];
            var distractors = options.Where(o => o != key).ToList();
            // Most items are easy-to-moderate and discriminate well; every tenth barely discriminates at all.
            var difficulty = -2.4 + 3.4 * random.NextDouble();
            var discrimination = i % 10 == 7 ? 0.1 + 0.2 * random.NextDouble() : 0.6 + 1.4 * random.NextDouble();
            var pull = distractors.ToDictionary(d => d, _ => 0.3 + random.NextDouble());
            if (i % 12 == 3 && distractors.Count > 2) pull[distractors[^1]] = 0; // a distractor nobody finds plausible
            var lure = i % 15 == 11 && distractors.Count > 0 ? distractors[0] : null;
            result.Add(new SimulatedItem(difficulty, discrimination, pull, lure));
        }
        return result;
    }

    /// <summary>The chance that a candidate of this ability answers the item correctly (the three-parameter curve).</summary>
    public static double PCorrect(SimulatedItem item, double ability) =>
        Guessing + (1 - Guessing) / (1 + Math.Exp(-1.7 * item.Discrimination * (ability - item.Difficulty)));

    /// <summary>The option each of <paramref name="candidates"/> simulated candidates chose per item (null: omitted).</summary>
    public static IReadOnlyList<string?[]> Responses(IReadOnlyList<(string Key, IReadOnlyList<string> Options)> items, int candidates, int seed)
    {
        var model = Items(items, seed);
        var random = new Random(seed + 1);
        var rows = new List<string?[]>();
        for (var c = 0; c < candidates; c++)
        {
            var ability = Normal(random) + 0.4; // candidates who reach the exam are better prepared than not
            var row = new string?[items.Count];
            for (var i = 0; i < items.Count; i++)
            {
                var item = model[i];
                if (random.NextDouble() < 0.01) continue; // the odd omitted question
                var right = PCorrect(item, ability);
                if (item.SecondKeyLure is { } lure && ability > 0.8 && random.NextDouble() < 0.45)
                    row[i] = lure; // strong candidates read a second defensible answer into it
                else
                    row[i] = random.NextDouble() < right ? items[i].Key : Pick(item.DistractorPull, random);
            }
            rows.Add(row);
        }
        return rows;
    }

    private static string Pick(IReadOnlyDictionary<string, double> weights, Random random)
    {
        var total = weights.Values.Sum();
        var x = random.NextDouble() * total;
        foreach (var (option, weight) in weights.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            if ((x -= weight) < 0) return option;
        }
        return weights.Where(w => w.Value > 0).OrderBy(w => w.Key, StringComparer.Ordinal).Last().Key;
    }

    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
