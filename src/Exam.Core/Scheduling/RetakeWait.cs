namespace Exam.Core.Scheduling;

/// <summary>A part a candidate was registered for in a sitting that opened at <see cref="OpensAt"/>.</summary>
public sealed record PriorSitting(string Title, DateTimeOffset OpensAt, bool PartOne, bool PartTwo)
{
    public bool Includes(int part) => part == 1 ? PartOne : PartTwo;
}

/// <summary>One part that may not be sat again yet, and the first date it may be.</summary>
public sealed record RetakeConflict(int Part, string SittingTitle, DateTimeOffset SatOpensAt, DateOnly EarliestAllowed);

/// <summary>
/// The retake wait: a candidate registered for a part in a sitting that opened fewer than the form's wait days
/// before a new sitting may not sit that part in the new one. Days are counted in whole UTC dates, so the date
/// a message names is exactly the first date allowed.
/// </summary>
public static class RetakeWait
{
    public static IReadOnlyList<RetakeConflict> Conflicts(
        DateTimeOffset newOpensAt, bool partOne, bool partTwo, int waitDays, IEnumerable<PriorSitting> prior)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(waitDays);
        var newDate = DateOnly.FromDateTime(newOpensAt.UtcDateTime);
        var conflicts = new List<RetakeConflict>();
        foreach (var p in prior.Where(p => p.OpensAt <= newOpensAt))
        {
            var earliest = DateOnly.FromDateTime(p.OpensAt.UtcDateTime).AddDays(waitDays);
            if (newDate >= earliest) continue;
            if (partOne && p.Includes(1)) conflicts.Add(new RetakeConflict(1, p.Title, p.OpensAt, earliest));
            if (partTwo && p.Includes(2)) conflicts.Add(new RetakeConflict(2, p.Title, p.OpensAt, earliest));
        }
        return conflicts.OrderBy(c => c.Part).ThenByDescending(c => c.EarliestAllowed).ToList();
    }

    /// <summary>The first date every conflicting part may be sat again.</summary>
    public static DateOnly EarliestAllowed(IReadOnlyList<RetakeConflict> conflicts) => conflicts.Max(c => c.EarliestAllowed);
}
