using Exam.Core.Blueprint;

namespace Exam.Core.ItemBank;

/// <summary>How far a set of items is from a blueprint in one domain.</summary>
public sealed record BlueprintDeviation(string DomainId, int Required, int Actual)
{
    public int Difference => Actual - Required;

    public override string ToString() => Difference < 0
        ? $"{DomainId} has {Actual} of {Required} ({-Difference} short)"
        : $"{DomainId} has {Actual} of {Required} ({Difference} too many)";
}

/// <summary>
/// Counts of items per competency domain for Part One. An MCQ counts toward its first (primary) domain, so the
/// counts add up to the length of the section.
/// </summary>
public sealed record ItemBlueprint
{
    /// <summary>
    /// Domain id and count, in the order given (a domain named twice counts once, at its first place): readers give
    /// them in the order of <see cref="BankBlueprint.Domains"/>, and a form's canonical form keeps that order.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, int>> Counts { get; }

    public ItemBlueprint(IEnumerable<KeyValuePair<string, int>> counts)
    {
        Counts = counts
            .GroupBy(c => c.Key, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, int>(g.Key, g.Sum(x => x.Value)))
            .ToList();
    }

    public static ItemBlueprint Empty { get; } = new([]);

    public int Total => Counts.Sum(c => c.Value);

    public int CountFor(string domainId) => Counts.FirstOrDefault(c => c.Key == domainId).Value;

    /// <summary>
    /// Every domain where the items' primary domains differ from the blueprint: shortfalls and excesses, including
    /// domains the blueprint does not name. Empty when the items meet it exactly.
    /// </summary>
    public IReadOnlyList<BlueprintDeviation> Validate(IEnumerable<string> primaryDomains)
    {
        var actual = primaryDomains.GroupBy(d => d, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var deviations = new List<BlueprintDeviation>();
        foreach (var (domain, required) in Counts)
        {
            var n = actual.GetValueOrDefault(domain);
            if (n != required) deviations.Add(new BlueprintDeviation(domain, required, n));
        }
        foreach (var (domain, n) in actual.OrderBy(a => a.Key, StringComparer.Ordinal))
            if (Counts.All(c => c.Key != domain)) deviations.Add(new BlueprintDeviation(domain, 0, n));
        return deviations;
    }
}
