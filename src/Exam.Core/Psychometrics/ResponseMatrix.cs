namespace Exam.Core.Psychometrics;

/// <summary>
/// One Part One position as analysed: the item version it pinned, its options in the item's own order (A-D, not
/// the order a candidate saw), and how the key in force scores it.
/// </summary>
public sealed record AnalysedItem(
    int Position, string ItemId, int Version, string Domain, IReadOnlyList<string> Options, IReadOnlySet<string> Accepted, bool Dropped = false)
{
    public bool Credits(string? choice) => !Dropped && choice is not null && Accepted.Contains(choice);
}

/// <summary>One submitted attempt: an anonymous code and the option chosen at each position (null when omitted).</summary>
public sealed record ResponseRow(string AttemptCode, IReadOnlyList<string?> Choices);

/// <summary>The scored response matrix: attempts by positions. Dropped items are kept (their choices are data) but score nothing.</summary>
public sealed record ResponseMatrix(IReadOnlyList<AnalysedItem> Items, IReadOnlyList<ResponseRow> Rows)
{
    public IReadOnlyList<AnalysedItem> ScoredItems => Items.Where(i => !i.Dropped).ToList();

    /// <summary>The 0/1 score at an item index, or null for a dropped item.</summary>
    public int? Score(ResponseRow row, int index) => Items[index].Dropped ? null : Items[index].Credits(row.Choices[index]) ? 1 : 0;

    public int Total(ResponseRow row) => Enumerable.Range(0, Items.Count).Sum(i => Score(row, i) ?? 0);
}
