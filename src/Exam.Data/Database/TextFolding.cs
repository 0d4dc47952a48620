namespace Exam.Data.Database;

/// <summary>
/// How names are compared where case and spacing must not matter (a rater's declared conflicts against candidates, user
/// names): trimmed, inner white space collapsed, lower-cased by Unicode rules. The folding happens here, in C#, before a
/// value is stored or looked up; the database only compares folded values exactly, so neither SQLite's ASCII-only
/// LOWER nor SQL Server's collation decides whether "Ángela" and "ángela" are one name.
/// </summary>
public static class TextFolding
{
    public static string Fold(string value) =>
        string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
