using Exam.Data.Database;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Exam.Web.Tests.Fixtures;

/// <summary>
/// The real app on a fresh SQLite file with demo data, and a fake clock the test moves by hand.
/// Shared (as a source link) by the E2E project, which runs it on real Kestrel.
/// </summary>
public class ExamAppFactory : WebApplicationFactory<Program>
{
    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "exam-web-tests", Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Extra configuration for one fixture (e.g. a low rate limit).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:SqlitePath", Path.Combine(DataDir, "exam.db"));
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(DataDir, "keys"));
        builder.UseSetting("Demo:Seed", "true");
        // Tests sweep expired parts themselves, at the moment they choose.
        builder.UseSetting("Delivery:SweeperEnabled", "false");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public Db Db => Services.GetRequiredService<Db>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
