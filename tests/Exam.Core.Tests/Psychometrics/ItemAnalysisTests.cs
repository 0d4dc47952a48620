using Exam.Core.Psychometrics;
using static Exam.Core.Tests.Psychometrics.PublishedExamples;

namespace Exam.Core.Tests.Psychometrics;

public sealed class ItemAnalysisTests
{
    private static AnalysedItem Item(int position, string key = "A", string domain = "thinking") =>
        new(position, $"it-{position:00}", 1, domain, ["A", "B", "C", "D"], new HashSet<string> { key });

    private static ResponseRow Row(string code, params string?[] choices) => new(code, choices);

    [Fact]
    public void Test_statistics_of_the_Wuensch_data_to_three_decimals()
    {
        var report = ItemAnalysis.Analyze(AsResponses(Wuensch), 80);
        var t = report.Test;
        Assert.Equal((10, 10, 2, 9), (t.N, t.Items, t.Min, t.Max));
        Assert.Equal(6.6, Math.Round(t.Mean, 3));
        Assert.Equal(2.417, Math.Round(t.Sd, 3));
        Assert.Equal(0.696, Math.Round(t.Kr20!.Value, 3));
        Assert.Equal(1.332, Math.Round(t.Sem!.Value, 3));
        // 80% of 10 items is 8: students A, F, G, H pass.
        Assert.Equal((8, 0.4), (t.CutRaw, t.PassRate));
        Assert.Equal([0, 0, 2, 0, 0, 0, 0, 4, 2, 2, 0], t.ScoreCounts);
    }

    [Fact]
    public void Item_statistics_follow_the_definitions()
    {
        var report = ItemAnalysis.Analyze(AsResponses(Wuensch), 80);
        var first = report.Items[0];
        Assert.Equal(0.7, Math.Round(first.P, 3));
        // Pearson r of item 1 with the total, and with the total minus item 1 (the rest score).
        Assert.Equal(0.795, Math.Round(first.Rpb!.Value, 3));
        Assert.Equal(0.706, Math.Round(first.RpbCorrected!.Value, 3));
        // Item 9 discriminates the wrong way once it is taken out of the total.
        Assert.Equal(-0.124, Math.Round(report.Items[8].RpbCorrected!.Value, 3));
        var b = first.Options.Single(o => o.Option == "B");
        Assert.Equal((3, 0.3, false), (b.Count, b.Proportion, b.Keyed));
        Assert.Equal(-0.706, Math.Round(b.Rpb!.Value, 3)); // choosing B is exactly "not item 1"
        Assert.Null(first.Options.Single(o => o.Option == "C").Rpb);
    }

    [Fact]
    public void Options_are_counted_in_the_items_order_and_omits_apart()
    {
        var matrix = new ResponseMatrix([Item(1, key: "C"), Item(2)],
        [
            Row("a", "C", "A"), Row("b", "D", "A"), Row("c", null, "B"), Row("d", "C", "A"), Row("e", "A", null),
        ]);
        var item = ItemAnalysis.Analyze(matrix, 80).Items[0];
        Assert.Equal(["A", "B", "C", "D"], item.Options.Select(o => o.Option));
        Assert.Equal([1, 0, 2, 1], item.Options.Select(o => o.Count));
        Assert.Equal([false, false, true, false], item.Options.Select(o => o.Keyed));
        Assert.Equal(1, item.Omits);
        Assert.Equal(0.4, item.P); // the omit scores 0 and stays in N
        Assert.Equal(5, item.N);
    }

