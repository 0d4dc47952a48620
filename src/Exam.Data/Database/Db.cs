using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Exam.Data.Database;

/// <summary>Opens sessions on the configured provider. SQLite connections stay open for reuse, with their pragmas and prepared statements.</summary>
public sealed class Db : IDisposable
{
    private readonly string _connectionString;
    private readonly string _sqlitePragmas;

    static Db()
    {
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
    }

    public Db(DatabaseOptions options, string contentRoot = "")
    {
        Options = options;
        Dialect = options.Provider == DatabaseProvider.SqlServer ? SqlServerDialect.Instance : SqliteDialect.Instance;
        _connectionString = options.Provider switch
        {
            DatabaseProvider.SqlServer => options.ConnectionString is { Length: > 0 } cs ? cs
                : throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Exam is empty."),
            _ => SqliteConnectionString(options, contentRoot),
        };
        // synchronous=FULL: an acknowledged answer survives power loss, not just a process crash.
        _sqlitePragmas = $"PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout={options.BusyTimeoutMs}; PRAGMA foreign_keys=ON;";
        if (options.Provider == DatabaseProvider.Sqlite)
            _sqlite = new SqlitePool(_connectionString, _sqlitePragmas);
        if (options.Provider == DatabaseProvider.Sqlite && options.GroupCommit)
            _groupCommit = new GroupCommit(OpenConnectionAsync, Dialect, options.BusyTimeoutMs);
        if (options.Provider == DatabaseProvider.SqlServer)
            _retry = TransientFaults.CreateProvider();
    }

    private readonly SqlitePool? _sqlite;
    private readonly GroupCommit? _groupCommit;
    private readonly SqlRetryLogicBaseProvider? _retry;

    public DatabaseOptions Options { get; }
    public SqlDialect Dialect { get; }

    /// <summary>The SQLite file in use, or null on SQL Server.</summary>
    public string? SqliteFile { get; private set; }

    private string SqliteConnectionString(DatabaseOptions options, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString ?? "");
        if (string.IsNullOrEmpty(builder.DataSource))
            builder.DataSource = Path.IsPathRooted(options.SqlitePath) ? options.SqlitePath : Path.Combine(contentRoot, options.SqlitePath);
        builder.Mode = SqliteOpenMode.ReadWriteCreate;
        builder.Pooling = true;
        SqliteFile = Path.GetFullPath(builder.DataSource);
        Directory.CreateDirectory(Path.GetDirectoryName(SqliteFile)!);
        return builder.ToString();
    }

    /// <summary>A session without a transaction, for reads (on SQL Server a read that meets a transient fault is tried again).</summary>
    public async Task<DbSession> OpenAsync(CancellationToken ct = default) => new(await OpenConnectionAsync(ct), null, Dialect) { Retry = _retry };

    /// <summary>
    /// Runs an idempotent unit of work (it opens its own session) and, on SQL Server, runs it again after a transient
    /// fault: a deadlock (the server rolled the transaction back), a timeout, a failover. Only for work that may run
    /// twice with the same outcome; on SQLite it runs once.
    /// </summary>
    public Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct = default) =>
        _retry is null ? work(ct) : _retry.ExecuteAsync(this, () => work(ct), ct);

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction and returns its result once committed (durable). On SQLite the
    /// process's writers share commits and one thread runs the queued units back to back (see GroupCommit); on SQL
    /// Server a transient fault runs the whole unit again, so it must be idempotent. The work must not commit itself.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, CancellationToken ct = default) =>
        _groupCommit is not null ? _groupCommit.RunAsync(work, ct) : RetryAsync(async c =>
        {
            await using var s = await BeginAsync(ct: c);
            var result = await work(s, c);
            await s.CommitAsync(c);
            return result;
        }, ct);

    /// <summary>A session inside a transaction (BEGIN IMMEDIATE on SQLite: the write lock is taken up front).</summary>
    public async Task<DbSession> BeginAsync(IsolationLevel isolation = IsolationLevel.Unspecified, CancellationToken ct = default)
    {
        if (_groupCommit is not null && isolation == IsolationLevel.Unspecified) return await _groupCommit.BeginAsync(ct);
        var connection = await OpenConnectionAsync(ct);
        try
        {
            var tx = await connection.BeginTransactionAsync(isolation, ct);
            return new DbSession(connection, tx, Dialect);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task<DbConnection> OpenConnectionAsync(CancellationToken ct)
    {
        if (_sqlite is not null) return await _sqlite.RentAsync(ct);
        var connection = new SqlConnection(_connectionString) { RetryLogicProvider = _retry };
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes the SQLite connections kept open for reuse.</summary>
    public void Dispose() => _sqlite?.Dispose();
}
