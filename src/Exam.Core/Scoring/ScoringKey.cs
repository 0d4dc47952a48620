namespace Exam.Core.Scoring;

/// <summary>How one form item is scored: the options that earn the point, or dropped from scoring altogether.</summary>
public sealed record KeyedItem(string ItemId, string Domain, IReadOnlySet<string> Accepted, bool Dropped = false)
{
    public static KeyedItem WithKey(string itemId, string domain, string key) =>
        new(itemId, domain, new HashSet<string>(StringComparer.Ordinal) { key });

    public bool Credits(string? answer) => !Dropped && answer is not null && Accepted.Contains(answer);
}

/// <summary>
/// A version of a form's Part One key. A correction makes a new version; results keep the version they used. A cut
/// adopted from a standard-setting study also makes a new version (<see cref="Cut"/>), so a result says which cut it met;
/// without one the form's published cut percent applies.
/// </summary>
public sealed record ScoringKey(int Version, IReadOnlyList<KeyedItem> Items)
{
    public CutScore? Cut { get; init; }

    /// <summary>The next version with the committee's adopted cut (the items stay as they are).</summary>
    public ScoringKey WithCut(CutScore cut) => this with { Version = Version + 1, Cut = cut };

    public ScoringKey Correct(KeyCorrection correction)
    {
        var found = false;
        var items = Items.Select(i =>
        {
            if (i.ItemId != correction.ItemId) return i;
            found = true;
            return correction switch
            {
                { Drop: true } => i with { Dropped = true },
                _ => i with { Accepted = new HashSet<string>(correction.Accepted, StringComparer.Ordinal), Dropped = false },
            };
        }).ToList();
        if (!found) throw new ArgumentException($"Item '{correction.ItemId}' is not on this form.", nameof(correction));
        if (!correction.Drop && correction.Accepted.Count == 0)
            throw new ArgumentException("A correction must accept at least one option or drop the item.", nameof(correction));
        return this with { Version = Version + 1, Items = items };
    }
}

/// <summary>A committee's key correction: change the key, accept several options, or drop the item.</summary>
public sealed record KeyCorrection(string ItemId, IReadOnlyList<string> Accepted, bool Drop, string Reason);
