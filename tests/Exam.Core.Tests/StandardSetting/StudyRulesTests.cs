using Exam.Core.Psychometrics;
using Exam.Core.Scoring;
using Exam.Core.StandardSetting;

namespace Exam.Core.Tests.StandardSetting;

public sealed class StudyRulesTests
{
    [Fact]
    public void A_study_moves_forward_one_stage_at_a_time_and_adoption_is_its_own_step()
    {
        Assert.Equal(StudyStage.Round1, StudyStages.Next(StudyStage.Setup));
        Assert.Equal(StudyStage.Discussion, StudyStages.Next(StudyStage.Round1));
        Assert.Equal(StudyStage.Round2, StudyStages.Next(StudyStage.Discussion));
        Assert.Equal(StudyStage.Results, StudyStages.Next(StudyStage.Round2));
        Assert.Null(StudyStages.Next(StudyStage.Results));
        Assert.Null(StudyStages.Next(StudyStage.Adopted));
        Assert.Equal([null, 1, null, 2, null, null], Enum.GetValues<StudyStage>().Select(StudyStages.OpenRound));
        Assert.All(Enum.GetValues<StudyStage>(), s => Assert.Equal(s, StudyStages.Parse(StudyStages.Code(s))));
        Assert.Throws<ArgumentException>(() => StudyStages.Parse("round3"));
    }

    [Fact]
    public void Round_one_needs_a_description_and_two_panelists_and_a_round_ends_when_everyone_has_finished()
    {
        Assert.Contains("minimally competent", StudyStages.CheckAdvance(StudyStage.Setup, " ", 3, []));
        Assert.Contains("at least 2 panelists", StudyStages.CheckAdvance(StudyStage.Setup, "Knows the basics", 1, []));
        Assert.Null(StudyStages.CheckAdvance(StudyStage.Setup, "Knows the basics", 2, []));
        Assert.Equal("Waiting for ana, cy to finish round 1.", StudyStages.CheckAdvance(StudyStage.Round1, "x", 3, ["cy", "ana"]));
        Assert.Null(StudyStages.CheckAdvance(StudyStage.Round2, "x", 3, []));
        Assert.NotNull(StudyStages.CheckAdvance(StudyStage.Results, "x", 3, []));
    }

    [Fact]
    public void A_panelist_may_leave_until_round_one_closes_and_round_one_keeps_two()
    {
        Assert.Null(StudyStages.CheckRemove(StudyStage.Setup, 1));
        Assert.Null(StudyStages.CheckRemove(StudyStage.Round1, 3));
        Assert.Contains("at least 2 panelists", StudyStages.CheckRemove(StudyStage.Round1, 2));
        foreach (var later in new[] { StudyStage.Discussion, StudyStage.Round2, StudyStage.Results, StudyStage.Adopted })
            Assert.Equal(StudyStages.RemoveClosed, StudyStages.CheckRemove(later, 5));
    }

    [Fact]
    public void The_pass_mark_in_force_is_the_adopted_cut_when_the_key_carries_one_else_the_published_percent()
    {
        var key = new ScoringKey(1, Enumerable.Range(1, 58).Select(i => KeyedItem.WithKey($"q{i}", "reflection", "A")).ToList());
        var published = PassMark.Of(key, 80);
        Assert.Equal("80%", published.Describe());
        Assert.True(published.Passes(47, 58)); // 81.03%
        Assert.False(published.Passes(46, 58)); // 79.31%

        var adopted = PassMark.Of(key.WithCut(new CutScore(42, 58)), 80);
        Assert.Equal("42 of 58 (72.41%)", adopted.Describe());
        Assert.Equal(72.41m, adopted.Percent);
        Assert.True(adopted.Passes(42, 58));
        Assert.False(adopted.Passes(41, 58));
        // A domain subscore is held to the same proportion: 3 of 4 (75%) reaches 42/58, 2 of 3 (66.7%) does not.
        Assert.True(adopted.Passes(3, 4));
        Assert.False(adopted.Passes(2, 3));
        // As a result stores it: both halves of the adopted cut, or the published percent.
        Assert.Equal(adopted, PassMark.Of(42, 58, 80));
        Assert.Equal(published, PassMark.Of(null, null, 80));
        Assert.Equal(published, PassMark.Of(42, null, 80));
    }

