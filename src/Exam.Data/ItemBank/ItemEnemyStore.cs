using Exam.Core.ItemBank;
using Exam.Data.Database;

namespace Exam.Data.ItemBank;

/// <summary>What setting an item's enemies changed: the enemies added and removed (both empty when nothing did).</summary>
public sealed record EnemyChange(IReadOnlyList<string> Added, IReadOnlyList<string> Removed)
{
    public bool Changed => Added.Count + Removed.Count > 0;
}

/// <summary>
/// Enemy pairs (<see cref="EnemyPairs"/>), one row per pair with the lower id (ordinal) first. Writers hold the bank
/// lock (<see cref="ItemBankStore.LockBankAsync"/>), so a read-then-write here sees no other writer in between.
/// </summary>
public sealed class ItemEnemyStore(TimeProvider clock)
{
    private static readonly SqlStatement All = SqlStatement.Portable("SELECT item_id AS Item, enemy_id AS Enemy FROM item_enemies;");

    private static readonly SqlStatement Insert = SqlStatement.Portable("""
        INSERT INTO item_enemies (item_id, enemy_id, created_at)
        SELECT @Item, @Enemy, @At WHERE NOT EXISTS (SELECT 1 FROM item_enemies WHERE item_id = @Item AND enemy_id = @Enemy);
        """);

    private static readonly SqlStatement Delete = SqlStatement.Portable("DELETE FROM item_enemies WHERE item_id = @Item AND enemy_id = @Enemy;");

    private sealed record Row(string Item, string Enemy);

    public async Task<EnemyPairs> AllAsync(DbSession s, CancellationToken ct = default) =>
        new((await s.QueryAsync<Row>(All, ct: ct)).Select(r => (r.Item, r.Enemy)));

    /// <summary>Makes <paramref name="enemies"/> exactly the item's enemies (both ways). The caller holds the bank lock.</summary>
    public async Task<EnemyChange> SetAsync(DbSession s, string itemId, IReadOnlyCollection<string> enemies, CancellationToken ct = default)
    {
        var current = (await AllAsync(s, ct)).Of(itemId);
        var added = enemies.Where(e => e != itemId && !current.Contains(e)).Distinct().Order(StringComparer.Ordinal).ToList();
        var removed = current.Where(e => !enemies.Contains(e)).ToList();
        var at = clock.GetUtcNow();
        foreach (var e in added)
        {
            var (a, b) = Ordered(itemId, e);
            await s.ExecuteAsync(Insert, new { Item = a, Enemy = b, At = at }, ct);
        }
        foreach (var e in removed)
        {
            var (a, b) = Ordered(itemId, e);
            await s.ExecuteAsync(Delete, new { Item = a, Enemy = b }, ct);
        }
        return new EnemyChange(added, removed);
    }

    private static (string, string) Ordered(string a, string b) => string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
}
