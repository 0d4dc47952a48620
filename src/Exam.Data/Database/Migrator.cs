using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace Exam.Data.Database;

/// <summary>
/// Applies the numbered SQL scripts of the configured provider (embedded as migrations/&lt;Provider&gt;/NNNN_name.sql),
/// each in its own transaction, and records them in schema_migrations. Starting again applies nothing.
/// </summary>
public sealed partial class Migrator(Db db)
{
    public sealed record Script(int Version, string Name, string Sql);

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
        await EnsureVersionTableAsync(ct);
        var applied = new List<int>();
        foreach (var script in ScriptsFor(db.Dialect.Provider))
        {
            await using var s = await db.BeginAsync(ct: ct);
            if (db.Dialect.Provider == DatabaseProvider.SqlServer)
            {
                // Two web nodes starting at once: the second waits here, then sees the version applied.
                await s.Connection.ExecuteAsync(
                    "EXEC sp_getapplock @Resource = 'exam-migrations', @LockMode = 'Exclusive', @LockOwner = 'Transaction';",
                    transaction: s.Transaction);
            }
            var done = await s.Connection.ExecuteScalarAsync<int>(
                "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version;", new { script.Version }, s.Transaction);
            if (done > 0) continue;
            foreach (var batch in Batches(script.Sql))
                await s.Connection.ExecuteAsync(new CommandDefinition(batch, transaction: s.Transaction, cancellationToken: ct));
            await s.Connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @At);",
                new { script.Version, script.Name, At = DateTimeOffset.UtcNow }, s.Transaction);
            await s.CommitAsync(ct);
            applied.Add(script.Version);
        }
        return applied;
    }

    public async Task<IReadOnlyList<int>> AppliedVersionsAsync(CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        return (await s.Connection.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version;")).ToList();
    }

    private async Task EnsureVersionTableAsync(CancellationToken ct)
    {
        await using var s = await db.OpenAsync(ct);
        var sql = db.Dialect.Provider == DatabaseProvider.SqlServer
            ? """
              IF OBJECT_ID(N'schema_migrations', N'U') IS NULL
                  CREATE TABLE schema_migrations (version INT NOT NULL PRIMARY KEY, name NVARCHAR(200) NOT NULL, applied_at DATETIMEOFFSET NOT NULL);
              """
            : "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);";
        try
        {
            await s.Connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: ct));
        }
        catch (Exception) when (db.Dialect.Provider == DatabaseProvider.SqlServer)
        {
            // Another node created it between the check and the create.
        }
    }

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
