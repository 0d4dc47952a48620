namespace Exam.Core.Rating;

/// <summary>A rater as eligibility sees them: their essay sets and whether they may adjudicate.</summary>
public sealed record EligibleRater(long Id, string Name, bool IsLead, IReadOnlyCollection<string> Sets);

/// <summary>
/// A read waiting in a queue: who already holds, gave or lapsed another read of its response, and whose declared
/// conflicts of interest match its candidate.
/// </summary>
public sealed record WaitingRead(
    long TaskId, string Code, string EssaySet, int ReadNo, long? AssignedTo, IReadOnlyCollection<long> ReadBy, IReadOnlyCollection<long> Conflicted)
{
    public bool Adjudication => ReadNo == 3;
}

/// <summary>
/// Who may take a waiting read (the claim rule: in the set, a lead for the third read, no other read of the response,
/// no declared conflict), why nobody can, and to whom a lead or the committee may assign it instead: anyone else who
/// could read it if it were in their sets.
/// </summary>
public static class ReadEligibility
{
    public static bool CanRead(WaitingRead read, EligibleRater rater) =>
        (!read.Adjudication || rater.IsLead) && !read.ReadBy.Contains(rater.Id) && !read.Conflicted.Contains(rater.Id);

    public static IReadOnlyList<EligibleRater> Eligible(WaitingRead read, IEnumerable<EligibleRater> raters) =>
        read.AssignedTo is { } to
            ? raters.Where(r => r.Id == to && CanRead(read, r)).ToList()
            : raters.Where(r => r.Sets.Contains(read.EssaySet) && CanRead(read, r)).ToList();

    /// <summary>True when nobody may take the read: it would wait invisibly.</summary>
    public static bool IsStuck(WaitingRead read, IEnumerable<EligibleRater> raters) => Eligible(read, raters).Count == 0;

    /// <summary>People who could take the read if it were assigned to them by name.</summary>
    public static IReadOnlyList<EligibleRater> Assignable(WaitingRead read, IEnumerable<EligibleRater> raters) =>
        raters.Where(r => CanRead(read, r)).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();

    /// <summary>Why nobody in the set can take the read, in words a committee member can act on.</summary>
    public static string Reason(WaitingRead read, IEnumerable<EligibleRater> raters)
    {
        var who = read.Adjudication ? "lead rater" : "rater";
        var inSet = raters.Where(r => r.Sets.Contains(read.EssaySet) && (!read.Adjudication || r.IsLead)).ToList();
        if (read.AssignedTo is not null) return "assigned to someone who can no longer read it";
        if (inSet.Count == 0) return $"no {who} is assigned to the {read.EssaySet} set";
        var parts = new List<string>();
        var readIt = inSet.Count(r => read.ReadBy.Contains(r.Id));
        var conflicted = inSet.Count(r => !read.ReadBy.Contains(r.Id) && read.Conflicted.Contains(r.Id));
        if (readIt > 0) parts.Add($"{readIt} already read it");
        if (conflicted > 0) parts.Add($"{conflicted} declared a conflict of interest");
        var of = inSet.Count == 1 ? $"the only {who} of the {read.EssaySet} set" : $"all {inSet.Count} {who}s of the {read.EssaySet} set";
        return $"{of}: {string.Join(", ", parts)}";
    }
}
