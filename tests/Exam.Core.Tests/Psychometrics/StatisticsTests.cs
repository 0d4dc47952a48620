using Exam.Core.Psychometrics;
using static Exam.Core.Tests.Psychometrics.PublishedExamples;

namespace Exam.Core.Tests.Psychometrics;

public sealed class StatisticsTests
{
    private static double[] Totals(int[][] rows) => rows.Select(r => (double)r.Sum()).ToArray();

    [Fact]
    public void Wuensch_KR20_example_p_values_variance_and_KR20_to_three_decimals()
    {
        var totals = Totals(Wuensch);
        var ps = Enumerable.Range(0, 10).Select(j => Wuensch.Average(r => r[j])).ToList();
        Assert.Equal([0.7, 0.7, 0.6, 0.7, 0.6, 0.8, 0.7, 0.7, 0.5, 0.6], ps.Select(p => Math.Round(p, 3)));
        Assert.Equal(2.18, Math.Round(ps.Sum(p => p * (1 - p)), 3));
        Assert.Equal(5.84, Math.Round(Statistics.PopulationVariance(totals), 3));
        // KR-20 from the printed components: 10/9 * (1 - 2.18/5.84).
        Assert.Equal(0.696, Math.Round(Statistics.Kr20(ps, Statistics.PopulationVariance(totals))!.Value, 3));
    }

    [Fact]
    public void SEM_is_the_SD_times_the_root_of_one_minus_reliability()
    {
        // Wuensch's totals: SD = sqrt(5.84) = 2.4166, KR-20 = 0.69635 -> SEM = 1.332.
        var totals = Totals(Wuensch);
        var sd = Statistics.PopulationSd(totals);
        Assert.Equal(2.417, Math.Round(sd, 3));
        Assert.Equal(1.332, Math.Round(Statistics.Sem(sd, 0.69635)!.Value, 3));
        Assert.Null(Statistics.Sem(sd, -0.2));
    }

    [Fact]
    public void Brown_point_biserials_match_the_printed_values_and_the_SD_is_a_population_SD()
    {
        Assert.Equal(8.292, Math.Round(Statistics.PopulationSd(BrownTotals), 3)); // printed 8.29
        // rpbi = (Mp - Mq) / St * sqrt(pq) = (45 - 30) / 8.2916 * 0.5 = 0.905 (printed .91)
        Assert.Equal(0.905, Math.Round(Statistics.Pearson(BrownItem1, BrownTotals)!.Value, 3));
        Assert.Equal(-0.905, Math.Round(Statistics.Pearson(BrownItem2, BrownTotals)!.Value, 3));
    }

    [Fact]
    public void An_item_everyone_answered_alike_has_no_point_biserial()
    {
        // Brown's item 3: every student right; the printed rpbi is .00, ours is undefined rather than a made-up zero.
        Assert.Null(Statistics.Pearson([1, 1, 1, 1, 1, 1, 1, 1], BrownTotals));
    }

    [Fact]
    public void Fletcher_discrim_example_with_upper_and_lower_thirds()
    {
        var people = FletcherColumns[0].Length;
        var totals = Enumerable.Range(0, people).Select(i => (double)FletcherColumns.Sum(c => c[i])).ToArray();
        var d = FletcherColumns.Select(c => Statistics.UpperLowerIndex(c.Select(x => (double)x).ToArray(), totals, 1.0 / 3)!.Value).ToList();
        // Upper third (stable order, the last four): people 11, 12, 9, 10; lower: people 1-4.
        Assert.Equal([0, 0, 0, 0.5, 1, 0.75, 0.25], d.Select(x => Math.Round(x, 3)));
    }

    [Fact]
    public void The_upper_lower_groups_are_27_percent_rounded()
    {
        // 10 people -> groups of 3 (2.7 rounds to 3): the item is right only for the top three.
        double[] totals = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        double[] item = [0, 0, 0, 0, 0, 0, 0, 1, 1, 1];
        Assert.Equal(1.0, Statistics.UpperLowerIndex(item, totals));
        Assert.Null(Statistics.UpperLowerIndex([1], [1]));
    }

    [Fact]
    public void KR20_needs_two_items_and_some_variance()
    {
        Assert.Null(Statistics.Kr20([0.5], 1));
        Assert.Null(Statistics.Kr20([0.5, 0.5], 0));
    }
}
