using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Exam.Data.Tests.SqlServer;

/// <summary>
/// Checks SQL meant for SQL Server without a server: ScriptDom parses it (rejecting LIMIT, RETURNING,
/// ON CONFLICT, AUTOINCREMENT...), and a visitor rejects SQLite-isms that parse but fail at run time.
/// </summary>
public static partial class TSqlChecker
{
    /// <summary>Dapper sends "IN @Ids" as "IN (@Ids1, @Ids2, ...)": checked in that shape.</summary>
    [GeneratedRegex(@"\bIN\s+@(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex DapperLists();

    private static readonly HashSet<string> SqliteOnlyFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "datetime", "date", "time", "julianday", "strftime", "unixepoch", "last_insert_rowid", "ifnull",
        "group_concat", "instr", "substr", "printf", "random", "total_changes", "changes", "typeof", "randomblob", "hex",
    };

    public static IReadOnlyList<string> Problems(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(DapperLists().Replace(sql, "IN (@$1)"));
        var fragment = parser.Parse(reader, out var errors);
        var problems = errors.Select(e => $"line {e.Line}: {e.Message}").ToList();
        if (errors.Count == 0)
        {
            var visitor = new SqliteIsms();
            fragment.Accept(visitor);
            problems.AddRange(visitor.Problems);
        }
        return problems;
    }

    private sealed class SqliteIsms : TSqlFragmentVisitor
    {
        public List<string> Problems { get; } = [];

        public override void Visit(FunctionCall node)
        {
            if (SqliteOnlyFunctions.Contains(node.FunctionName.Value))
                Problems.Add($"line {node.StartLine}: {node.FunctionName.Value}() is SQLite-only");
        }

        // ScriptDom reads '||' as a binary operator only in some positions; the token stream catches the rest.
        public override void Visit(TSqlScript node)
        {
            foreach (var token in node.ScriptTokenStream ?? [])
            {
                if (token.TokenType == TSqlTokenType.Bang) Problems.Add($"line {token.Line}: '!' is not T-SQL");
                if (token.Text == "||")
                    Problems.Add($"line {token.Line}: '||' string concatenation is SQLite-only; use + or CONCAT()");
            }
        }

        public override void Visit(BooleanComparisonExpression node)
        {
            if (node.SecondExpression is ColumnReferenceExpression { MultiPartIdentifier.Identifiers: [{ Value: var v }] }
                && (v.Equals("true", StringComparison.OrdinalIgnoreCase) || v.Equals("false", StringComparison.OrdinalIgnoreCase)))
                Problems.Add($"line {node.StartLine}: '= {v}' is not T-SQL; compare a BIT with 1 or 0");
        }
    }
}
