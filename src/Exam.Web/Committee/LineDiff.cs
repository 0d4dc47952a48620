namespace Exam.Web.Committee;

public enum DiffKind { Same, Removed, Added }

/// <summary>One line of a diff with its line number in the old text, the new text, or both.</summary>
public sealed record DiffLine(DiffKind Kind, string Text, int? OldNumber, int? NewNumber);

/// <summary>A row of a side-by-side diff: the old line on the left, the new on the right; either may be absent.</summary>
public sealed record DiffRow(DiffLine? Left, DiffLine? Right)
{
    public bool Changed => Left?.Kind != DiffKind.Same || Right?.Kind != DiffKind.Same;
}

/// <summary>
/// A line diff by longest common subsequence: the lines both texts keep are the longest sequence they share, in order;
/// the rest are removed from the old or added in the new. Item bodies are tens of lines, so the quadratic table is
/// small; the common head and tail are taken off first, and texts too long for the table show as replaced whole.
/// </summary>
public static class LineDiff
{
    private const long MaxCells = 4_000_000;

    public static IReadOnlyList<DiffLine> Compare(string before, string after)
    {
        var a = Lines(before);
        var b = Lines(after);
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head]) head++;
        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)]) tail++;

        var result = new List<DiffLine>();
        for (var i = 0; i < head; i++) result.Add(new DiffLine(DiffKind.Same, a[i], i + 1, i + 1));
        var n = a.Length - head - tail;
        var m = b.Length - head - tail;
        if ((long)n * m > MaxCells)
        {
            for (var i = 0; i < n; i++) result.Add(new DiffLine(DiffKind.Removed, a[head + i], head + i + 1, null));
            for (var j = 0; j < m; j++) result.Add(new DiffLine(DiffKind.Added, b[head + j], null, head + j + 1));
        }
        else
        {
            Middle(a, b, head, n, m, result);
        }
        for (var k = tail; k > 0; k--) result.Add(new DiffLine(DiffKind.Same, a[^k], a.Length - k + 1, b.Length - k + 1));
        return result;
    }

    /// <summary>The diff of a[head..head+n) against b[head..head+m), by the LCS table of suffixes.</summary>
    private static void Middle(string[] a, string[] b, int head, int n, int m, List<DiffLine> result)
    {
        // lcs[i, j] = length of the LCS of a's middle from i and b's middle from j.
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
            for (var j = m - 1; j >= 0; j--)
                lcs[i, j] = a[head + i] == b[head + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[head + x] == b[head + y])
            {
                result.Add(new DiffLine(DiffKind.Same, a[head + x], head + x + 1, head + y + 1));
                x++;
                y++;
            }
            else if (y < m && (x == n || lcs[x, y + 1] > lcs[x + 1, y]))
            {
                result.Add(new DiffLine(DiffKind.Added, b[head + y], null, head + y + 1));
                y++;
            }
            else
            {
                result.Add(new DiffLine(DiffKind.Removed, a[head + x], head + x + 1, null));
                x++;
            }
        }
    }

    /// <summary>
    /// Pairs the lines for a side-by-side view: kept lines on both sides; within a run of changes, removed lines face
    /// added ones, and the longer side continues alone.
    /// </summary>
    public static IReadOnlyList<DiffRow> SideBySide(IReadOnlyList<DiffLine> diff)
    {
        var rows = new List<DiffRow>();
        var i = 0;
        while (i < diff.Count)
        {
            if (diff[i].Kind == DiffKind.Same)
            {
                rows.Add(new DiffRow(diff[i], diff[i]));
                i++;
                continue;
            }
            var removed = new List<DiffLine>();
            var added = new List<DiffLine>();
            while (i < diff.Count && diff[i].Kind != DiffKind.Same)
            {
                (diff[i].Kind == DiffKind.Removed ? removed : added).Add(diff[i]);
                i++;
            }
            for (var k = 0; k < Math.Max(removed.Count, added.Count); k++)
                rows.Add(new DiffRow(k < removed.Count ? removed[k] : null, k < added.Count ? added[k] : null));
        }
        return rows;
    }

    private static string[] Lines(string text) =>
        text.Length == 0 ? [] : text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
}
