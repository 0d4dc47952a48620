using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;

namespace Exam.Data.Database;

/// <summary>An open connection with its dialect, and a transaction when one was asked for.</summary>
public sealed class DbSession(DbConnection connection, DbTransaction? transaction, SqlDialect dialect) : IAsyncDisposable
{
    private readonly GroupCommit.Member? _member;

    /// <summary>A writer in a group commit: the connection and transaction are shared and not this session's to close.</summary>
    internal DbSession(DbConnection connection, DbTransaction transaction, SqlDialect dialect, GroupCommit.Member member)
        : this(connection, transaction, dialect) => _member = member;

    /// <summary>A unit of work in a group commit: the writer running it commits, after it returns.</summary>
    internal static DbSession ForUnitOfWork(DbConnection connection, DbTransaction transaction, SqlDialect dialect) =>
        new(connection, transaction, dialect) { InUnitOfWork = true };

    private bool InUnitOfWork { get; init; }

    public DbConnection Connection { get; } = connection;
    public DbTransaction? Transaction { get; } = transaction;
    public SqlDialect Dialect { get; } = dialect;

    /// <summary>SQL Server: tries a read again after a transient fault, when no transaction is open (a read alone is idempotent).</summary>
    internal SqlRetryLogicBaseProvider? Retry { get; init; }

    private CommandDefinition Command(SqlStatement sql, object? param, CancellationToken ct) =>
        new(sql.For(Dialect), param, Transaction, cancellationToken: ct);

    private Task<T> Read<T>(Func<Task<T>> read, CancellationToken ct) =>
        Retry is null || Transaction is not null ? read() : Retry.ExecuteAsync(this, read, ct);

    public Task<IEnumerable<T>> QueryAsync<T>(SqlStatement sql, object? param = null, CancellationToken ct = default) =>
        Read(() => Connection.QueryAsync<T>(Command(sql, param, ct)), ct);

    public Task<T?> QuerySingleOrDefaultAsync<T>(SqlStatement sql, object? param = null, CancellationToken ct = default) =>
        Read(() => Connection.QuerySingleOrDefaultAsync<T>(Command(sql, param, ct)), ct);

    /// <summary>A scalar; sessions without a transaction only read, so it is retried like a query.</summary>
    public Task<T> ExecuteScalarAsync<T>(SqlStatement sql, object? param = null, CancellationToken ct = default) =>
        Read<T>(async () => (await Connection.ExecuteScalarAsync<T>(Command(sql, param, ct)))!, ct);

    public Task<int> ExecuteAsync(SqlStatement sql, object? param = null, CancellationToken ct = default) =>
        Connection.ExecuteAsync(Command(sql, param, ct));

    public Task<SqlMapper.GridReader> QueryMultipleAsync(SqlStatement sql, object? param = null, CancellationToken ct = default) =>
        Read(() => Connection.QueryMultipleAsync(Command(sql, param, ct)), ct);

    /// <summary>
    /// Runs a query and hands its reader to <paramref name="read"/>, for the few reads mapped by hand with a
    /// <see cref="ColumnReader"/>. The parameters are named as in the SQL (with '@').
    /// </summary>
    public Task<T> ReadAsync<T>(
        SqlStatement sql, IReadOnlyList<KeyValuePair<string, object>> parameters, Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken ct = default) =>
        Read(async () =>
        {
            await using var command = Connection.CreateCommand();
            command.CommandText = sql.For(Dialect);
            command.Transaction = Transaction;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await read(reader, ct);
        }, ct);

    /// <summary>Returns once the changes are durable (in a group commit: once the shared COMMIT has returned).</summary>
    public Task CommitAsync(CancellationToken ct = default) =>
        InUnitOfWork ? throw new InvalidOperationException("A unit of work is committed when it returns.")
        : _member?.CommitAsync() ?? Transaction?.CommitAsync(ct) ?? throw new InvalidOperationException("This session has no transaction.");

    public async ValueTask DisposeAsync()
    {
        if (InUnitOfWork) return; // the connection and transaction belong to the writer running the unit
        if (_member is not null)
        {
            await _member.DisposeAsync();
            return;
        }
        if (Transaction is not null) await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
