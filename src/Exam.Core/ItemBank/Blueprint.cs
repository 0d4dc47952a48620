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
    /// <summary>Domain id and count, in the order of <see cref="CompetencyDomains.All"/> (unknown ids last, by id).</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Counts { get; }

    public ItemBlueprint(IEnumerable<KeyValuePair<string, int>> counts)
    {
        Counts = counts
            .GroupBy(c => c.Key, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, int>(g.Key, g.Sum(x => x.Value)))
            .OrderBy(c => DomainOrder(c.Key)).ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
    }

    public int Total => Counts.Sum(c => c.Value);

    public int CountFor(string domainId) => Counts.FirstOrDefault(c => c.Key == domainId).Value;

    /// <summary>The default Part One blueprint: 60 items, leaning where the associations say the exam leans.</summary>
    public static ItemBlueprint Default { get; } = new(new Dictionary<string, int>
    {
        ["theoretical-foundations"] = 20,
        ["direct-service-skills"] = 14,
        ["reflection"] = 5,
        ["law-regulation-policy"] = 4,
        ["systems-expertise"] = 4,
        ["thinking"] = 4,
        ["working-with-others"] = 3,
        ["communicating"] = 2,
        ["leading-people"] = 1,
        ["administration"] = 2,
        ["research-evaluation"] = 1,
    });

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
        foreach (var (domain, n) in actual.OrderBy(a => DomainOrder(a.Key)).ThenBy(a => a.Key, StringComparer.Ordinal))
            if (Counts.All(c => c.Key != domain)) deviations.Add(new BlueprintDeviation(domain, 0, n));
        return deviations;
    }

    internal static int DomainOrder(string id)
    {
        for (var i = 0; i < CompetencyDomains.All.Count; i++)
            if (CompetencyDomains.All[i].Id == id) return i;
        return int.MaxValue;
    }
}
