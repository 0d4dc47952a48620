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
        var applied = await app.Services.GetRequiredService<Migrator>().MigrateAsync();
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
}
