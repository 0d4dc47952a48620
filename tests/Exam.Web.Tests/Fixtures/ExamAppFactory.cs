using System.Security.Cryptography;
using Exam.Data.Database;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Exam.Web.Tests.Fixtures;

/// <summary>
/// The real app on a fresh database with demo data, and a fake clock the test moves by hand. The database is a new
/// SQLite file; when EXAM_TEST_SQLSERVER holds a connection string, it is a new database on that SQL Server instead
/// (one per fixture, so per test class; the app creates it at start-up as in production, and it is dropped at the end).
/// Shared (as a source link) by the E2E project, which runs it on real Kestrel.
/// </summary>
public class ExamAppFactory : WebApplicationFactory<Program>
{
    public const string SqlServerVariable = "EXAM_TEST_SQLSERVER";

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "exam-web-tests", Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>The SQL Server database of this fixture, or null on SQLite.</summary>
    public string? SqlServerDatabase { get; } =
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(SqlServerVariable)) ? null : "exam_web_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Extra configuration for one fixture (e.g. a low rate limit).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        if (SqlServerDatabase is null)
        {
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:SqlitePath", Path.Combine(DataDir, "exam.db"));
        }
        else
        {
            builder.UseSetting("Database:Provider", "SqlServer");
            builder.UseSetting("ConnectionStrings:Exam", SqlServerConnectionString(SqlServerDatabase));
            builder.UseSetting("Security:AccessCodeKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(DataDir, "keys"));
        builder.UseSetting("Demo:Seed", "true");
        // Tests sweep expired parts themselves, at the moment they choose.
        builder.UseSetting("Delivery:SweeperEnabled", "false");
        // Every test client comes from one address: tests of other things must not pause it. Tests of the limit set
        // it back to the shipped default (SignInThrottleTests).
        builder.UseSetting("SignIn:AddressLimit:MaxFailures", "100000");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public Db Db => Services.GetRequiredService<Db>();

    protected static string SqlServerConnectionString(string database) =>
        new SqlConnectionStringBuilder(Environment.GetEnvironmentVariable(SqlServerVariable)) { InitialCatalog = database }.ConnectionString;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (SqlServerDatabase is not null) DropSqlServerDatabase(SqlServerDatabase);
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static void DropSqlServerDatabase(string database)
    {
        SqlConnection.ClearAllPools();
        using var c = new SqlConnection(SqlServerConnectionString("master"));
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"IF DB_ID(N'{database}') IS NOT NULL BEGIN ALTER DATABASE [{database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{database}]; END";
        cmd.ExecuteNonQuery();
    }
}
