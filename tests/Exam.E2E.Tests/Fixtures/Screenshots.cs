using Microsoft.Playwright;

namespace Exam.E2E.Tests.Fixtures;

/// <summary>Runs a journey and, when it fails, keeps a screenshot of every actor's page for the person who reads the failure.</summary>
public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task KeepOnFailureAsync(string journey, Func<Task> run, params IPage[] pages)
    {
        try
        {
            await run();
        }
        catch
        {
            Directory.CreateDirectory(Folder);
            for (var i = 0; i < pages.Length; i++)
            {
                var path = Path.Combine(Folder, $"{journey}-{i}.png");
                try { await pages[i].ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true }); }
                catch (PlaywrightException) { }
                Console.WriteLine($"Screenshot kept: {path}");
            }
            throw;
        }
    }
}
