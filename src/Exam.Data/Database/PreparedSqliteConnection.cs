using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Exam.Data.Database;

/// <summary>
/// An open SQLite connection that keeps one prepared command per SQL text, for Dapper and anything else that
/// creates commands. Disposing it hands it back to its pool; it is closed for good only by the pool (or Close).
/// </summary>
[SuppressMessage("Reliability", "CA2000", Justification = "The prepared commands live as long as the connection and are disposed with it.")]
internal sealed class PreparedSqliteConnection(SqliteConnection inner, SqlitePool pool) : DbConnection
{
    // Bounds what one connection keeps: the application has a few hundred statements; one-off texts (migrations,
    // ad hoc queries) beyond these limits run unprepared.
    private const int MaxStatements = 512;
    private const int MaxCachedLength = 8_000;

    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
    private int _rented;
    internal SqliteConnection Inner => inner;

    /// <summary>Healthy: open, with no transaction left behind.</summary>
    internal bool IsReusable =>
        inner.State == ConnectionState.Open && SQLitePCL.raw.sqlite3_get_autocommit(inner.Handle) != 0;

    /// <summary>The prepared command for this SQL, or a one-off command (the caller's to dispose) when it is not kept.</summary>
    internal (SqliteCommand Command, bool Owned) CommandFor(string sql)
    {
        if (_prepared.TryGetValue(sql, out var command)) return (command, false);
        command = OneOff(sql);
        if (sql.Length > MaxCachedLength || _prepared.Count >= MaxStatements) return (command, true);
        _prepared[sql] = command;
        return (command, false);
    }

    /// <summary>A command for this SQL that is not kept.</summary>
    internal SqliteCommand OneOff(string sql)
    {
        var command = inner.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>Drops the prepared command for this SQL (after it failed).</summary>
    internal void Forget(string sql)
    {
        if (_prepared.Remove(sql, out var command)) command.Dispose();
    }

    [AllowNull]
    public override string ConnectionString
    {
        get => inner.ConnectionString;
        set => throw new NotSupportedException("A pooled connection keeps its connection string.");
    }

    public override string Database => inner.Database;
    public override string DataSource => inner.DataSource;
    public override string ServerVersion => inner.ServerVersion;
    public override ConnectionState State => inner.State;

    public override void ChangeDatabase(string databaseName) => inner.ChangeDatabase(databaseName);
    public override void Open() => inner.Open();

    public override void Close() => Destroy();

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => inner.BeginTransaction(isolationLevel);

    protected override DbCommand CreateDbCommand() => new PreparedSqliteCommand(this);

    /// <summary>Marks the connection as handed out by its pool.</summary>
    internal PreparedSqliteConnection Rented()
    {
        Volatile.Write(ref _rented, 1);
        return this;
    }

    /// <summary>Hands the connection back once, however often it is disposed: it must never be in the pool twice.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _rented, 0) == 1) pool.Return(this);
        base.Dispose(disposing);
    }

    /// <summary>Closes the connection for good, with its prepared statements.</summary>
    internal void Destroy()
    {
        foreach (var command in _prepared.Values) command.Dispose();
        _prepared.Clear();
        inner.Dispose();
    }
}
