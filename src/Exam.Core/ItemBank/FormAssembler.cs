using Exam.Core.Blueprint;

namespace Exam.Core.ItemBank;

/// <summary>An approved MCQ version the assembler may draw.</summary>
public sealed record AssemblyCandidate(ItemPin Pin, string Domain, string? Key, string Author, Level Level = Level.Both, Designation Designation = Designation.A)
{
    public static AssemblyCandidate From(ItemContent c) => new(c.Pin, c.PrimaryDomain ?? "", c.Key, c.Author, c.Level, c.Designation);
}

/// <summary>
/// What assembly must respect beyond the blueprint: enemy pairs never share the form, and items used on fewer earlier
/// forms (<see cref="Uses"/>: item id to the number of forms that hold it) are drawn first, so exposure spreads.
/// </summary>
public sealed record AssemblyHistory(EnemyPairs Enemies, IReadOnlyDictionary<string, int> Uses)
{
    public static AssemblyHistory None { get; } = new(EnemyPairs.Empty, new Dictionary<string, int>());
}

/// <summary>The assembled Part One, or the shortfalls that made it impossible.</summary>
public sealed record AssemblyResult(IReadOnlyList<ItemPin> Items, IReadOnlyList<BlueprintDeviation> Shortfalls)
{
    public bool Succeeded => Shortfalls.Count == 0;
}

/// <summary>
/// Assembles Part One from approved MCQs to meet a blueprint exactly. Reproducible: the same pool (in any order),
/// blueprint, history and seed give the same form. Exposure first: within a domain the items used on the fewest
/// earlier forms are drawn first. Enemies never together: an item whose enemy is already drawn is passed over, and
/// items with fewer enemies go first (a domain the enemies still leave short is a shortfall). Balanced: among equally exposed items the seed decides, but the
/// choice leans away from keys and authors already used often, so keys spread over A-D and no writer dominates; the order then
/// spreads each domain evenly through the section rather than in blocks. Level-aware: only items that suit every
/// track sitting the form are drawn (see <see cref="PartOneLevels"/>), so a shortfall names a domain the tracks share
/// too few items in.
/// </summary>
public static class FormAssembler
{
    public static AssemblyResult Assemble(IEnumerable<AssemblyCandidate> pool, ItemBlueprint blueprint, int seed) =>
        Assemble(pool, blueprint, seed, []);

    public static AssemblyResult Assemble(
        IEnumerable<AssemblyCandidate> pool, ItemBlueprint blueprint, int seed, IReadOnlyList<ExamTrack> sittingTracks, AssemblyHistory? history = null)
    {
        history ??= AssemblyHistory.None;
        var byDomain = pool
            .Where(c => PartOneLevels.SuitsAll(sittingTracks, c.Level, c.Designation))
            .GroupBy(c => c.Pin.Id, StringComparer.Ordinal).Select(g => g.OrderBy(c => c.Pin.Hash, StringComparer.Ordinal).First())
            .OrderBy(c => c.Pin.Id, StringComparer.Ordinal)
            .ToLookup(c => c.Domain, StringComparer.Ordinal);

        var shortfalls = blueprint.Counts
            .Where(c => byDomain[c.Key].Count() < c.Value)
            .Select(c => new BlueprintDeviation(c.Key, c.Value, byDomain[c.Key].Count()))
            .ToList();
        if (shortfalls.Count > 0) return new AssemblyResult([], shortfalls);

        var rng = new SeededRandom(seed);
        var keyUse = new Dictionary<string, int>(StringComparer.Ordinal);
        var authorUse = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var chosen = new List<(int DomainIndex, int Count, List<AssemblyCandidate> Items)>();
        var drawn = new List<string>();
        var enemyShort = new List<BlueprintDeviation>();
        for (var d = 0; d < blueprint.Counts.Count; d++)
        {
            var (domain, count) = blueprint.Counts[d];
            var candidates = byDomain[domain].ToList();
            rng.Shuffle(candidates);
            var picked = new List<AssemblyCandidate>();
            for (var n = 0; n < count; n++)
            {
                candidates.RemoveAll(c => drawn.Any(d => history.Enemies.AreEnemies(c.Pin.Id, d)));
                if (candidates.Count == 0)
                {
                    enemyShort.Add(new BlueprintDeviation(domain, count, n));
                    break;
                }
                // Least-exposed first, then the one with fewest enemies left in the domain (so drawing it shuts out the
                // fewest others), then least-used key, then least-used author; the shuffled order breaks ties.
                var best = candidates
                    .Select((c, i) => (c, i))
                    .OrderBy(x => history.Uses.GetValueOrDefault(x.c.Pin.Id))
                    .ThenBy(x => candidates.Count(o => history.Enemies.AreEnemies(x.c.Pin.Id, o.Pin.Id)))
                    .ThenBy(x => keyUse.GetValueOrDefault(x.c.Key ?? ""))
                    .ThenBy(x => authorUse.GetValueOrDefault(x.c.Author))
                    .ThenBy(x => x.i)
                    .First().c;
                candidates.Remove(best);
                picked.Add(best);
                drawn.Add(best.Pin.Id);
                keyUse[best.Key ?? ""] = keyUse.GetValueOrDefault(best.Key ?? "") + 1;
                authorUse[best.Author] = authorUse.GetValueOrDefault(best.Author) + 1;
            }
            chosen.Add((d, count, picked));
        }
        if (enemyShort.Count > 0) return new AssemblyResult([], enemyShort);

        // The k-th of n items of a domain sits at (2k+1)/2n of the way through; compare as fractions, exactly.
        var ordered = chosen
            .SelectMany(c => c.Items.Select((item, k) => (item, Num: 2L * k + 1, Den: 2L * c.Count, c.DomainIndex)))
            .ToList();
        ordered.Sort((a, b) =>
        {
            var cmp = (a.Num * b.Den).CompareTo(b.Num * a.Den);
            return cmp != 0 ? cmp : a.DomainIndex.CompareTo(b.DomainIndex);
        });
        return new AssemblyResult(ordered.Select(o => o.item.Pin).ToList(), []);
    }
}
