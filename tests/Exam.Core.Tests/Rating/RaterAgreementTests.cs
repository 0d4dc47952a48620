using Exam.Core.Rating;

namespace Exam.Core.Tests.Rating;

public sealed class RaterAgreementTests
{
    private static List<(int, int)> Repeat(int a, int b, int times) => Enumerable.Repeat((a, b), times).ToList();

    [Fact]
    public void Kappa_matches_the_published_two_category_example()
    {
        // Wikipedia, "Cohen's kappa", worked example: 50 grant proposals read by two readers;
        // both yes 20, A yes/B no 5, A no/B yes 10, both no 15: p_o = 0.70, p_e = 0.50, kappa = 0.40.
        // With two categories the quadratic weights are 0 and 1, so the weighted kappa equals Cohen's kappa.
        var ratings = Repeat(1, 1, 20).Concat(Repeat(1, 0, 5)).Concat(Repeat(0, 1, 10)).Concat(Repeat(0, 0, 15)).ToList();
        Assert.Equal(0.40, RaterAgreement.QuadraticWeightedKappa(ratings, 0, 1), 10);
    }

    [Fact]
    public void Kappa_matches_a_three_category_example_worked_by_hand()
    {
        // Scores 0-2, ten essays: (0,0)x2 (1,1)x3 (2,2)x2 (0,1) (1,2) (2,0).
        // Weights (i-j)^2/4: observed weighted disagreement = (0.25 + 0.25 + 1) / 10 = 0.15.
        // Marginals A = B = (0.3, 0.4, 0.3). Chance = sum w_ij a_i b_j: one point apart 4 x 0.12 x 0.25 = 0.12,
        // two apart 2 x 0.09 x 1 = 0.18; 0.30 in all.
        // kappa_w = 1 - 0.15 / 0.30 = 0.50.
        var ratings = Repeat(0, 0, 2).Concat(Repeat(1, 1, 3)).Concat(Repeat(2, 2, 2)).Concat([(0, 1), (1, 2), (2, 0)]).ToList();
        Assert.Equal(0.50, RaterAgreement.QuadraticWeightedKappa(ratings, 0, 2), 10);
    }

    [Fact]
    public void Perfect_agreement_is_one_and_reversed_scales_are_minus_one()
    {
        Assert.Equal(1.0, RaterAgreement.QuadraticWeightedKappa([(0, 0), (1, 1), (2, 2), (3, 3)], 0, 3), 10);
        Assert.Equal(-1.0, RaterAgreement.QuadraticWeightedKappa([(0, 3), (3, 0)], 0, 3), 10);
    }

    [Fact]
    public void Kappa_is_undefined_when_both_raters_gave_one_score_throughout() =>
        Assert.True(double.IsNaN(RaterAgreement.QuadraticWeightedKappa(Repeat(2, 2, 5), 0, 3)));

    [Fact]
    public void The_summary_gives_exact_and_adjacent_agreement_severity_and_adjudication_rate()
    {
        var pairs = new List<RatedPair>
        {
            new(10, 10, 10, false),
            new(9, 10, 9.5m, false),
            new(8, 12, 11.5m, true),
            new(12, 11, 11.5m, false),
        };
        var s = RaterAgreement.Summarize(pairs, 0, 15);
        Assert.Equal(4, s.Count);
        Assert.Equal(25m, s.ExactAgreement);
        Assert.Equal(75m, s.AdjacentAgreement);
        Assert.Equal(-0.88m, s.Severity); // (0 - 0.5 - 3.5 + 0.5) / 4 = -0.875: this rater reads harshly
        Assert.Equal(25m, s.AdjudicationRate);
    }

    [Fact]
    public void Scores_off_the_scale_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RaterAgreement.QuadraticWeightedKappa([(0, 4)], 0, 3));
}
