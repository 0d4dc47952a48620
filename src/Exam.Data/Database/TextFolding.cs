using Microsoft.Data.Sqlite;

namespace Exam.Data.Database;

/// <summary>
/// How names are compared where case and spacing must not matter (a rater's declared conflicts against candidates):
/// trimmed, inner white space collapsed, lower-cased by Unicode rules. SQLite's own LOWER folds ASCII only, so the
/// same folding is registered on every SQLite connection as <c>exam_fold</c>; "Ángela" and "ángela" are one name.
/// </summary>
public static class TextFolding
{
    public const string SqliteFunction = "exam_fold";

    public static string Fold(string value) =>
        string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    /// <summary>The SQL that folds a column the same way: the registered function on SQLite, LOWER(TRIM()) on SQL Server.</summary>
    public static string Sql(SqlDialect dialect, string column) =>
        dialect.Provider == DatabaseProvider.SqlServer ? $"LOWER(TRIM({column}))" : $"{SqliteFunction}({column})";

    internal static void Register(SqliteConnection connection) =>
        connection.CreateFunction<string?, string?>(SqliteFunction, v => v is null ? null : Fold(v), isDeterministic: true);
}
