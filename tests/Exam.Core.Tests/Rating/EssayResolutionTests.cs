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
}
