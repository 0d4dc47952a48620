using Exam.Core.ItemBank;

namespace Exam.Core.Tests.ItemBank;

public sealed class EnemyAndExposureTests
{
    private static readonly ItemBlueprint TwoDomains = new(new Dictionary<string, int>
    {
        ["theoretical-foundations"] = 3, ["reflection"] = 2,
    });

    private static List<AssemblyCandidate> Pool(int perDomain)
    {
        var pool = new List<AssemblyCandidate>();
        var n = 0;
        foreach (var (domain, _) in TwoDomains.Counts)
            for (var i = 0; i < perDomain; i++, n++)
                pool.Add(AssemblyCandidate.From(Samples.Mcq($"{domain[..3]}-{i:000}", domain, "ABCD"[n % 4].ToString(), $"writer-{n % 3}")));
        return pool;
    }

    [Fact]
    public void Declaring_an_enemy_on_either_side_makes_both_enemies()
    {
        var enemies = EnemyPairs.FromDeclarations([("a-1", ["b-2"]), ("c-3", ["a-1"]), ("b-2", [])]);
        Assert.True(enemies.AreEnemies("b-2", "a-1"));
        Assert.True(enemies.AreEnemies("a-1", "c-3"));
        Assert.False(enemies.AreEnemies("b-2", "c-3"));
        Assert.Equal(["b-2", "c-3"], enemies.Of("a-1"));
        Assert.Equal([("a-1", "b-2"), ("a-1", "c-3")], enemies.Pairs);
    }

    [Fact]
    public void A_form_with_two_enemies_reports_both_ids_and_positions()
    {
        var enemies = new EnemyPairs([("tf-002", "dss-001")]);
        var v = Assert.Single(enemies.Violations(["tf-001", "dss-001", "ref-001", "tf-002"]));
        Assert.Equal(new EnemyViolation("dss-001", 2, "tf-002", 4), v);
        Assert.StartsWith("dss-001 (position 2) and tf-002 (position 4) are enemies", v.ToString());
    }

    [Fact]
    public void The_assembler_never_places_two_enemies_on_one_form_whatever_the_seed()
    {
        var pool = Pool(perDomain: 4);
        // Every theoretical item is the enemy of every other but one: at most one of each such pair can be drawn.
        var tf = pool.Where(c => c.Domain == "theoretical-foundations").Select(c => c.Pin.Id).ToList();
        var enemies = new EnemyPairs([(tf[0], tf[1]), (tf[2], tf[1]), (tf[0], pool.First(c => c.Domain == "reflection").Pin.Id)]);
        var history = new AssemblyHistory(enemies, new Dictionary<string, int>());
        for (var seed = 0; seed < 50; seed++)
        {
            var result = FormAssembler.Assemble(pool, TwoDomains, seed, [], history);
            Assert.True(result.Succeeded);
            Assert.Empty(enemies.Violations(result.Items.Select(p => p.Id).ToList()));
        }
    }

    [Fact]
    public void Enemies_that_leave_a_domain_too_few_items_are_a_shortfall()
    {
        var pool = Pool(perDomain: 3);
        var tf = pool.Where(c => c.Domain == "theoretical-foundations").Select(c => c.Pin.Id).ToList();
        var history = new AssemblyHistory(new EnemyPairs([(tf[0], tf[2])]), new Dictionary<string, int>());
        var result = FormAssembler.Assemble(pool, TwoDomains, 1, [], history);
        Assert.False(result.Succeeded);
        Assert.Equal(new BlueprintDeviation("theoretical-foundations", 3, 2), Assert.Single(result.Shortfalls));
    }

    [Fact]
    public void Assembly_prefers_items_used_on_fewer_earlier_forms_and_stays_reproducible()
    {
        var pool = Pool(perDomain: 6);
        // Half of each domain was used on two earlier forms, one item on one; the fresh half fills the form first.
        var uses = pool.GroupBy(c => c.Domain).SelectMany(g => g.Take(3)).ToDictionary(c => c.Pin.Id, _ => 2);
        uses[pool.First(c => c.Domain == "reflection").Pin.Id] = 1;
        var history = new AssemblyHistory(EnemyPairs.Empty, uses);
        for (var seed = 0; seed < 20; seed++)
        {
            var result = FormAssembler.Assemble(pool, TwoDomains, seed, [], history);
            Assert.All(result.Items, p => Assert.False(uses.ContainsKey(p.Id), $"seed {seed}: {p.Id} was used before but fresh items were left"));
            Assert.Equal(result.Items, FormAssembler.Assemble(Enumerable.Reverse(pool), TwoDomains, seed, [], history).Items);
        }
        // With fewer fresh items than the blueprint needs, the least used come next.
        var scarce = pool.GroupBy(c => c.Domain).SelectMany(g => g.Skip(1)).ToDictionary(c => c.Pin.Id, c => c.Domain == "reflection" ? 3 : 1);
        scarce[pool.Where(c => c.Domain == "reflection").ElementAt(4).Pin.Id] = 2;
        var drawn = FormAssembler.Assemble(pool, TwoDomains, 5, [], new AssemblyHistory(EnemyPairs.Empty, scarce)).Items.Select(p => p.Id).ToList();
        Assert.Contains(pool.First(c => c.Domain == "reflection").Pin.Id, drawn);
        Assert.Contains(pool.Where(c => c.Domain == "reflection").ElementAt(4).Pin.Id, drawn);
    }
}
