using System.Text.RegularExpressions;
using Exam.E2E.Tests.Fixtures;
using Exam.E2E.Tests.Pages;
using Exam.Web.Demo;
using static Microsoft.Playwright.Assertions;

namespace Exam.E2E.Tests.Journeys;

/// <summary>
/// A rater's page that cannot reach the server waits longer after each failed save (the same back-off as the candidate's
/// and the proctor's pages), instead of knocking every few seconds. A class of its own: its claim must not disturb the
/// demo queue of <see cref="RatingJourneys"/>.
/// </summary>
public sealed class RaterRetryJourneys(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly Regex Offline = new("^Offline");

    [Fact]
    public async Task A_draft_that_cannot_be_saved_is_sent_again_after_delays_that_double()
    {
        var page = await browser.NewActorAsync();
        var signIn = new SignInPage(page);
        await signIn.OpenAsync();
        await signIn.SignInAsync("rater1", DemoData.Staff.Single(s => s.UserName == "rater1").Password);
        var queue = new RatingQueuePage(page);
        await queue.OpenAsync();
        await queue.StartNextAsync();

        await Screenshots.KeepOnFailureAsync("rater-retry", async () =>
        {
            // The rate page again, on a clock the test moves, with the jitter at its lowest (each delay is then exactly half
            // its ceiling) and a server that drops every draft; the page counts the drafts it sends.
            var start = new DateTime(2027, 1, 4, 9, 0, 0, DateTimeKind.Utc);
            await page.Clock.InstallAsync(new() { TimeDate = start });
            await page.AddInitScriptAsync("""
                Math.random = () => 0;
                window.draftsSent = 0;
                const realFetch = window.fetch;
                window.fetch = (url, init) => { if (String(url).includes('handler=Autosave')) window.draftsSent++; return realFetch(url, init); };
                """);
            await page.RouteAsync("**/Rating/Rate/**", route =>
                route.Request.Url.Contains("handler=Autosave") ? route.AbortAsync("internetdisconnected") : route.ContinueAsync());
            await page.ReloadAsync();
            await page.Clock.PauseAtAsync(start.AddSeconds(30)); // from here on, time moves only when the test says so
            var status = page.Locator("#draft-status");
            var sent = () => page.EvaluateAsync<int>("window.draftsSent");
            // A send has failed and its retry is set once the page says "Offline" again after sending.
            async Task FailedAsync(int n)
            {
                await page.WaitForFunctionAsync("n => window.draftsSent === n", n);
                await Expect(status).ToHaveTextAsync(Offline);
            }

            await page.Locator("fieldset.criterion").First.Locator("input[value=\"2\"]").CheckAsync();
            await page.Clock.RunForAsync(1200); // the page waits 1.2 s after a change before saving
            await FailedAsync(1);

            // Retries wait 1 s, 2 s, 4 s, 8 s (the lowest of each jittered range): never sooner.
            var expected = 1;
            foreach (var wait in new[] { 1000, 2000, 4000, 8000 })
            {
                await page.Clock.RunForAsync(wait - 1);
                Assert.Equal(expected, await sent());
                await page.Clock.RunForAsync(1);
                await FailedAsync(++expected);
            }

            // The server is back: the next retry saves the draft, and the rater's scores are still in the form.
            await page.UnrouteAsync("**/Rating/Rate/**");
            await page.Clock.RunForAsync(16_000);
            await Expect(status).ToHaveTextAsync("Draft saved");
            await Expect(page.Locator("fieldset.criterion").First.Locator("input[value=\"2\"]")).ToBeCheckedAsync();
        }, page);
    }
}
