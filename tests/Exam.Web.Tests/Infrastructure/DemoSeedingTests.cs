using Exam.Data.Accounts;
using Exam.Data.Database;
using Exam.Web.Demo;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Infrastructure;

/// <summary>Two web nodes starting together on one new database, as the compose file and the cluster test start them.</summary>
public sealed class DemoSeedingTests
{
    private sealed class Node(string sharedDir) : ExamAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Database:SqlitePath"] = Path.Combine(sharedDir, "exam.db"),
            ["DataProtection:KeysPath"] = Path.Combine(sharedDir, "keys"),
        };
    }

    [Fact]
    public async Task Two_nodes_starting_on_one_new_database_seed_the_demo_once_and_both_start()
    {
        var shared = Path.Combine(Path.GetTempPath(), "exam-web-tests", "seed-" + Guid.NewGuid().ToString("N"));
        using var first = new Node(shared);
        using var second = new Node(shared);
        try
        {
            // Each start migrates and seeds before the host answers; before the claim, the second crashed on a unique key.
            await Task.WhenAll(Task.Run(() => first.Services), Task.Run(() => second.Services));

            Assert.Single(await first.ActionsAsync("demo.seeded"));
            await using var s = await first.Db.OpenAsync();
            Assert.Equal(DemoData.Staff.Count, await first.Services.GetRequiredService<StaffAccountStore>().CountAsync(s));
            var claim = await first.Services.GetRequiredService<StartupClaims>().GetAsync(s, DemoSeeder.SeedTask);
            Assert.NotNull(claim!.CompletedAt);
            // Both serve: the second node's sign-in page answers from the same database.
            var (response, _) = await Browserless.For(second).GetAsync("/Account/SignIn");
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            first.Dispose();
            second.Dispose();
            try { Directory.Delete(shared, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
