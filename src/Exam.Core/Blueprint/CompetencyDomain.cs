namespace Exam.Core.Blueprint;

/// <summary>A competency domain of the Competency Guidelines®: the blueprint tag on every item.</summary>
public sealed record CompetencyDomain(string Id, string Name, bool LevelFourOnly);

/// <summary>The eight Level III domains, then the three added at Level IV. Ids are stable (files, URLs, JSON).</summary>
public static class CompetencyDomains
{
    public static readonly IReadOnlyList<CompetencyDomain> All =
    [
        new("theoretical-foundations", "Theoretical Foundations", false),
        new("law-regulation-policy", "Law, Regulation and Agency Policy", false),
        new("systems-expertise", "Systems Expertise", false),
        new("direct-service-skills", "Direct Service Skills", false),
        new("working-with-others", "Working With Others", false),
        new("communicating", "Communicating", false),
        new("thinking", "Thinking", false),
        new("reflection", "Reflection", false),
        new("leading-people", "Leading People", true),
        new("administration", "Administration", true),
        new("research-evaluation", "Research and Evaluation", true),
    ];

    private static readonly Dictionary<string, CompetencyDomain> ById = All.ToDictionary(d => d.Id, StringComparer.Ordinal);

    public static bool IsKnown(string id) => ById.ContainsKey(id);

    public static CompetencyDomain Get(string id) =>
        ById.TryGetValue(id, out var d) ? d : throw new ArgumentException($"Unknown competency domain '{id}'.", nameof(id));
}