    [Fact]
    public void A_rating_and_an_expected_pass_rate_are_whole_percentages()
    {
        Assert.Null(StudyStages.CheckRating(0));
        Assert.Null(StudyStages.CheckRating(100));
        Assert.NotNull(StudyStages.CheckRating(-1));
        Assert.NotNull(StudyStages.CheckRating(101));
        Assert.NotNull(StudyStages.CheckExpectedPass(101));
        Assert.NotNull(StudyStages.CheckTitle(""));
        Assert.NotNull(StudyStages.CheckTitle(new string('t', FieldLimits.StudyTitle + 1)));
        Assert.NotNull(StudyStages.CheckDescription(new string('d', FieldLimits.CandidateDescription + 1)));
    }

    [Fact]
    public void An_adopted_raw_cut_keeps_its_proportion_in_whole_numbers()
    {
        var cut = new CutScore(45, 60);
        Assert.True(cut.Passes(45, 60));
        Assert.False(cut.Passes(44, 60));
        // One item dropped later: 45/60 = 0.75, so 45 of 59 passes and 44 of 59 (0.7458) does not.
        Assert.True(cut.Passes(45, 59));
        Assert.False(cut.Passes(44, 59));
        Assert.False(cut.Passes(0, 0));
        Assert.Equal(75m, cut.Percent);
        Assert.Null(CutScore.Check(45, 60));
        Assert.NotNull(CutScore.Check(0, 60));
        Assert.NotNull(CutScore.Check(61, 60));
    }

    [Fact]
    public void Scoring_uses_the_adopted_cut_in_place_of_the_percent_and_a_key_correction_keeps_it()
    {
        var key = new ScoringKey(1, new[] { "p1", "p2", "p3", "p4", "p5" }.Select(p => KeyedItem.WithKey(p, "thinking", "A")).ToList());
        var three = new Dictionary<string, string?> { ["p1"] = "A", ["p2"] = "A", ["p3"] = "A", ["p4"] = "B" };
        Assert.False(McScorer.Score(key, three, 80).Passed); // 3 of 5 at 80%
        var adopted = key.WithCut(new CutScore(3, 5));
        Assert.Equal(2, adopted.Version);
        var score = McScorer.Score(adopted, three, 80);
        Assert.True(score.Passed);
        Assert.Equal(2, score.KeyVersion);
        var corrected = adopted.Correct(new KeyCorrection("p5", [], Drop: true, "Ambiguous"));
        Assert.Equal((3, new CutScore(3, 5)), (corrected.Version, corrected.Cut));
    }

    private static PanelistRatings Ratings(string name, params double[] percents) =>
        new(name, percents.Select((r, i) => (Position: i + 1, Rating: r)).ToDictionary(x => x.Position, x => x.Rating));

    [Fact]
    public void The_outcome_gives_the_recommended_cut_its_standard_error_the_pass_rate_at_it_and_Beuks_compromise()
    {
        // Four panelists, four items. Cuts 2.4, 2.6, 2.8, 3.0: mean 2.7, sample SD 0.258, SE 0.129; raw cut 3.
        var final = new[]
        {
            Ratings("a", 60, 60, 60, 60), Ratings("b", 70, 60, 60, 70), Ratings("c", 70, 70, 70, 70), Ratings("d", 80, 70, 70, 80),
        };
        int[] scores = [0, 1, 2, 2, 3, 3, 3, 4, 4, 4]; // pass rate at 3: 60%
        var outcome = StudyOutcomes.Compute(final, [50, 55, 60, 65], [1, 2, 3, 4], scores);
        Assert.Equal(2.7, Math.Round(outcome.Angoff.RecommendedCut, 3));
        Assert.Equal(0.258, Math.Round(outcome.Angoff.PanelistSd, 3));
        Assert.Equal(0.129, Math.Round(outcome.Angoff.StandardError, 3));
        Assert.Equal(3, outcome.Angoff.RawCut);
        Assert.Equal(0.6, outcome.PassRateAtCut);
        // Line: 57.5 + (5.590 / 0.2236) (c - 2.7) = 57.5 + 25 (c - 2.7): at 3 it is 65 against 60 observed, at 2 it is 40 against 80: 3.
        Assert.Equal(3, outcome.BeukCut);
        Assert.Equal(0.6, outcome.PassRateAtBeuk);
        Assert.Equal(4, outcome.MaxRaw);

        var noImpact = StudyOutcomes.Compute(final, [50, null, 60, 65], [1, 2, 3, 4], []);
        Assert.Null(noImpact.PassRateAtCut);
        Assert.Null(noImpact.BeukCut);
    }
}
