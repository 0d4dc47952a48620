namespace Exam.Core.ItemBank.Cues;

/// <summary>A rate of a cue among keys and among distractors (a fair bank has them alike).</summary>
public sealed record KeyDistractorRate(double InKeys, double InDistractors);

/// <summary>
/// The cue report of a set of MCQs (the bank, or a form's Part One): how often the key is the longest and the shortest
/// option, compound, absolute and hedged wording among keys and distractors, and the expected score of each cue
/// strategy, next to chance (25%). A bank a testwise candidate cannot game keeps every strategy near chance.
/// </summary>
public sealed record CueReport
{
    /// <summary>The target: no cue strategy better than this on the bank or any published form.</summary>
    public const double Target = 0.30;

    public required IReadOnlyList<ItemCues> Items { get; init; }
    public int Count => Items.Count;
    public double KeyLongest { get; init; }
    public double KeyShortest { get; init; }
    public required KeyDistractorRate Compound { get; init; }
    public required KeyDistractorRate Absolute { get; init; }
    public required KeyDistractorRate Hedged { get; init; }

    /// <summary>Mean expected score of each strategy, in <see cref="CueStrategies.All"/> order.</summary>
    public required IReadOnlyList<(CueStrategy Strategy, double Expected)> Strategies { get; init; }

    public (CueStrategy Strategy, double Expected) Worst => Strategies.MaxBy(s => s.Expected);

    public int WithStrongCues => Items.Count(i => i.StrongCues.Count > 0);

    /// <summary>The report of the MCQs among <paramref name="items"/> (essays are ignored).</summary>
    public static CueReport Of(IEnumerable<ItemContent> items)
    {
        var mcqs = items.Where(i => i.Type == ItemType.Mcq && i.Options.Count > 0).ToList();
        var cues = mcqs.Select(ItemCues.Of).ToList();
        var n = Math.Max(1, cues.Count);
        var keys = mcqs.Select(m => m.Options.FirstOrDefault(o => o.Id == m.Key)?.Text ?? "").ToList();
        var distractors = mcqs.SelectMany(m => m.Options.Where(o => o.Id != m.Key).Select(o => o.Text)).ToList();
        KeyDistractorRate Rate(Func<string, bool> has) =>
            new((double)keys.Count(has) / n, (double)distractors.Count(has) / Math.Max(1, distractors.Count));
        return new CueReport
        {
            Items = cues,
            KeyLongest = (double)cues.Count(c => c.KeyLongest) / n,
            KeyShortest = (double)cues.Count(c => c.KeyShortest) / n,
            Compound = Rate(CueTerms.IsCompound),
            Absolute = Rate(CueTerms.HasAbsolute),
            Hedged = Rate(CueTerms.HasHedge),
            Strategies = CueStrategies.All.Select(s => (s, cues.Sum(c => c.Strategies[s.Name]) / n)).ToList(),
        };
    }
}
