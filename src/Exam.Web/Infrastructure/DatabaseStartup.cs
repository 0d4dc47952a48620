using System.Data.Common;
using Exam.Data.Database;
using Exam.Web.Demo;

namespace Exam.Web.Infrastructure;

public static class DatabaseStartup
{
    /// <summary>Applies migrations, seeds demo data when asked, and prints the demo logins once the server listens.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Exam.Startup");
        var db = app.Services.GetRequiredService<Db>();
        var applied = await MigrateAsync(db, app.Services.GetRequiredService<Migrator>(), logger, app.Lifetime.ApplicationStopping);
        Log.DatabaseReady(logger, db.Dialect.Provider.ToString(), applied.Count == 0 ? "none" : string.Join(", ", applied));
        if (!app.Configuration.GetValue("Demo:Seed", false)) return;
        var bank = ItemBankLocation.Find(app.Configuration, app.Environment.ContentRootPath);
        if (await app.Services.GetRequiredService<DemoSeeder>().SeedAsync(bank)) Log.DemoSeeded(logger);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = app.Urls.Count > 0 ? string.Join(", ", app.Urls) : "(see the log above)";
            Console.WriteLine();
            Console.WriteLine($"Exam is running at {urls}");
            Console.WriteLine("Demo logins (as seeded):");
            foreach (var line in DemoSeeder.LoginLines()) Console.WriteLine(line);
            Console.WriteLine();
        });
    }

    /// <summary>
    /// SQL Server: creates a missing database when the login may, then migrates; a server still starting (or a node
    /// whose wait for the migration lock was rolled back by another node's ALTER DATABASE) is tried again a few times.
    /// </summary>
    private static async Task<IReadOnlyList<int>> MigrateAsync(Db db, Migrator migrator, ILogger logger, CancellationToken ct)
    {
        if (db.Dialect.Provider != DatabaseProvider.SqlServer) return await migrator.MigrateAsync(ct);
        const int tries = 6;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Log.DatabaseCreation(logger, (await migrator.EnsureDatabaseAsync(ct)) switch
                {
                    Migrator.DatabaseCreation.Created => "created, with READ_COMMITTED_SNAPSHOT on",
                    Migrator.DatabaseCreation.NotPermitted => "this login may not create databases; it must exist already (deploy/sqlserver-init.sql)",
                    _ => "exists",
                });
                return await migrator.MigrateAsync(ct);
            }
            catch (DbException e) when (attempt < tries)
            {
                var delay = TimeSpan.FromSeconds(Math.Pow(2, attempt));
                Log.DatabaseNotReady(logger, e, attempt, tries, delay.TotalSeconds);
                await Task.Delay(delay, ct);
            }
        }
    }
}
