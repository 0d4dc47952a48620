using Microsoft.Playwright;

namespace Exam.E2E.Tests.Fixtures;

/// <summary>Runs a journey and, when it fails, keeps a screenshot of every actor's page for the person who reads the failure.</summary>
public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Keeps what the candidate sees now (the viewport, not the whole page) under the test output, as a record.</summary>
    public static async Task KeepAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        Console.WriteLine($"Screenshot kept: {path}");
    }

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
