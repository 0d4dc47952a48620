using Exam.Core.Rating;

namespace Exam.Core.Tests.Rating;

public sealed class QualificationRuleTests
{
    private static ValidityRating Paper(int given, int agreed) =>
        new(new Dictionary<string, int> { ["c1"] = given }, new Dictionary<string, int> { ["c1"] = agreed });

    [Fact]
    public void Four_of_five_totals_within_one_point_qualify()
    {
        var outcome = new QualificationRule().Evaluate([Paper(10, 10), Paper(9, 10), Paper(11, 10), Paper(7, 8), Paper(3, 10)]);
        Assert.Equal(new QualificationOutcome(true, 4, 5, 4, 1), outcome);
    }

    [Fact]
    public void Three_of_five_do_not()
    {
        var outcome = new QualificationRule().Evaluate([Paper(10, 10), Paper(12, 10), Paper(11, 10), Paper(7, 8), Paper(3, 10)]);
        Assert.False(outcome.Passed);
        Assert.Equal(3, outcome.Within);
    }

    [Fact]
    public void The_tolerance_and_the_count_are_configurable()
    {
        var papers = new[] { Paper(12, 10), Paper(8, 10), Paper(10, 10) };
        Assert.False(new QualificationRule().Evaluate(papers).Passed);
        Assert.True(new QualificationRule(Tolerance: 2, RequiredWithin: 3).Evaluate(papers).Passed);
        Assert.True(new QualificationRule(Tolerance: 0, RequiredWithin: 1).Evaluate(papers).Passed);
    }

    [Fact]
    public void A_set_smaller_than_the_required_count_is_refused()
    {
        Assert.NotNull(new QualificationRule().SetProblem(3));
        Assert.Null(new QualificationRule().SetProblem(5));
    }
}

public sealed class ValidityAccuracyTests
{
    private static ValidityRating Read(int a, int b, int agreedA, int agreedB) =>
        new(new Dictionary<string, int> { ["a"] = a, ["b"] = b }, new Dictionary<string, int> { ["a"] = agreedA, ["b"] = agreedB });

    [Fact]
    public void Exact_adjacent_and_signed_deviation_of_totals_and_criteria()
    {
        // Totals given minus agreed: 0, +1, -2 → exact 1/3, adjacent 2/3, mean -1/3.
        var s = ValidityAccuracy.Summarize([Read(2, 2, 2, 2), Read(3, 2, 2, 2), Read(1, 1, 2, 2)]);
        Assert.Equal(3, s.N);
        Assert.Equal(0.333m, s.Exact);
        Assert.Equal(0.667m, s.Adjacent);
        Assert.Equal(-0.333m, s.MeanSignedDeviation);
        Assert.Equal(0m, s.CriterionDeviation["a"]);   // 0, +1, -1
        Assert.Equal(-0.333m, s.CriterionDeviation["b"]); // 0, 0, -1
    }

    [Fact]
    public void No_papers_give_n_zero() => Assert.Equal(0, ValidityAccuracy.Summarize([]).N);

    [Fact]
    public void A_lenient_drift_is_flagged_once_there_are_enough_papers()
    {
        var lenient = ValidityAccuracy.Summarize([Read(3, 3, 2, 2), Read(3, 3, 2, 2), Read(3, 3, 2, 1)]);
        Assert.Equal(2.333m, lenient.MeanSignedDeviation);
        Assert.Contains(new DriftRule().Flags(lenient), f => f.StartsWith("drifting lenient", StringComparison.Ordinal));
        Assert.Empty(new DriftRule(MinimumPapers: 4).Flags(lenient));
        Assert.Empty(new DriftRule(MaxDeviation: 3m, MinAdjacent: 0m).Flags(lenient));
    }

    [Fact]
    public void An_accurate_rater_is_not_flagged() =>
        Assert.Empty(new DriftRule().Flags(ValidityAccuracy.Summarize([Read(2, 2, 2, 2), Read(1, 2, 2, 2), Read(3, 3, 3, 3)])));
}

public sealed class SeedingPlanTests
{
    [Fact]
    public void Exactly_one_claim_in_each_block_of_ten_is_a_validity_paper()
    {
        var plan = new SeedingPlan();
        foreach (var rater in new long[] { 1, 2, 17, 40_001 })
            for (var block = 0; block < 20; block++)
                Assert.Equal(1, Enumerable.Range(block * 10, 10).Count(i => plan.IsSeed(rater, 3, i)));
    }

    [Fact]
    public void The_decision_is_deterministic_and_differs_between_raters()
    {
        var plan = new SeedingPlan();
        var first = Enumerable.Range(0, 200).Where(i => plan.IsSeed(7, 1, i)).ToList();
        Assert.Equal(first, Enumerable.Range(0, 200).Where(i => new SeedingPlan().IsSeed(7, 1, i)).ToList());
        var others = Enumerable.Range(8, 20).Select(r => Enumerable.Range(0, 200).Where(i => plan.IsSeed(r, 1, i)).ToList());
        Assert.Contains(others, o => !o.SequenceEqual(first));
        // Not always the same place in the block, so counting claims does not find it.
        Assert.True(first.Select(i => i % 10).Distinct().Count() > 3);
    }

    [Fact]
    public void The_rate_is_configurable()
    {
        var plan = new SeedingPlan(OneIn: 4);
        Assert.Equal(25, Enumerable.Range(0, 100).Count(i => plan.IsSeed(5, 2, i)));
        Assert.Throws<InvalidOperationException>(() => new SeedingPlan(OneIn: 1).IsSeed(1, 1, 0));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(9, 1)]
    [InlineData(10, 2)]
    [InlineData(45, 5)]
    public void Seeds_go_with_live_reads_about_one_in_ten(int live, int seeds) => Assert.Equal(seeds, new SeedingPlan().SeedsFor(live));
}
