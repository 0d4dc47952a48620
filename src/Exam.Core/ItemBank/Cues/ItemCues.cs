namespace Exam.Core.ItemBank.Cues;

/// <summary>A strong cue: one surface feature that singles out the key (or strikes a distractor) by itself.</summary>
/// <param name="Option">The option the remedy is about (the key, or the distractor that gives itself away).</param>
public sealed record StrongCue(string Option, string Message);

/// <summary>
/// The surface of one MCQ as a testwise candidate reads it: lengths, compound and absolute/hedged wording, words shared
/// with the stem, near-duplicate options, agreement with the stem's closing article, and the expected score of every
/// cue strategy. <see cref="StrongCues"/> are what lint warns about; <see cref="Notes"/> the weaker signs the report lists.
/// </summary>
public sealed record ItemCues
{
    /// <summary>A key more than 30% longer than every other option (or 30% shorter) gives itself away.</summary>
    public const double StrongLengthMargin = 0.30;

    public required string Id { get; init; }
    public required string Key { get; init; }
    public required IReadOnlyList<string> OptionIds { get; init; }
    public required IReadOnlyList<int> Lengths { get; init; }

    /// <summary>1 when the key is the longest (ties share the better rank), 4 when every other option is longer.</summary>
    public int KeyLengthRank { get; init; }

    /// <summary>Longest option over shortest.</summary>
    public double LengthSpread { get; init; }

    public bool KeyLongest { get; init; }
    public bool KeyShortest { get; init; }
    public required IReadOnlyList<string> Compound { get; init; }
    public required IReadOnlyList<string> Absolute { get; init; }
    public required IReadOnlyList<string> Hedged { get; init; }

    /// <summary>Content words of the stem that the key repeats and no distractor does.</summary>
    public required IReadOnlyList<string> KeyOnlyStemWords { get; init; }

    public required IReadOnlyList<(string First, string Second)> NearDuplicates { get; init; }

    /// <summary>Options that do not fit the stem's closing "a" or "an".</summary>
    public required IReadOnlyList<string> Disagreeing { get; init; }

    public required IReadOnlyDictionary<string, double> Strategies { get; init; }
    public required IReadOnlyList<StrongCue> StrongCues { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }

    public static ItemCues Of(ItemContent mcq) => Of(mcq.Id, mcq.Key ?? "", mcq.Options, mcq.Body);

    public static ItemCues Of(string id, string key, IReadOnlyList<ItemOption> options, string stem)
    {
        var ids = options.Select(o => o.Id).ToList();
        var text = options.ToDictionary(o => o.Id, o => o.Text);
        var lengths = options.Select(o => CueTerms.Length(o.Text)).ToList();
        var length = ids.Zip(lengths).ToDictionary(x => x.First, x => x.Second);
        var keyLength = length.GetValueOrDefault(key);
        var others = ids.Where(i => i != key).Select(i => length[i]).DefaultIfEmpty(keyLength).ToList();
        var compound = ids.Where(i => CueTerms.IsCompound(text[i])).ToList();
        var absolute = ids.Where(i => CueTerms.HasAbsolute(text[i])).ToList();
        var hedged = ids.Where(i => CueTerms.HasHedge(text[i])).ToList();
        var stemWords = CueTerms.Words(stem).ToHashSet(StringComparer.Ordinal);
        var distractorWords = ids.Where(i => i != key).SelectMany(i => CueTerms.Words(text[i])).ToHashSet(StringComparer.Ordinal);
        var keyOnly = CueTerms.Words(text.GetValueOrDefault(key) ?? "").Where(w => stemWords.Contains(w) && !distractorWords.Contains(w))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var duplicates = OptionSimilarity.NearDuplicates(options.Select(o => o.Text).ToList()).Select(p => (ids[p.First], ids[p.Second])).ToList();
        var disagreeing = StemAgreement.Disagreeing(stem, options);
        var max = lengths.Max();
        var min = lengths.Min();

        var strong = new List<StrongCue>();
        if (keyLength > others.Max() * (1 + StrongLengthMargin))
            strong.Add(new(key, $"the key ({key}) is {Percent(keyLength, others.Max())} longer than any other option: shorten it or lengthen the distractors so the lengths are alike"));
        if (keyLength < others.Min() * (1 - StrongLengthMargin))
            strong.Add(new(key, $"the key ({key}) is {Shorter(keyLength, others.Min())} shorter than any other option: lengthen it or shorten the distractors so the lengths are alike"));
        if (compound.Count == 1 && compound[0] == key)
            strong.Add(new(key, $"only the key ({key}) has ' and ' (a compound action): give the distractors compound actions too, or make the key one action"));
        var absoluteDistractors = absolute.Where(i => i != key).ToList();
        if (absoluteDistractors.Count >= 2 && !absolute.Contains(key))
            strong.Add(new(absoluteDistractors[0], $"options {string.Join(", ", absoluteDistractors)} carry absolute terms (always, never, only...) and the key does not: a candidate strikes them unread; remove the absolutes"));
        if (keyOnly.Count > 0)
            strong.Add(new(key, $"only the key ({key}) repeats the stem's words ({string.Join(", ", keyOnly)}): reword the key, or echo the stem in the distractors too"));
        foreach (var option in disagreeing)
            strong.Add(new(option, $"option {option} does not follow the stem's closing article ({StemAgreement.ClosingArticle(stem)}): end the stem before the article or make every option fit it"));

        var notes = new List<string>();
        if (keyLength > others.Max() * 1.15 && keyLength <= others.Max() * (1 + StrongLengthMargin))
            notes.Add($"key longest by {Percent(keyLength, others.Max())}");
        if (keyLength < others.Min() * 0.87 && keyLength >= others.Min() * (1 - StrongLengthMargin))
            notes.Add($"key shortest by {Shorter(keyLength, others.Min())}");
        if (absoluteDistractors.Count == 1 && !absolute.Contains(key)) notes.Add($"absolute only in distractor {absoluteDistractors[0]}");
        if (absolute.Contains(key)) notes.Add("key has an absolute");
        foreach (var (a, b) in duplicates) notes.Add($"near-duplicate {a}/{b}");
        if (max > 1.6 * min) notes.Add($"length spread {min}-{max}");

        return new ItemCues
        {
            Id = id,
            Key = key,
            OptionIds = ids,
            Lengths = lengths,
            KeyLengthRank = 1 + lengths.Count(l => l > keyLength),
            LengthSpread = min == 0 ? 0 : (double)max / min,
            KeyLongest = keyLength == max,
            KeyShortest = keyLength == min,
            Compound = compound,
            Absolute = absolute,
            Hedged = hedged,
            KeyOnlyStemWords = keyOnly,
            NearDuplicates = duplicates,
            Disagreeing = disagreeing,
            Strategies = CueStrategies.Expected(key, options, stem),
            StrongCues = strong,
            Notes = notes,
        };
    }

    /// <summary>How much shorter <paramref name="shorter"/> is than <paramref name="longer"/>, as a whole percentage of the longer.</summary>
    private static string Shorter(int shorter, int longer) => longer == 0 ? "0%" : $"{Math.Round(100.0 * (longer - shorter) / longer):0}%";

    /// <summary>How much longer <paramref name="longer"/> is than <paramref name="shorter"/>, as a whole percentage.</summary>
    private static string Percent(int longer, int shorter) => shorter == 0 ? "infinitely" : $"{Math.Round(100.0 * (longer - shorter) / shorter):0}%";
}
