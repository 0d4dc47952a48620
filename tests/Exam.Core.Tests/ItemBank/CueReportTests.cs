using Exam.Core.ItemBank;
using Exam.Core.ItemBank.Cues;

namespace Exam.Core.Tests.ItemBank;

public sealed class CueReportTests
{
    private static ItemContent Mcq(string key, string a, string b, string c, string d, string stem = "Which response fits best?", string id = "tf-001") =>
        Samples.Mcq(id: id, key: key) with
        {
            Options = [new("A", a, "Why A."), new("B", b, "Why B."), new("C", c, "Why C."), new("D", d, "Why D.")],
            Body = stem,
        };

    [Fact]
    public void A_key_that_is_the_longest_option_is_found_by_the_longest_strategy_and_missed_by_avoiding_it()
    {
        var cues = ItemCues.Of(Mcq("C", "Wait", "Refer out", "Observe the dyad together over several visits", "Reassure"));

        Assert.Equal(1, cues.KeyLengthRank);
        Assert.True(cues.KeyLongest);
        Assert.Equal(1.0, cues.Strategies["longest"]);
        Assert.Equal(0.0, cues.Strategies["avoid-longest"]);
        Assert.Equal(1.0 / 3, cues.Strategies["avoid-shortest"], 9);
        Assert.Contains(cues.StrongCues, s => s.Option == "C" && s.Message.Contains("longer than any other option", StringComparison.Ordinal));
    }

    [Fact]
    public void Ties_split_the_expected_score_evenly()
    {
        // A and B tie for the shortest: a candidate taking the shortest picks one of the two.
        var cues = ItemCues.Of(Mcq("A", "Wait", "Call", "Refer the family", "Observe the dyad"));

        Assert.Equal(0.5, cues.Strategies["shortest"]);
        Assert.Equal(0.0, cues.Strategies["longest"]);
        Assert.Equal(3, cues.KeyLengthRank);
        Assert.True(cues.KeyShortest);
    }

    [Fact]
    public void Testwise_strikes_absolutes_keeps_compounds_strikes_the_longest_and_takes_the_shortest()
    {
        var item = Mcq("B",
            "Always refer the family and wait for a report",   // struck: absolute
            "Observe and reflect with her",                     // compound, shortest of the compounds left
            "Observe the dyad and then reflect with the parent", // compound, longest: struck
            "Explore her feelings and her history");            // compound
        var cues = ItemCues.Of(item);

        Assert.Equal(1.0, cues.Strategies["testwise"]);
        Assert.Equal(0.0, cues.Strategies["avoid-testwise"]);
        Assert.Equal(1.0 / 3, cues.Strategies["avoid-absolutes"], 9);
        Assert.Equal(0.25, cues.Strategies["has-and"]);
        Assert.Equal(["A"], cues.Absolute);
    }

    [Fact]
    public void A_strategy_that_leaves_no_candidate_keeps_them_all()
    {
        var cues = ItemCues.Of(Mcq("A", "Wait", "Call", "Refer", "Visit"));

        Assert.Equal(0.25, cues.Strategies["has-and"]);
        Assert.Equal(0.25, cues.Strategies["hedged"]);
        Assert.Equal(0.25, cues.Strategies["avoid-absolutes"]);
    }

    [Fact]
    public void Only_the_key_with_a_compound_action_or_the_stems_words_is_a_strong_cue()
    {
        var compound = ItemCues.Of(Mcq("D", "Wait for a week", "Call the doctor", "Refer her out", "Listen and reflect"));
        var stemWords = ItemCues.Of(Mcq("A", "Name the toddler's feelings", "Refer her out", "Call the doctor", "Wait for a week",
            stem: "A toddler bites at child care. What do you do about his feelings?"));

        Assert.Contains(compound.StrongCues, s => s.Message.StartsWith("only the key (D) has ' and '", StringComparison.Ordinal));
        Assert.Equal(["feelings"], stemWords.KeyOnlyStemWords);
        Assert.Contains(stemWords.StrongCues, s => s.Message.Contains("repeats the stem's words (feelings)", StringComparison.Ordinal));
    }

    [Fact]
    public void Absolutes_in_two_distractors_and_not_the_key_are_a_strong_cue_and_in_one_only_a_note()
    {
        var two = ItemCues.Of(Mcq("C", "Never refer her", "Always wait a week", "Refer her this week", "Call the doctor"));
        var one = ItemCues.Of(Mcq("C", "Never refer her", "Wait a week or two", "Refer her this week", "Call the doctor"));

        Assert.Contains(two.StrongCues, s => s.Message.StartsWith("options A, B carry absolute terms", StringComparison.Ordinal));
        Assert.Empty(one.StrongCues);
        Assert.Contains("absolute only in distractor A", one.Notes);
    }

    [Fact]
    public void An_option_that_does_not_fit_the_stems_closing_article_is_a_strong_cue()
    {
        var cues = ItemCues.Of(Mcq("A", "open question", "closed question", "hour-long silence", "unit of care",
            stem: "The specialist's best first move is an"));

        Assert.Equal(["B", "D"], cues.Disagreeing);
        Assert.Equal(2, cues.StrongCues.Count);
        Assert.All(cues.StrongCues, s => Assert.Contains("closing article (an)", s.Message, StringComparison.Ordinal));
        Assert.Empty(ItemCues.Of(Mcq("A", "open question", "closed question", "hour-long silence", "unit", stem: "Which is best?")).Disagreeing);
    }

    [Fact]
    public void Near_duplicate_options_are_listed_as_the_editor_finds_them()
    {
        var cues = ItemCues.Of(Mcq("A", "Refer the family", "Refer the famliy", "Wait a week", "Call the doctor"));

        Assert.Equal([("A", "B")], cues.NearDuplicates);
        Assert.Contains("near-duplicate A/B", cues.Notes);
    }

    [Fact]
    public void The_report_averages_strategies_and_rates_over_the_mcqs_and_ignores_essays()
    {
        var report = CueReport.Of(
        [
            Mcq("C", "Wait", "Refer out", "Observe the dyad together over several visits", "Reassure", id: "tf-001"),
            Mcq("A", "Wait", "Call", "Refer the family", "Observe the dyad", id: "tf-002"),
            Samples.Essay(),
        ]);

        Assert.Equal(2, report.Count);
        Assert.Equal(0.5, report.KeyLongest);
        Assert.Equal(0.5, report.KeyShortest);
        Assert.Equal(0.5, report.Strategies.Single(s => s.Strategy.Name == "longest").Expected);
        Assert.Equal(0.25, report.Strategies.Single(s => s.Strategy.Name == "shortest").Expected);
        Assert.Equal(("longest", 0.5), (report.Worst.Strategy.Name, report.Worst.Expected));
        Assert.Equal(new KeyDistractorRate(0, 0), report.Absolute);
        Assert.Equal(1, report.WithStrongCues);
    }
}
