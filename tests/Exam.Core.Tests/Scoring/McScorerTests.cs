using Exam.Core.Scoring;

namespace Exam.Core.Tests.Scoring;

public sealed class McScorerTests
{
    private static ScoringKey Key(params (string Id, string Domain, string Key)[] items) =>
        new(1, items.Select(i => KeyedItem.WithKey(i.Id, i.Domain, i.Key)).ToList());

    private static ScoringKey SixtyItems() =>
        new(1, Enumerable.Range(1, 60).Select(i => KeyedItem.WithKey($"q{i}", i <= 20 ? "theoretical-foundations" : "direct-service-skills", "A")).ToList());

    private static Dictionary<string, string?> Correct(int howMany) =>
        Enumerable.Range(1, 60).ToDictionary(i => $"q{i}", i => (string?)(i <= howMany ? "A" : "B"));

    [Fact]
    public void Raw_score_percent_and_domain_subscores_are_counted_from_the_key()
    {
        var key = Key(("q1", "reflection", "A"), ("q2", "reflection", "B"), ("q3", "thinking", "C"), ("q4", "thinking", "D"));
        var score = McScorer.Score(key, new Dictionary<string, string?> { ["q1"] = "A", ["q2"] = "C", ["q3"] = "C", ["q4"] = null }, 80);
        Assert.Equal((2, 4, 50m, false), (score.Raw, score.Max, score.Percent, score.Passed));
        Assert.Equal([new DomainSubscore("reflection", 1, 2), new DomainSubscore("thinking", 1, 2)], score.Domains);
    }

    [Theory]
    [InlineData(48, true)]
    [InlineData(47, false)]
    [InlineData(60, true)]
    public void The_cut_is_80_percent_so_48_of_60_passes(int correct, bool passed) =>
        Assert.Equal(passed, McScorer.Score(SixtyItems(), Correct(correct), 80).Passed);

    [Fact]
    public void Unanswered_and_unknown_answers_earn_nothing()
    {
        var score = McScorer.Score(SixtyItems(), new Dictionary<string, string?> { ["q1"] = "A", ["q2"] = "Z" }, 80);
        Assert.Equal(1, score.Raw);
    }

    [Fact]
    public void A_corrected_key_accepting_two_options_credits_both_and_counts_a_new_version()
    {
        var key = SixtyItems().Correct(new KeyCorrection("q60", ["A", "B"], Drop: false, "B is also defensible"));
        var score = McScorer.Score(key, Correct(47), 80);
        Assert.Equal(2, key.Version);
        Assert.Equal(48, score.Raw);
        Assert.True(score.Passed);
    }

    [Fact]
    public void A_dropped_item_leaves_the_maximum_and_the_cut_is_applied_to_what_is_left()
    {
        var key = SixtyItems().Correct(new KeyCorrection("q1", [], Drop: true, "ambiguous stem"));
        var score = McScorer.Score(key, Correct(48), 80);
        Assert.Equal((47, 59), (score.Raw, score.Max));
        Assert.False(score.Passed); // 47/59 = 79.66%
        Assert.Equal(19, score.Domains.Single(d => d.Domain == "theoretical-foundations").Max);
    }

    [Fact]
    public void A_correction_must_name_an_item_on_the_form_and_accept_something()
    {
        Assert.Throws<ArgumentException>(() => SixtyItems().Correct(new KeyCorrection("nope", ["A"], false, "")));
        Assert.Throws<ArgumentException>(() => SixtyItems().Correct(new KeyCorrection("q1", [], false, "")));
    }

    [Fact]
    public void Rescoring_with_a_corrected_key_changes_only_the_attempts_it_should()
    {
        var original = SixtyItems();
        var corrected = original.Correct(new KeyCorrection("q60", ["B"], Drop: false, "key was wrong"));
        var answeredA = Correct(60);
        var answeredB = Correct(59);
        Assert.Equal(60, McScorer.Score(original, answeredA, 80).Raw);
        Assert.Equal(59, McScorer.Score(corrected, answeredA, 80).Raw);
        Assert.Equal(60, McScorer.Score(corrected, answeredB, 80).Raw);
    }
}
