namespace Exam.Core.ItemBank;

/// <summary>Two enemy items found on one form, at their 1-based positions in Part One.</summary>
public sealed record EnemyViolation(string First, int FirstPosition, string Second, int SecondPosition)
{
    public override string ToString() =>
        $"{First} (position {FirstPosition}) and {Second} (position {SecondPosition}) are enemies: one cues or answers the other, so they never sit on one form";
}

/// <summary>
/// Enemy items: pairs that cue or answer each other and so must never sit on one form. The relation belongs to the
/// items, not to their versions (a new wording does not make two items friends), and it is symmetric: declaring
/// either side declares both. The one home of the rule the assembler, the form check, lint and import apply.
/// </summary>
public sealed class EnemyPairs
{
    private readonly Dictionary<string, SortedSet<string>> _of = new(StringComparer.Ordinal);

    public static EnemyPairs Empty { get; } = new([]);

    public EnemyPairs(IEnumerable<(string Item, string Enemy)> pairs)
    {
        foreach (var (a, b) in pairs)
        {
            if (string.Equals(a, b, StringComparison.Ordinal)) continue;
            Add(a, b);
            Add(b, a);
        }
    }

    /// <summary>From each item's declared list (a file's <c>enemies</c>, an editor's field).</summary>
    public static EnemyPairs FromDeclarations(IEnumerable<(string Item, IReadOnlyList<string> Enemies)> declarations) =>
        new(declarations.SelectMany(d => d.Enemies.Select(e => (d.Item, e))));

    private void Add(string a, string b)
    {
        if (!_of.TryGetValue(a, out var set)) _of[a] = set = new SortedSet<string>(StringComparer.Ordinal);
        set.Add(b);
    }

    /// <summary>The item's enemies, in id order.</summary>
    public IReadOnlyList<string> Of(string item) => _of.TryGetValue(item, out var set) ? set.ToList() : [];

    public bool AreEnemies(string a, string b) => _of.TryGetValue(a, out var set) && set.Contains(b);

    /// <summary>Each pair once, the lower id first, in id order.</summary>
    public IEnumerable<(string Item, string Enemy)> Pairs =>
        _of.OrderBy(p => p.Key, StringComparer.Ordinal)
            .SelectMany(p => p.Value.Where(e => string.CompareOrdinal(p.Key, e) < 0).Select(e => (p.Key, e)));

    /// <summary>Every enemy pair among a form's items (ids in form order), each once, naming both ids and positions.</summary>
    public IReadOnlyList<EnemyViolation> Violations(IReadOnlyList<string> items)
    {
        var found = new List<EnemyViolation>();
        for (var i = 0; i < items.Count; i++)
            for (var j = i + 1; j < items.Count; j++)
                if (AreEnemies(items[i], items[j])) found.Add(new EnemyViolation(items[i], i + 1, items[j], j + 1));
        return found;
    }
}
