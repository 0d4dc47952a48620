using Exam.Core.Psychometrics;

namespace Exam.Core.Tests.Psychometrics;

public sealed class AngoffTests
{
    private static PanelistRatings Ratings(string name, params double[] percents) =>
        new(name, percents.Select((r, i) => (Position: i + 1, Rating: r)).ToDictionary(x => x.Position, x => x.Rating));

    private static readonly int[] Five = [1, 2, 3, 4, 5];

    [Fact]
    public void Each_panelists_cut_is_the_sum_of_their_ratings_and_the_recommendation_is_their_mean()
    {
        // Three panelists, five items. Cuts: 3.5, 3.0, 4.0 -> mean 3.5; sample SD 0.5; SE = 0.5 / sqrt(3) = 0.289
        // (the central-limit estimate of the standard error of the judging, MacCann & Stanley, PARE 9(5), 2004).
        var result = Angoff.Compute(
        [
            Ratings("ana", 90, 80, 70, 60, 50),
            Ratings("ben", 80, 70, 60, 50, 40),
            Ratings("cy", 100, 90, 80, 70, 60),
        ], Five);
        Assert.Equal([3.5, 3.0, 4.0], result.PanelistCuts.Select(c => Math.Round(c.Cut, 3)));
        Assert.Equal(3.5, Math.Round(result.RecommendedCut, 3));
        Assert.Equal(0.5, Math.Round(result.PanelistSd, 3));
        Assert.Equal(0.289, Math.Round(result.StandardError, 3));
        Assert.Equal(4, result.RawCut); // rounded up: nobody passes below the panel's standard
    }

    [Fact]
    public void Only_the_scored_positions_count_and_a_missing_or_impossible_rating_is_refused()
    {
        var result = Angoff.Compute([Ratings("ana", 90, 80, 70, 60, 50)], [1, 2]);
        Assert.Equal(1.7, Math.Round(result.RecommendedCut, 3));
        Assert.Equal(0, result.StandardError); // one panelist: no spread to estimate
        Assert.Throws<ArgumentException>(() => Angoff.Compute([Ratings("ana", 90, 80)], Five));
        Assert.Throws<ArgumentException>(() => Angoff.Compute([Ratings("ana", 90, 80, 70, 60, 101)], Five));
        Assert.Throws<ArgumentException>(() => Angoff.Compute([], Five));
    }

    [Fact]
    public void The_discussion_shows_the_items_with_the_widest_spread_first()
    {
        var result = Angoff.Compute([Ratings("ana", 50, 80, 70, 60, 50), Ratings("ben", 90, 75, 70, 40, 50)], Five);
        Assert.Equal([1, 4, 2, 3, 5], Angoff.WidestSpreadFirst(result).Select(i => i.Position));
        var first = result.Items[0];
        Assert.Equal((70.0, 20.0, 50.0, 90.0), (first.Mean, first.Sd, first.Min, first.Max));
    }

    [Fact]
    public void Pass_rate_at_a_cut_counts_scores_at_or_above_it()
    {
        Assert.Equal(0.5, Angoff.PassRate([2, 3, 4, 5], 4));
        Assert.Equal(0, Angoff.PassRate([], 4));
    }

    [Fact]
    public void Beuk_compromise_is_where_the_observed_pass_rate_meets_the_panels_line()
    {
        // Ten people scoring 1..10: the observed pass rate at cut c is 110 - 10c percent.
        int[] scores = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        // Cuts 5 and 7 (mean 6, SD 1), expected pass rates 60% and 40% (mean 50, SD 10): line 50 + 10 (c - 6); meets at c = 6.
        Assert.Equal(6, Angoff.BeukCut([60, 40], [5, 7], scores, 10));
        // Expecting fewer passes (mean 30%) moves the compromise up: 30 + 10 (c - 6) = 110 - 10c at c = 7.
        Assert.Equal(7, Angoff.BeukCut([40, 20], [5, 7], scores, 10));
        Assert.Equal(6, Angoff.BeukCut([50, 40], [6, 6], scores, 10)); // an agreed cut: the line is vertical at it
        Assert.Null(Angoff.BeukCut([50], [6], [], 10));
    }
}
