using Exam.Data.Database;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Time.Testing;

namespace Exam.Data.Tests.Fixtures;

/// <summary>A migrated database of one provider, shared by one test class. Tests use unique names, so they don't collide.</summary>
public abstract class DatabaseFixture : IAsyncLifetime
{
    private Db? _db;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Why the provider is not available here, or null.</summary>
    public string? SkipReason { get; protected set; }

    public Db Db => _db ?? throw new Xunit.SkipException(SkipReason ?? "database not created");

    protected abstract Task<Db?> CreateAsync();
    protected virtual Task DropAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _db = await CreateAsync();
        if (_db is not null) await new Migrator(_db).MigrateAsync();
    }

    public Task DisposeAsync()
    {
        if (_db is null) return Task.CompletedTask;
        _db.Dispose();
        return DropAsync();
    }
}

/// <summary>A fresh SQLite file in the temp folder: the real engine, never a mock.</summary>
public sealed class SqliteFixture : DatabaseFixture
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "exam-data-tests", Guid.NewGuid().ToString("N"));

    public string FilePath => Path.Combine(_dir, "exam.db");

    protected override Task<Db?> CreateAsync() =>
        Task.FromResult<Db?>(new Db(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, SqlitePath = FilePath }));

    protected override Task DropAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

/// <summary>A throw-away database on the server named by EXAM_TEST_SQLSERVER; skipped with that reason when it is not set.</summary>
public sealed class SqlServerFixture : DatabaseFixture
{
    public const string Variable = "EXAM_TEST_SQLSERVER";
    private readonly string _name = "exam_test_" + Guid.NewGuid().ToString("N")[..12];
    private string? _master;

    protected override async Task<Db?> CreateAsync()
    {
        _master = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(_master))
        {
            SkipReason = $"SQL Server tests run when {Variable} holds a connection string; it is not set on this machine.";
            return null;
        }
        // Created the way the app creates it at start-up (with READ_COMMITTED_SNAPSHOT on), then migrated.
        var cs = new SqlConnectionStringBuilder(_master) { InitialCatalog = _name }.ConnectionString;
        var db = new Db(new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = cs });
        Assert.Equal(Migrator.DatabaseCreation.Created, await new Migrator(db).EnsureDatabaseAsync());
        return db;
    }

    protected override async Task DropAsync()
    {
        SqlConnection.ClearAllPools();
        await using var c = new SqlConnection(_master);
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"ALTER DATABASE [{_name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_name}];";
        await cmd.ExecuteNonQueryAsync();
    }
}
