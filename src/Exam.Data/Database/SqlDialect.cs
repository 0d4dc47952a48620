namespace Exam.Data.Database;

/// <summary>
/// How a read inside a write transaction locks what it reads. SQLite needs none of these: BEGIN IMMEDIATE takes the
/// database's one write lock up front, so a writer's reads are never stale. On SQL Server (READ COMMITTED, with
/// READ_COMMITTED_SNAPSHOT on) a plain read takes no lock that outlives it, so every read a write decision rests on
/// says how it locks.
/// </summary>
public enum ReadLock
{
    /// <summary>An update lock on the rows read, held to the end of the transaction: the row is this writer's until it commits.</summary>
    Update,
    /// <summary>As <see cref="Update"/>, and on the key range too: nobody inserts a row the read did not find (check-then-insert).</summary>
    UpdateRange,
    /// <summary>A shared lock on the rows and the range read, held to the end: others may read, no one may change or add.</summary>
    SharedRange,
    /// <summary>A read that waits for uncommitted changes instead of reading the last committed version.</summary>
    Committed,
}

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

    /// <summary>The table hint for a read that locks (after the table name or alias); empty where the provider needs none.</summary>
    public abstract string Lock(ReadLock kind);

    /// <summary>An expression compared code unit by code unit, whatever the server's collation (essay text, folded names).</summary>
    public abstract string Exact(string expression);

    /// <summary>A LIKE pattern match that ignores case whatever the server's collation (SQLite's LIKE already does, for ASCII).</summary>
    public abstract string LikeIgnoringCase(string expression, string pattern);

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

    public override string Lock(ReadLock kind) => "";

    // SQLite's = compares text with the BINARY collation unless a column says otherwise; none here does.
    public override string Exact(string expression) => expression;

    public override string LikeIgnoringCase(string expression, string pattern) => $"{expression} LIKE {pattern} ESCAPE '\\'";
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

    public override string Lock(ReadLock kind) => kind switch
    {
        ReadLock.Update => " WITH (UPDLOCK, ROWLOCK)",
        ReadLock.UpdateRange => " WITH (UPDLOCK, HOLDLOCK)",
        ReadLock.SharedRange => " WITH (HOLDLOCK)",
        ReadLock.Committed => " WITH (READCOMMITTEDLOCK)",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The binary collation: ordinal comparison, as C# and SQLite compare.</summary>
    public const string BinaryCollation = "Latin1_General_100_BIN2";

    /// <summary>Case-insensitive and accent-sensitive, whatever the database's default.</summary>
    public const string CaseInsensitiveCollation = "Latin1_General_100_CI_AS";

    public override string Exact(string expression) => $"{expression} COLLATE {BinaryCollation}";

    public override string LikeIgnoringCase(string expression, string pattern) =>
        $"{expression} COLLATE {CaseInsensitiveCollation} LIKE {pattern} ESCAPE '\\'";
}
