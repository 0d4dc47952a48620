namespace Exam.Data.Database;

/// <summary>
/// The few places where SQLite and SQL Server differ. Everything else is plain, portable SQL with @parameters.
/// </summary>
public abstract class SqlDialect
{
    public abstract DatabaseProvider Provider { get; }

    /// <summary>An INSERT that returns the new row's identity as a single bigint.</summary>
    public abstract string InsertReturningId(string insert);

    /// <summary>An ordered SELECT limited to <paramref name="take"/> rows after skipping <paramref name="skip"/>.</summary>
    public abstract string Page(string orderedSelect, string skip = "@Skip", string take = "@Take");

    /// <summary>
    /// Insert a row, or update the given columns when a row with the same key exists.
    /// All columns are bound from parameters of the same name.
    /// </summary>
    public abstract string Upsert(string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> otherColumns);

    /// <summary>The database's current UTC time (the app normally passes time from TimeProvider instead).</summary>
    public abstract string UtcNow { get; }

    protected static string Param(string column) => "@" + string.Concat(
        column.Split('_').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
}

public sealed class SqliteDialect : SqlDialect
{
    public static readonly SqliteDialect Instance = new();

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string InsertReturningId(string insert) => insert.TrimEnd().TrimEnd(';') + " RETURNING id;";

    public override string Page(string orderedSelect, string skip = "@Skip", string take = "@Take") =>
        $"{orderedSelect.TrimEnd().TrimEnd(';')} LIMIT {take} OFFSET {skip};";

    public override string Upsert(string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> otherColumns)
    {
        var all = keyColumns.Concat(otherColumns).ToList();
        return $"INSERT INTO {table} ({string.Join(", ", all)}) VALUES ({string.Join(", ", all.Select(Param))}) " +
               $"ON CONFLICT ({string.Join(", ", keyColumns)}) DO UPDATE SET " +
               string.Join(", ", otherColumns.Select(c => $"{c} = excluded.{c}")) + ";";
    }

    public override string UtcNow => "strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')";
}

public sealed class SqlServerDialect : SqlDialect
{
    public static readonly SqlServerDialect Instance = new();

    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public override string InsertReturningId(string insert) =>
        insert.TrimEnd().TrimEnd(';') + "; SELECT CAST(SCOPE_IDENTITY() AS bigint);";

    public override string Page(string orderedSelect, string skip = "@Skip", string take = "@Take") =>
        $"{orderedSelect.TrimEnd().TrimEnd(';')} OFFSET {skip} ROWS FETCH NEXT {take} ROWS ONLY;";

    public override string Upsert(string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> otherColumns)
    {
        var all = keyColumns.Concat(otherColumns).ToList();
        // HOLDLOCK makes MERGE safe against two concurrent upserts of the same key.
        return $"MERGE {table} WITH (HOLDLOCK) AS t USING (SELECT {string.Join(", ", all.Select(c => $"{Param(c)} AS {c}"))}) AS s " +
               $"ON {string.Join(" AND ", keyColumns.Select(c => $"t.{c} = s.{c}"))} " +
               $"WHEN MATCHED THEN UPDATE SET {string.Join(", ", otherColumns.Select(c => $"{c} = s.{c}"))} " +
               $"WHEN NOT MATCHED THEN INSERT ({string.Join(", ", all)}) VALUES ({string.Join(", ", all.Select(c => $"s.{c}"))});";
    }

    public override string UtcNow => "SYSUTCDATETIME()";
}
