using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Exam.Data.Database;

/// <summary>
/// A command on a <see cref="PreparedSqliteConnection"/>: it collects text and parameters like any command and,
/// when run, binds them to the connection's prepared command for that text, so SQLite does not parse it again.
/// </summary>
[SuppressMessage("Security", "CA2100", Justification = "The SQL comes from the application's own statements; values are parameters.")]
internal sealed class PreparedSqliteCommand(PreparedSqliteConnection connection) : DbCommand
{
    private readonly SqliteCommand _parameters = new(); // holds the parameter collection only; never executed

    [AllowNull]
    public override string CommandText { get; set; } = "";

    public override int CommandTimeout { get; set; } = 30;
    public override CommandType CommandType { get; set; } = CommandType.Text;
    public override bool DesignTimeVisible { get; set; }
    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set
        {
            if (value is not null && !ReferenceEquals(value, connection))
                throw new NotSupportedException("A prepared command stays on its connection.");
        }
    }

    protected override DbParameterCollection DbParameterCollection => _parameters.Parameters;
    protected override DbTransaction? DbTransaction { get; set; }

    public override void Cancel() { }
    public override void Prepare() { }

    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    public override int ExecuteNonQuery() => Run(c => c.ExecuteNonQuery());

    public override object? ExecuteScalar() => Run(c => c.ExecuteScalar());

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        var (command, owned) = Bind();
        try
        {
            // A one-off command (not kept) is left to the collector with its reader: its statements are finalized
            // then, or when the connection closes.
            return command.ExecuteReader(behavior);
        }
        catch
        {
            Failed(command, owned);
            throw;
        }
    }

    private T Run<T>(Func<SqliteCommand, T> execute)
    {
        var (command, owned) = Bind();
        try
        {
            return execute(command);
        }
        catch
        {
            Failed(command, owned);
            throw;
        }
        finally
        {
            if (owned) command.Dispose();
        }
    }

    private (SqliteCommand Command, bool Owned) Bind()
    {
        var (command, owned) = connection.CommandFor(CommandText);
        command.Parameters.Clear();
        foreach (SqliteParameter p in _parameters.Parameters) command.Parameters.Add(p); // a parameter may sit in two collections

        command.Transaction = (SqliteTransaction?)DbTransaction;
        command.CommandTimeout = CommandTimeout;
        return (command, owned);
    }

    /// <summary>A statement that failed leaves its prepared command suspect: it is prepared afresh next time.</summary>
    private void Failed(SqliteCommand command, bool owned)
    {
        if (owned) command.Dispose();
        else connection.Forget(CommandText);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _parameters.Dispose();
        base.Dispose(disposing);
    }
}
