using System.Text;
using Exam.Core.Psychometrics;

namespace Exam.Data.Analysis;

/// <summary>
/// The scored response matrix as CSV, for R, Iteman or a spreadsheet: one row per attempt, its anonymous code, then
/// per position the option chosen in the item's own order (empty when omitted) and the 0/1 score (empty for a
/// dropped item). Cells a spreadsheet would run as a formula are defused with a leading apostrophe.
/// </summary>
public static class ResponseMatrixCsv
{
    public static string Write(ResponseMatrix matrix)
    {
        var csv = new StringBuilder();
        var header = new List<string> { "attempt" };
        foreach (var item in matrix.Items) header.AddRange([$"p{item.Position}_{item.ItemId}", $"p{item.Position}_score"]);
        Line(csv, header);
        foreach (var row in matrix.Rows)
        {
            var cells = new List<string> { row.AttemptCode };
            for (var i = 0; i < matrix.Items.Count; i++)
                cells.AddRange([row.Choices[i] ?? "", matrix.Score(row, i)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""]);
            Line(csv, cells);
        }
        return csv.ToString();
    }

    private static void Line(StringBuilder csv, IEnumerable<string> cells) =>
        csv.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");

    /// <summary>RFC 4180 quoting, and no cell that starts like a formula (=, +, -, @, tab, carriage return).</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
