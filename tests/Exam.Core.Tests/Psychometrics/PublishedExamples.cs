using Exam.Core.Psychometrics;

namespace Exam.Core.Tests.Psychometrics;

/// <summary>Response data printed in the psychometrics literature, reused by the statistics tests.</summary>
internal static class PublishedExamples
{
    /// <summary>
    /// K. L. Wuensch, "The Kuder-Richardson 20" (StatHelp, East Carolina University,
    /// https://core.ecu.edu/wuenschk/StatHelp/KR20.txt): ten students A-J, ten items, 1 = correct. The page prints
    /// p per item (.7 .7 .6 .7 .6 .8 .7 .7 .5 .6), sum of p*q = 2.18 and the variance of the totals = 5.84 (a
    /// population variance: the squared deviations sum to 58.4 over 10 students).
    /// </summary>
    public static readonly int[][] Wuensch =
    [
        [1, 1, 1, 1, 1, 1, 0, 1, 1, 0],
        [1, 0, 1, 1, 0, 1, 1, 1, 0, 1],
        [1, 1, 1, 1, 0, 1, 1, 0, 0, 1],
        [0, 0, 1, 0, 0, 0, 1, 0, 0, 0],
        [0, 0, 0, 0, 0, 1, 0, 0, 1, 0],
        [1, 1, 1, 0, 1, 1, 1, 1, 1, 1],
        [1, 1, 0, 1, 1, 1, 0, 1, 1, 1],
        [1, 1, 1, 1, 1, 1, 1, 1, 0, 1],
        [0, 1, 0, 1, 1, 1, 1, 1, 0, 1],
        [1, 1, 0, 1, 1, 0, 1, 1, 1, 0],
    ];

    /// <summary>
    /// J. D. Brown, "Point-biserial correlation coefficients", Shiken: JALT Testing &amp; Evaluation SIG Newsletter
    /// 5(3), 2001, Table 2 (https://hosted.jalt.org/test/bro_12.htm): eight students' totals and items 1-2, with
    /// the whole-test SD printed as 8.29 and rpbi printed as .91 and -.91 (two decimals).
    /// </summary>
    public static readonly double[] BrownTotals = [50, 45, 45, 40, 35, 30, 30, 25];
    public static readonly double[] BrownItem1 = [1, 1, 1, 1, 0, 0, 0, 0];
    public static readonly double[] BrownItem2 = [0, 0, 0, 0, 1, 1, 1, 1];

    /// <summary>
    /// The example of R's psychometric::discrim (T. D. Fletcher, after Allen &amp; Yen 1979, Introduction to
    /// Measurement Theory; https://search.r-project.org/CRAN/refmans/psychometric/html/discrim.html): twelve
    /// people, seven items, one column per item. discrim uses upper and lower thirds.
    /// </summary>
    public static readonly int[][] FletcherColumns =
    [
        [1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1],
        [1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0],
        [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
        [0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1],
        [0, 0, 0, 0, 1, 0, 0, 1, 1, 1, 1, 1],
        [0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 1],
        [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0],
    ];

    /// <summary>A 0/1 matrix (rows = people) as multiple-choice responses: keyed A, everyone wrong chose B.</summary>
    public static ResponseMatrix AsResponses(int[][] rows)
    {
        var k = rows[0].Length;
        var items = Enumerable.Range(1, k)
            .Select(p => new AnalysedItem(p, $"it-{p:00}", 1, "thinking", ["A", "B", "C", "D"], new HashSet<string> { "A" }))
            .ToList();
        return new ResponseMatrix(items, rows.Select((r, i) => new ResponseRow($"R{i + 1:00}", r.Select(x => (string?)(x == 1 ? "A" : "B")).ToList())).ToList());
    }
}
