using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Exam.Data.Accounts;
using Microsoft.Data.SqlClient;

namespace Exam.Data.Database;

/// <summary>
/// Applies the numbered SQL scripts of the configured provider (embedded as migrations/&lt;Provider&gt;/NNNN_name.sql),
/// each in its own transaction, and records them in schema_migrations. Starting again applies nothing.
/// A script whose first line is <c>-- exam:no-transaction</c> runs outside a transaction (SQL Server's ALTER DATABASE
/// may not run inside one); it must be safe to run again.
/// </summary>
public sealed partial class Migrator(Db db)
{
    public const string NoTransactionMarker = "-- exam:no-transaction";

    /// <summary>How long a node waits for another node's migration run before giving up.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(5);

    public sealed record Script(int Version, string Name, string Sql)
    {
        public bool Transactional => !Sql.TrimStart().StartsWith(NoTransactionMarker, StringComparison.Ordinal);
    }

    public static IReadOnlyList<Script> ScriptsFor(DatabaseProvider provider)
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"migrations/{provider}/";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[prefix.Length..^4];
                var m = ScriptName().Match(file);
                if (!m.Success) throw new InvalidOperationException($"Migration '{n}' is not named NNNN_name.sql.");
                return new Script(int.Parse(m.Groups[1].Value), file, Read(assembly, n));
            })
            .OrderBy(s => s.Version)
            .ToList();
    }

    /// <summary>Applies what is missing and returns the versions applied now.</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken ct = default)
    {
        var applied = db.Dialect.Provider == DatabaseProvider.SqlServer ? await MigrateSqlServerAsync(ct) : await MigrateSqliteAsync(ct);
        await CandidateStore.FoldPendingNamesAsync(db, ct);
        await StaffAccountStore.FoldPendingUserNamesAsync(db, ct);
        return applied;
    }

    // SQLite: BEGIN IMMEDIATE per script serializes two processes on one file; the second sees the version recorded.
    private async Task<IReadOnlyList<int>> MigrateSqliteAsync(CancellationToken ct)
    {
        await using (var s = await db.OpenAsync(ct))
            await s.Connection.ExecuteAsync(new CommandDefinition(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);",
                cancellationToken: ct));
        var applied = new List<int>();
        foreach (var script in ScriptsFor(DatabaseProvider.Sqlite))
        {
            await using var s = await db.BeginAsync(ct: ct);
            if (await IsAppliedAsync(s.Connection, s.Transaction, script, ct)) continue;
            foreach (var batch in Batches(script.Sql))
                await s.Connection.ExecuteAsync(new CommandDefinition(batch, transaction: s.Transaction, cancellationToken: ct));
            await RecordAsync(s.Connection, s.Transaction, script, ct);
            await s.CommitAsync(ct);
            applied.Add(script.Version);
        }
        return applied;
    }

    /// <summary>
    /// SQL Server: one connection holds the migration lock (sp_getapplock, owned by the session) for the whole run, so
    /// a script that may not run in a transaction is covered too; two nodes starting together apply each script once.
    /// The lock's result is checked: a timeout, a deadlock or an error stops the start-up instead of migrating unlocked.
    /// </summary>
    private async Task<IReadOnlyList<int>> MigrateSqlServerAsync(CancellationToken ct)
    {
        await using var s = await db.OpenAsync(ct);
        var c = s.Connection;
        var result = await c.ExecuteScalarAsync<int>(new CommandDefinition(AcquireLockSql,
            new { TimeoutMs = (int)LockTimeout.TotalMilliseconds }, commandTimeout: (int)LockTimeout.TotalSeconds + 30, cancellationToken: ct));
        if (result < 0) throw new InvalidOperationException(LockFailure(result));
        try
        {
            await c.ExecuteAsync(new CommandDefinition(VersionTableSql, cancellationToken: ct));
            var applied = new List<int>();
            foreach (var script in ScriptsFor(DatabaseProvider.SqlServer))
            {
                if (await IsAppliedAsync(c, null, script, ct)) continue;
                if (script.Transactional)
                {
                    await using var tx = await c.BeginTransactionAsync(ct);
                    foreach (var batch in Batches(script.Sql))
                        await c.ExecuteAsync(new CommandDefinition(batch, transaction: tx, cancellationToken: ct));
                    await RecordAsync(c, tx, script, ct);
                    await tx.CommitAsync(ct);
                }
                else
                {
                    foreach (var batch in Batches(script.Sql))
                        await c.ExecuteAsync(new CommandDefinition(batch, commandTimeout: 600, cancellationToken: ct));
                    await RecordAsync(c, null, script, ct);
                }
                applied.Add(script.Version);
            }
            return applied;
        }
        finally
        {
            // Also released when the session ends; said explicitly because a pooled connection lives on.
            try { await c.ExecuteAsync(ReleaseLockSql); }
            catch (DbException) { } // the connection broke: its session, and the lock with it, are gone
        }
    }

    public const string VersionTableSql = """
        IF OBJECT_ID(N'schema_migrations', N'U') IS NULL
            CREATE TABLE schema_migrations (version INT NOT NULL PRIMARY KEY, name NVARCHAR(200) NOT NULL, applied_at DATETIMEOFFSET NOT NULL);
        """;

    public const string ReleaseLockSql = "EXEC sp_releaseapplock @Resource = N'exam-migrations', @LockOwner = 'Session';";

    /// <summary>sp_getapplock's return value: 0 granted, 1 granted after waiting; negative: not granted.</summary>
    public const string AcquireLockSql = """
        DECLARE @result INT;
        EXEC @result = sp_getapplock @Resource = N'exam-migrations', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = @TimeoutMs;
        SELECT @result;
        """;

    public static string LockFailure(int result) => result switch
    {
        -1 => $"Another node held the migration lock for more than {LockTimeout.TotalMinutes} minutes; start again when it has finished.",
        -2 => "Waiting for the migration lock was cancelled.",
        -3 => "Waiting for the migration lock was chosen as a deadlock victim; start again.",
        _ => $"sp_getapplock refused the migration lock (result {result}).",
    };

    private static async Task<bool> IsAppliedAsync(DbConnection c, DbTransaction? tx, Script script, CancellationToken ct) =>
        await c.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version;", new { script.Version }, tx, cancellationToken: ct)) > 0;

    private static Task RecordAsync(DbConnection c, DbTransaction? tx, Script script, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @At);",
            new { script.Version, script.Name, At = DateTimeOffset.UtcNow }, tx, cancellationToken: ct));

    public async Task<IReadOnlyList<int>> AppliedVersionsAsync(CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        return (await s.Connection.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version;")).ToList();
    }

    /// <summary>What became of the database named in the connection string before migrating.</summary>
    public enum DatabaseCreation { NotSqlServer, Existed, Created, NotPermitted }

    /// <summary>
    /// SQL Server: creates the database named in the connection string when it is missing and the login may (through
    /// master), with READ_COMMITTED_SNAPSHOT on from the start (see migration 0016). A login that may not create
    /// databases gets <see cref="DatabaseCreation.NotPermitted"/>: then deploy/sqlserver-init.sql creates it.
    /// </summary>
    public async Task<DatabaseCreation> EnsureDatabaseAsync(CancellationToken ct = default)
    {
        if (db.Dialect.Provider != DatabaseProvider.SqlServer) return DatabaseCreation.NotSqlServer;
        var target = new SqlConnectionStringBuilder(db.Options.ConnectionString);
        if (string.IsNullOrEmpty(target.InitialCatalog)) return DatabaseCreation.Existed; // the login's default database
        var master = new SqlConnectionStringBuilder(target.ConnectionString) { InitialCatalog = "master" };
        try
        {
            await using var c = new SqlConnection(master.ConnectionString) { RetryLogicProvider = TransientFaults.CreateProvider() };
            await c.OpenAsync(ct);
            var created = await c.ExecuteScalarAsync<int>(new CommandDefinition(CreateDatabaseSql, new { Name = target.InitialCatalog }, cancellationToken: ct));
            return created == 1 ? DatabaseCreation.Created : DatabaseCreation.Existed;
        }
        catch (SqlException e) when (e.Number == 1801)
        {
            return DatabaseCreation.Existed; // another node created it a moment ago
        }
        catch (SqlException e) when (e.Number is 262 or 916 or 18456 or 4060)
        {
            return DatabaseCreation.NotPermitted; // no CREATE DATABASE permission, or no access to master at all
        }
    }

    public const string CreateDatabaseSql = """
        IF DB_ID(@Name) IS NOT NULL
            SELECT 0;
        ELSE
        BEGIN
            DECLARE @create NVARCHAR(400) = N'CREATE DATABASE ' + QUOTENAME(@Name) + N';';
            EXEC (@create);
            DECLARE @rcsi NVARCHAR(400) = N'ALTER DATABASE ' + QUOTENAME(@Name) + N' SET READ_COMMITTED_SNAPSHOT ON;';
            EXEC (@rcsi);
            SELECT 1;
        END
        """;

    /// <summary>SQL Server scripts separate batches with GO lines (CREATE TRIGGER must start a batch).</summary>
    public static IEnumerable<string> Batches(string sql) =>
        GoLine().Split(sql).Where(b => !string.IsNullOrWhiteSpace(b));

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(\d{4})_[a-z0-9_]+$")]
    private static partial Regex ScriptName();

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoLine();
}
