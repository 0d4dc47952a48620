using Exam.Core.ItemBank;

namespace Exam.ItemBank.Files;

/// <summary>A file as read: its path (as given), the id it declares, and the model when the file had no problems.</summary>
public abstract record ParsedFile(string Path, string FileName, string? Id, SourceLines Lines, bool HasProblems)
{
    /// <summary>The file name without its extension: what the id must equal.</summary>
    public string Stem => System.IO.Path.GetFileNameWithoutExtension(FileName);
}

public sealed record ParsedItem(string Path, string FileName, string? Id, SourceLines Lines, bool HasProblems, ItemDocument? Document)
    : ParsedFile(Path, FileName, Id, Lines, HasProblems);

public sealed record ParsedRubric(string Path, string FileName, string? Id, SourceLines Lines, bool HasProblems, RubricDocument? Document)
    : ParsedFile(Path, FileName, Id, Lines, HasProblems)
{
    public Rubric? Rubric => Document?.Rubric;
}

public sealed record ParsedForm(string Path, string FileName, string? Id, SourceLines Lines, bool HasProblems, FormDefinition? Form)
    : ParsedFile(Path, FileName, Id, Lines, HasProblems);

/// <summary>Everything read from an item bank folder, and the problems found while reading each file.</summary>
public sealed class BankFiles
{
    public required string Root { get; init; }

    /// <summary><c>blueprint.yaml</c>: domains, tracks and the default Part One the other files are checked against.</summary>
    public ParsedBlueprint? Blueprint { get; set; }
    public List<ParsedItem> Items { get; } = [];
    public List<ParsedRubric> Rubrics { get; } = [];
    public List<ParsedForm> Forms { get; } = [];
    public List<LintProblem> Problems { get; } = [];
}

internal static class FrontMatter
{
    /// <summary>Splits <c>---</c> YAML <c>---</c> body. The YAML starts on file line 2; the body on <paramref name="bodyLine"/>.</summary>
    public static bool TrySplit(string text, out string yaml, out string body, out int bodyLine, out (int Line, string Message) error)
    {
        yaml = body = "";
        bodyLine = 0;
        error = default;
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n").Split('\n');
        if (lines[0].TrimEnd() != "---")
        {
            error = (1, "the file must start with a '---' line opening the YAML front matter");
            return false;
        }
        var close = Array.FindIndex(lines, 1, l => l.TrimEnd() == "---");
        if (close < 0)
        {
            error = (lines.Length, "the YAML front matter is not closed by a '---' line");
            return false;
        }
        yaml = string.Join('\n', lines[1..close]);
        body = string.Join('\n', lines[(close + 1)..]);
        bodyLine = close + 2;
        return true;
    }
}
