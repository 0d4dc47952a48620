using Exam.Web.Committee;

namespace Exam.Web.Tests.Committee;

public sealed class LineDiffTests
{
    private static string Render(IReadOnlyList<DiffLine> diff) =>
        string.Join("|", diff.Select(d => (d.Kind switch { DiffKind.Same => " ", DiffKind.Removed => "-", _ => "+" }) + d.Text));

    [Theory]
    [InlineData("a\nb\nc", "a\nb\nc", " a| b| c")]
    [InlineData("a\nb\nc", "a\nx\nc", " a|-b|+x| c")]
    [InlineData("a\nb\nc", "a\nc", " a|-b| c")]
    [InlineData("a\nc", "a\nb\nc", " a|+b| c")]
    [InlineData("", "a\nb", "+a|+b")]
    [InlineData("a\nb", "", "-a|-b")]
    [InlineData("a\nb\nc\nd", "b\nc\nd\na", "-a| b| c| d|+a")]
    [InlineData("x\na\ny\nb\nz", "a\nq\nb", "-x| a|-y|+q| b|-z")]
    public void The_diff_keeps_the_longest_common_run_of_lines(string before, string after, string expected) =>
        Assert.Equal(expected, Render(LineDiff.Compare(before, after)));

    [Fact]
    public void Line_numbers_count_in_each_text()
    {
        var diff = LineDiff.Compare("a\nb\nc", "a\nx\ny\nc");
        Assert.Equal([(1, 1), (2, null), (null, 2), (null, 3), (3, 4)], diff.Select(d => (d.OldNumber, d.NewNumber)).ToList());
    }

    [Fact]
    public void Side_by_side_pairs_removed_lines_with_added_ones()
    {
        var rows = LineDiff.SideBySide(LineDiff.Compare("a\nb\nc\nd", "a\nx\nd"));
        Assert.Equal([("a", "a", false), ("b", "x", true), ("c", null, true), ("d", "d", false)],
            rows.Select(r => (r.Left?.Text, r.Right?.Text, r.Changed)).ToList());
    }

    [Fact]
    public void Long_texts_still_diff_and_keep_their_common_head_and_tail()
    {
        var before = string.Join("\n", Enumerable.Range(0, 3000).Select(i => $"line {i}"));
        var after = string.Join("\n", Enumerable.Range(0, 3000).Select(i => i == 1500 ? "changed" : $"line {i}"));
        var diff = LineDiff.Compare(before, after);
        Assert.Equal(["-line 1500", "+changed"], diff.Where(d => d.Kind != DiffKind.Same).Select(d => (d.Kind == DiffKind.Removed ? "-" : "+") + d.Text));
    }
}
