using Exam.Core.ItemBank;
using Exam.Core.Rating;

namespace Exam.Core.Tests.Rating;

public sealed class EssayResolutionTests
{
    private readonly EssayResolution _rule = EssayResolution.Default;

    [Theory]
    [InlineData(10, 10, 10)]
    [InlineData(10, 12, 11)]
    [InlineData(12, 10, 11)]
    [InlineData(9, 10, 9.5)]
    public void Totals_within_the_tolerance_are_averaged(decimal first, decimal second, decimal final) =>
        Assert.Equal(new Resolution.Final(final, false), _rule.Resolve(first, second));

    [Fact]
    public void Totals_further_apart_than_the_tolerance_go_to_adjudication() =>
        Assert.Equal(new Resolution.NeedsAdjudication(3), _rule.Resolve(8, 11));

    [Theory]
    [InlineData(8, 12, 11, 11.5)]  // third closer to the second
    [InlineData(8, 12, 7, 7.5)]    // third closer to the first
    [InlineData(8, 12, 10, 10)]    // equidistant: the third read stands
    public void The_default_third_read_is_averaged_with_the_closer_of_the_first_two(decimal a, decimal b, decimal third, decimal final) =>
        Assert.Equal(new Resolution.Final(final, true), _rule.ResolveWithThird(a, b, third));

    [Fact]
    public void Other_rules_use_all_three_or_the_third_alone()
    {
        Assert.Equal(10m, new EssayResolution(2, RatingResolution.MeanOfAllThree).ResolveWithThird(6, 12, 12).Score);
        Assert.Equal(9m, new EssayResolution(2, RatingResolution.ThirdOnly).ResolveWithThird(6, 12, 9).Score);
    }

    [Fact]
    public void A_tolerance_of_zero_sends_every_disagreement_to_adjudication() =>
        Assert.IsType<Resolution.NeedsAdjudication>(new EssayResolution(0, RatingResolution.MeanOfThirdAndCloser).Resolve(10, 11));

    [Theory]
    [InlineData(RatingResolution.MeanOfThirdAndCloser, 8, 12, null, "1,2")]
    [InlineData(RatingResolution.MeanOfThirdAndCloser, 8, 12, 11, "2,3")]
    [InlineData(RatingResolution.MeanOfThirdAndCloser, 8, 12, 7, "1,3")]
    [InlineData(RatingResolution.MeanOfThirdAndCloser, 8, 12, 10, "3")]
    [InlineData(RatingResolution.MeanOfAllThree, 6, 12, 12, "1,2,3")]
    [InlineData(RatingResolution.ThirdOnly, 6, 12, 9, "3")]
    public void The_reads_that_count_are_those_the_final_score_is_the_mean_of(RatingResolution rule, int a, int b, int? third, string reads)
    {
        var r = new EssayResolution(2, rule);
        var counting = r.CountingReads(a, b, third);
        Assert.Equal(reads, string.Join(',', counting));
        if (third is { } t)
        {
            int[] totals = [a, b, t];
            Assert.Equal(r.ResolveWithThird(a, b, t).Score, (decimal)counting.Sum(n => totals[n - 1]) / counting.Count);
        }
    }

    [Fact]
    public void Criterion_scores_are_the_means_of_the_counting_reads_and_sum_to_the_final_score()
    {
        IReadOnlyDictionary<string, int> second = new Dictionary<string, int> { ["obs"] = 3, ["theory"] = 2 };
        IReadOnlyDictionary<string, int> third = new Dictionary<string, int> { ["obs"] = 2, ["theory"] = 2 };
        var scores = EssayResolution.CriterionScores([second, third]);
        Assert.Equal(2.5m, scores["obs"]);
        Assert.Equal(2m, scores["theory"]);
        Assert.Equal(_rule.ResolveWithThird(0, 5, 4).Score, scores.Values.Sum());
    }
}
