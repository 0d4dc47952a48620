namespace Exam.Core.Scoring;

public sealed record DomainSubscore(string Domain, int Raw, int Max)
{
    public decimal Percent => Max == 0 ? 0 : Math.Round(100m * Raw / Max, 1);
}

public sealed record McScore(int Raw, int Max, decimal Percent, bool Passed, int KeyVersion, IReadOnlyList<DomainSubscore> Domains);

/// <summary>
/// Scores Part One against a key version: raw, percent, pass at the cut (the key's adopted cut, else the form's cut
/// percent), and subscores per competency domain.
/// </summary>
public static class McScorer
{
    public static McScore Score(ScoringKey key, IReadOnlyDictionary<string, string?> answers, decimal cutPercent)
    {
        var scored = key.Items.Where(i => !i.Dropped).ToList();
        var raw = scored.Count(i => i.Credits(answers.GetValueOrDefault(i.ItemId)));
        var max = scored.Count;
        var domains = scored
            .GroupBy(i => i.Domain, StringComparer.Ordinal)
            .Select(g => new DomainSubscore(g.Key, g.Count(i => i.Credits(answers.GetValueOrDefault(i.ItemId))), g.Count()))
            .OrderBy(d => d.Domain, StringComparer.Ordinal)
            .ToList();
        return new McScore(raw, max, max == 0 ? 0 : Math.Round(100m * raw / max, 2),
            PassMark.Of(key, cutPercent).Passes(raw, max), key.Version, domains);
    }

    /// <summary>Exact arithmetic: 48 of 60 passes at 80%; 47 of 59 does not (79.66%).</summary>
    public static bool Passes(int raw, int max, decimal cutPercent) => max > 0 && raw * 100m >= cutPercent * max;
}
