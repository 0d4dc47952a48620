using System.Text.RegularExpressions;

namespace Exam.Core.Scheduling;

/// <summary>
/// One line of a pasted roster: an existing candidate by number, or a new candidate's record. Either sits the parts
/// named (both when none are).
/// </summary>
public sealed record RosterLine(
    int Line, string? CandidateNumber, string? FullName, string? Email, string? Association, string? Track, bool PartOne, bool PartTwo);

/// <summary>The lines read from a paste, or every problem found, each with its line number.</summary>
public sealed record RosterPasteResult(IReadOnlyList<RosterLine> Lines, IReadOnlyList<string> Errors);

/// <summary>
/// Reads the roster a coordinator pastes to register several candidates for a sitting at once, one candidate a line,
/// cells separated by tabs (a spreadsheet's copy) or commas:
/// <c>full name, email, association, track[, parts]</c> for a new candidate, or <c>candidate number[, parts]</c> for a
/// candidate on record. Parts: "1", "2" or "1+2" (the default). Blank lines and a heading line are skipped. This
/// checks the shape of each line; the fields are checked by the rules that check a single record.
/// </summary>
public static partial class RosterPaste
{
    public const int MaxLines = 200;
    public const string Format = "full name, email, association, track, parts (1, 2 or 1+2; both when left out); or a candidate number and parts";

    public static RosterPasteResult Read(string? text)
    {
        var lines = new List<RosterLine>();
        var errors = new List<string>();
        var raw = (text ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        for (var i = 0; i < raw.Length; i++)
        {
            var number = i + 1;
            var line = raw[i].Trim();
            if (line.Length == 0 || (lines.Count == 0 && errors.Count == 0 && IsHeading(line))) continue;
            var cells = (line.Contains('\t') ? line.Split('\t') : line.Split(',')).Select(c => c.Trim()).ToList();
            while (cells.Count > 1 && cells[^1].Length == 0) cells.RemoveAt(cells.Count - 1);
            if (CandidateNumber().IsMatch(cells[0]))
            {
                if (cells.Count > 2) { errors.Add($"Line {number}: after a candidate number, only the parts (1, 2 or 1+2) may follow."); continue; }
                if (Parts(cells.Count == 2 ? cells[1] : null) is not { } p) { errors.Add(PartsError(number, cells[1])); continue; }
                lines.Add(new RosterLine(number, cells[0], null, null, null, null, p.One, p.Two));
                continue;
            }
            if (cells.Count is < 4 or > 5)
            {
                errors.Add($"Line {number}: expected {Format}; found {cells.Count} cell{(cells.Count == 1 ? "" : "s")}. " +
                           "A name or association with a comma: paste from a spreadsheet (tab-separated) instead.");
                continue;
            }
            if (Parts(cells.Count == 5 ? cells[4] : null) is not { } parts) { errors.Add(PartsError(number, cells[4])); continue; }
            lines.Add(new RosterLine(number, null, cells[0], cells[1], cells[2], cells[3], parts.One, parts.Two));
        }
        if (lines.Count + errors.Count == 0) errors.Add($"Paste at least one line: {Format}.");
        if (lines.Count > MaxLines) errors.Add($"Paste at most {MaxLines} lines at a time; this paste has {lines.Count}.");

        // The same person twice in one paste is a slip, not two registrations.
        foreach (var twice in lines.Where(l => l.Email is not null).GroupBy(l => l.Email!, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            errors.Add($"Lines {string.Join(" and ", twice.Select(l => l.Line))}: the same email ({twice.Key}) twice.");
        foreach (var twice in lines.Where(l => l.CandidateNumber is not null).GroupBy(l => l.CandidateNumber!).Where(g => g.Count() > 1))
            errors.Add($"Lines {string.Join(" and ", twice.Select(l => l.Line))}: candidate {twice.Key} twice.");
        return new RosterPasteResult(errors.Count == 0 ? lines : [], errors);
    }

    /// <summary>A spreadsheet's heading row: its first cell names the column.</summary>
    private static bool IsHeading(string line) =>
        line.Split('\t', ',')[0].Trim().ToLowerInvariant() is "name" or "full name" or "candidate" or "candidate number";

    private static (bool One, bool Two)? Parts(string? cell) => cell?.Replace(" ", "").ToLowerInvariant() switch
    {
        null or "" or "1+2" or "both" => (true, true),
        "1" => (true, false),
        "2" => (false, true),
        _ => null,
    };

    private static string PartsError(int line, string cell) => $"Line {line}: parts '{cell}' is not 1, 2 or 1+2.";

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex CandidateNumber();
}
