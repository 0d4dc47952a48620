using Exam.Web.Tests.Fixtures;
using Microsoft.Playwright;

namespace Exam.E2E.Tests.Fixtures;

/// <summary>
/// The real app on Kestrel at 127.0.0.1 (port 0) with demo data, and Debian's Chromium driven by Playwright.
/// One fixture per test class; each actor gets its own browser context.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public BrowserFixture() : this(new KestrelAppFactory()) { }

    protected BrowserFixture(ExamAppFactory app) => App = app;

    public ExamAppFactory App { get; }
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: run ./test.sh (it installs Debian's chromium) or apt-get install -y chromium.");
        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.ClientOptions.BaseAddress;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh context (cookies and storage of its own): one per actor.</summary>
    public async Task<IPage> NewActorAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl.ToString() });
        context.SetDefaultTimeout(10_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

public sealed class KestrelAppFactory : ExamAppFactory;

/// <summary>The app with a short window for changes delivered after the deadline, so time-up journeys wait seconds, not half a minute.</summary>
public sealed class ShortLateWindowAppFactory : ExamAppFactory
{
    public const int LateWindowSeconds = 6;

    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Delivery:SaveGraceSeconds"] = LateWindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}

public sealed class ShortLateWindowBrowserFixture : BrowserFixture
{
    public ShortLateWindowBrowserFixture() : base(new ShortLateWindowAppFactory()) { }
}
