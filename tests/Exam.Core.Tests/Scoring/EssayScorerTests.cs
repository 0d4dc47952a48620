using Exam.Core.ItemBank;
using Exam.Core.Scoring;

namespace Exam.Core.Tests.Scoring;

public sealed class EssayScorerTests
{
    [Fact]
    public void Two_essays_sum_to_a_percent_of_their_maxima()
    {
        var score = EssayScorer.Score(PartTwoCombine.SumPercent, 2, [new(10, 12), new(11, 12)], 12, 80);
        Assert.Equal(new EssayScore(21, 24, 87.5m, true), score);
    }

    [Fact]
    public void An_essay_not_written_counts_zero_against_the_highest_maximum_offered()
    {
        var score = EssayScorer.Score(PartTwoCombine.SumPercent, 2, [new(12, 12)], 15, 80);
        Assert.Equal(new EssayScore(12, 27, 44.44m, false), score);
    }

    [Fact]
    public void Essays_beyond_the_number_to_answer_are_not_counted_in_the_score_or_the_maximum()
    {
        var score = EssayScorer.Score(PartTwoCombine.SumPercent, 2, [new(6, 12), new(6, 12), new(12, 12)], 12, 80);
        Assert.Equal(new EssayScore(12, 24, 50m, false), score);
    }

    [Fact]
    public void Half_points_from_a_mean_of_two_reads_count_exactly_at_the_cut()
    {
        Assert.True(EssayScorer.Score(PartTwoCombine.SumPercent, 2, [new(9.5m, 12), new(9.7m, 12)], 12, 80).Passed);
        Assert.False(EssayScorer.Score(PartTwoCombine.SumPercent, 2, [new(9.5m, 12), new(9.5m, 12)], 12, 80).Passed);
    }

    [Fact]
    public void Nothing_to_score_is_zero_and_fails()
    {
        Assert.Equal(new EssayScore(0, 0, 0, false), EssayScorer.Score(PartTwoCombine.SumPercent, 0, [], 0, 80));
    }

    [Fact]
    public void A_combine_setting_without_a_rule_is_refused_rather_than_guessed()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EssayScorer.Score((PartTwoCombine)99, 2, [], 12, 80));
    }
}
