using Exam.Core.ItemBank;
using Exam.Core.Tests.Blueprint;

namespace Exam.Core.Tests.ItemBank;

public sealed class FormAssemblerTests
{
    /// <summary>A pool with <paramref name="perDomain"/> approved MCQs in each of the eleven domains, keys and authors rotating.</summary>
    private static List<AssemblyCandidate> Pool(int perDomain = 25, Level level = Level.Both)
    {
        var pool = new List<AssemblyCandidate>();
        var n = 0;
        foreach (var (domain, _) in TestBlueprints.AllElevenSixty.Counts)
        {
            for (var i = 0; i < perDomain; i++, n++)
            {
                var content = Samples.Mcq($"{domain}-{i:000}", domain, "ABCD"[n % 4].ToString(), $"writer-{n % 5}");
                pool.Add(AssemblyCandidate.From(content with { Level = level }));
            }
        }
        return pool;
    }

    [Fact]
    public void Auto_assembly_meets_the_default_blueprint_with_no_item_twice()
    {
        var pool = Pool();
        var result = FormAssembler.Assemble(pool, TestBlueprints.AllElevenSixty, seed: 42);
        Assert.True(result.Succeeded);
        Assert.Equal(60, result.Items.Count);
        Assert.Equal(60, result.Items.Select(p => p.Id).Distinct().Count());
        var domainOf = pool.ToDictionary(c => c.Pin, c => c.Domain);
        Assert.Empty(TestBlueprints.AllElevenSixty.Validate(result.Items.Select(p => domainOf[p])));
    }

    [Fact]
    public void The_same_pool_and_seed_give_the_same_form_whatever_the_pool_order()
    {
        var pool = Pool();
        var first = FormAssembler.Assemble(pool, TestBlueprints.AllElevenSixty, seed: 7);
        var reversed = Enumerable.Reverse(pool).ToList();
        var second = FormAssembler.Assemble(reversed, TestBlueprints.AllElevenSixty, seed: 7);
        Assert.Equal(first.Items, second.Items);
    }

    [Fact]
    public void Another_seed_gives_another_form()
    {
        var pool = Pool();
        Assert.NotEqual(
            FormAssembler.Assemble(pool, TestBlueprints.AllElevenSixty, seed: 1).Items,
            FormAssembler.Assemble(pool, TestBlueprints.AllElevenSixty, seed: 2).Items);
    }

    [Fact]
    public void The_assembled_keys_are_balanced_over_A_to_D()
    {
        var pool = Pool();
        var keyOf = pool.ToDictionary(c => c.Pin, c => c.Key);
        var keys = FormAssembler.Assemble(pool, TestBlueprints.AllElevenSixty, seed: 3).Items.GroupBy(p => keyOf[p]).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(4, keys.Count);
        Assert.True(keys.Values.Max() - keys.Values.Min() <= 1, string.Join(", ", keys));
    }

    [Fact]
    public void Each_domain_is_spread_through_the_section_not_in_a_block()
    {
        var pool = Pool();
        var domainOf = pool.ToDictionary(c => c.Pin, c => c.Domain);
        var items = FormAssembler.Assemble(pool, TestBlueprints.AllElevenSixty, seed: 3).Items;
        var tfPositions = items.Select((p, i) => (p, i)).Where(x => domainOf[x.p] == "theoretical-foundations").Select(x => x.i).ToList();
        Assert.True(tfPositions.Min() < 5 && tfPositions.Max() > 55);
    }

    [Fact]
    public void A_pool_too_small_reports_every_shortfall_and_assembles_nothing()
    {
        var pool = Pool(perDomain: 3);
        var result = FormAssembler.Assemble(pool, TestBlueprints.AllElevenSixty, seed: 1);
        Assert.False(result.Succeeded);
        Assert.Empty(result.Items);
        Assert.Equal(["theoretical-foundations", "law-regulation-policy", "systems-expertise", "direct-service-skills", "thinking", "reflection"],
            result.Shortfalls.Select(s => s.DomainId));
    }

    [Fact]
    public void Level_four_items_are_not_drawn_for_a_form_a_level_three_track_sits()
    {
        // Level IV-only domains hold only Level IV items, as in the bank.
        var pool = Pool().Where(c => !TestBlueprints.Shipped.Domain(c.Domain)!.LevelFourOnly)
            .Concat(Pool(level: Level.IV).Where(c => TestBlueprints.Shipped.Domain(c.Domain)!.LevelFourOnly)).ToList();
        var withImhs = FormAssembler.Assemble(pool, TestBlueprints.AllElevenSixty, 1, TestBlueprints.Shipped.Tracks);
        Assert.False(withImhs.Succeeded);
        Assert.Equal(["leading-people", "administration", "research-evaluation"], withImhs.Shortfalls.Select(s => s.DomainId));
        Assert.All(withImhs.Shortfalls, s => Assert.Equal(0, s.Actual));

        var mentorsOnly = FormAssembler.Assemble(pool, TestBlueprints.AllElevenSixty, 1, [TestBlueprints.ImhmClinical, TestBlueprints.ImhmPolicy]);
        Assert.True(mentorsOnly.Succeeded);

        var shared = FormAssembler.Assemble(pool, TestBlueprints.SharedSixty, 1, TestBlueprints.Shipped.Tracks);
        Assert.True(shared.Succeeded);
        var levelOf = pool.ToDictionary(c => c.Pin, c => c.Level);
        Assert.All(shared.Items, p => Assert.Equal(Level.Both, levelOf[p]));
    }

    [Fact]
    public void The_seeded_generator_is_fixed_by_its_definition()
    {
        var a = new SeededRandom(12345);
        var b = new SeededRandom(12345);
        var first = Enumerable.Range(0, 5).Select(_ => a.NextUInt64()).ToList();
        Assert.Equal(first, Enumerable.Range(0, 5).Select(_ => b.NextUInt64()));
        // SplitMix64's published first output for seed 0.
        Assert.Equal(0xE220A8397B1DCDAFUL, new SeededRandom(0).NextUInt64());
    }
}