    [Fact]
    public void Several_accepted_options_all_score_and_a_dropped_item_is_out_of_the_totals()
    {
        var twoKeys = new AnalysedItem(1, "it-01", 1, "thinking", ["A", "B", "C", "D"], new HashSet<string> { "A", "B" });
        var dropped = Item(2) with { Dropped = true };
        var matrix = new ResponseMatrix([twoKeys, dropped, Item(3)], [Row("a", "A", "A", "A"), Row("b", "B", "A", "C"), Row("c", "C", "B", "A")]);
        var report = ItemAnalysis.Analyze(matrix, 50);
        Assert.Equal(2, report.Test.Items);
        Assert.Equal([2], report.DroppedPositions);
        Assert.Equal([1, 3], report.Items.Select(i => i.Position));
        Assert.Equal(Math.Round(2 / 3.0, 6), Math.Round(report.Items[0].P, 6));
        Assert.Equal([2, 1, 1], matrix.Rows.Select(matrix.Total));
        Assert.True(report.Items[0].Options[1].Keyed);
    }

    [Fact]
    public void Difficulty_flags_are_at_their_thresholds()
    {
        // 100 people; the first item right for the first `right` of them.
        static ItemStats Analyze(int right)
        {
            var rows = Enumerable.Range(0, 100).Select(i => Row($"r{i}", i < right ? "A" : "B", i < 50 ? "A" : "B", i % 2 == 0 ? "A" : "B")).ToList();
            return ItemAnalysis.Analyze(new ResponseMatrix([Item(1), Item(2), Item(3)], rows), 80).Items[0];
        }
        Assert.DoesNotContain(ItemFlag.TooHard, Analyze(30).Flags);
        Assert.Contains(ItemFlag.TooHard, Analyze(29).Flags);
        Assert.DoesNotContain(ItemFlag.TooEasy, Analyze(89).Flags);
        Assert.Contains(ItemFlag.TooEasy, Analyze(90).Flags);
    }

    [Fact]
    public void Discrimination_flag_at_the_threshold_and_thresholds_are_configurable()
    {
        var report = ItemAnalysis.Analyze(AsResponses(Wuensch), 80);
        // Item 6 corrected rpb 0.286, item 3 zero, item 1 0.706.
        Assert.DoesNotContain(ItemFlag.LowDiscrimination, report.Items[5].Flags);
        Assert.Contains(ItemFlag.LowDiscrimination, report.Items[2].Flags);
        var strict = ItemAnalysis.Analyze(AsResponses(Wuensch), 80, new FlagThresholds { MinRpbCorrected = 0.30 });
        Assert.Contains(ItemFlag.LowDiscrimination, strict.Items[5].Flags);
        Assert.DoesNotContain(ItemFlag.LowDiscrimination, strict.Items[0].Flags);
    }

    [Fact]
    public void A_distractor_nobody_chose_and_one_the_strong_candidates_chose_are_flagged()
    {
        // Item 1 keyed A; the two strongest (by items 2-3) chose D, weaker ones B; nobody chose C.
        var matrix = new ResponseMatrix([Item(1), Item(2), Item(3)],
        [
            Row("a", "D", "A", "A"), Row("b", "D", "A", "A"), Row("c", "A", "A", "B"), Row("d", "A", "B", "A"),
            Row("e", "B", "B", "B"), Row("f", "B", "B", "B"),
        ]);
        var item = ItemAnalysis.Analyze(matrix, 80).Items[0];
        Assert.Contains(ItemFlag.UnusedDistractor, item.Flags);
        Assert.Contains(ItemFlag.DistractorPositiveRpb, item.Flags);
        Assert.True(item.Options.Single(o => o.Option == "D").Rpb > 0);
        Assert.Equal(1, ItemAnalysis.Analyze(matrix, 80).MostFlagged().First().Position);
    }

    [Fact]
    public void Domain_means_and_instability_below_thirty()
    {
        var matrix = new ResponseMatrix([Item(1, domain: "reflection"), Item(2, domain: "reflection"), Item(3, domain: "thinking")],
            [Row("a", "A", "A", "A"), Row("b", "A", "B", "B")]);
        var test = ItemAnalysis.Analyze(matrix, 80).Test;
        Assert.Equal([new DomainMean("reflection", 2, 1.5), new DomainMean("thinking", 1, 0.5)], test.Domains);
        Assert.True(test.Unstable(FlagThresholds.Default));
        Assert.False(test.Unstable(new FlagThresholds { MinStableN = 2 }));
    }
}
