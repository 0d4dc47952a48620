using System.Collections.Concurrent;

namespace Exam.Data.Database;

/// <summary>
/// A SQL text, the same for both providers or built by the dialect. Stores declare their SQL as static
/// fields of this type, so a test can enumerate every text the SQL Server path sends and check it.
/// </summary>
public sealed class SqlStatement
{
    private readonly Func<SqlDialect, string> _build;
    private readonly ConcurrentDictionary<DatabaseProvider, string> _cache = new();

    private SqlStatement(Func<SqlDialect, string> build) => _build = build;

    /// <summary>Portable SQL: the same text on every provider.</summary>
    public static SqlStatement Portable(string sql) => new(_ => sql);

    /// <summary>SQL built with the dialect's helpers.</summary>
    public static SqlStatement Of(Func<SqlDialect, string> build) => new(build);

    public string For(SqlDialect dialect) => _cache.GetOrAdd(dialect.Provider, _ => _build(dialect));
}
