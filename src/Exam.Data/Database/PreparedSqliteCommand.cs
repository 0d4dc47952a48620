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

    public override int ExecuteNonQuery() => Run(c => c.ExecuteNonQuery(), disposeOneOff: true);

    public override object? ExecuteScalar() => Run(c => c.ExecuteScalar(), disposeOneOff: true);

    // A one-off command is left to the collector with its reader: its statements are finalized then, or when the
    // connection closes.
    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Run(c => c.ExecuteReader(behavior), disposeOneOff: false);

    private T Run<T>(Func<SqliteCommand, T> execute, bool disposeOneOff)
    {
        var (command, owned) = connection.CommandFor(CommandText);
        try
        {
            return execute(Bind(command));
        }
        catch (InvalidOperationException) when (!owned)
        {
            // The kept command is still reading (a reader of the same SQL is open): this run goes unprepared.
            (command, owned) = (connection.OneOff(CommandText), true);
            return execute(Bind(command));
        }
        catch
        {
            if (!owned) connection.Forget(CommandText); // a failed statement is prepared afresh next time
            throw;
        }
        finally
        {
            if (owned && disposeOneOff) command.Dispose();
        }
    }

    private SqliteCommand Bind(SqliteCommand command)
    {
        command.Parameters.Clear();
        foreach (SqliteParameter p in _parameters.Parameters)
        {
            // Dapper names a parameter without the SQL's '@'; SQLite then looks it up under four spellings in every
            // statement of a batch (a tenth of an exam page's read). Named as in the SQL, it is found at the first try.
            if (p.ParameterName is [not ('@' or '$' or ':'), ..] name) p.ParameterName = "@" + name;
            command.Parameters.Add(p); // a parameter may sit in two collections
        }
        command.Transaction = (SqliteTransaction?)DbTransaction;
        command.CommandTimeout = CommandTimeout;
        return command;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _parameters.Dispose();
        base.Dispose(disposing);
    }
}
