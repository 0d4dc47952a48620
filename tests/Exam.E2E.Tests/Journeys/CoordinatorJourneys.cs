using Deque.AxeCore.Playwright;
using Exam.E2E.Tests.Fixtures;
using Exam.E2E.Tests.Pages;
using Exam.Web.Demo;
using Exam.Web.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exam.E2E.Tests.Journeys;

/// <summary>A coordinator schedules a sitting in its own time zone, registers a pasted roster and prints every letter; axe on each page.</summary>
public sealed class CoordinatorJourneys(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_coordinator_schedules_a_Detroit_sitting_registers_a_roster_and_prints_all_the_letters()
    {
        var form = await ExamSeed.PublishedFormAsync(browser.App);
        var page = await browser.NewActorAsync();
        var signIn = new SignInPage(page);
        await signIn.OpenAsync();
        await signIn.SignInAsync("coordinator", DemoData.Staff.Single(s => s.UserName == "coordinator").Password);
        var tag = Guid.NewGuid().ToString("N")[..6];
        await Screenshots.KeepOnFailureAsync("coordinator", async () =>
        {
            await page.GotoAsync("/Admin/Sittings/Create");
            await page.GetByLabel("Title").FillAsync("Spring Detroit " + tag);
            await page.GetByLabel("Form", new() { Exact = true }).SelectOptionAsync(form.Id);
            await page.GetByLabel("Time zone of the sitting").FillAsync("America/Detroit");
            // 02:30 on the night the clocks go forward does not exist: the page says so and keeps what was typed.
            await page.GetByLabel("Window opens (local time in the sitting's time zone)").FillAsync("2027-03-14T02:30");
            await page.GetByLabel("Window closes (local time in the sitting's time zone)").FillAsync("2027-03-14T17:00");
            await page.GetByLabel("Proctor", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await page.GetByLabel("Location, if not remote").FillAsync("Lansing");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create sitting" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("2027-03-14 02:30 does not exist in America/Detroit");
            await AssertAxeCleanAsync(page, "new sitting with an error");

            await page.GetByLabel("Window opens (local time in the sitting's time zone)").FillAsync("2027-03-14T09:00");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create sitting" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Spring Detroit " + tag })).ToBeVisibleAsync();
            await Expect(page.Locator("#sitting-time-zone")).ToHaveTextAsync("America/Detroit");
            await Expect(page.GetByText("2027-03-14 09:00 to 2027-03-14 17:00 America/Detroit time (UTC-04:00)")).ToBeVisibleAsync();
            await AssertAxeCleanAsync(page, "sitting");

            await page.GetByRole(AriaRole.Link, new() { Name = "Register candidates" }).ClickAsync();
            await AssertAxeCleanAsync(page, "register candidates");
            var roster = page.GetByLabel("Candidates, one a line");
            await roster.FillAsync($"Lena Ortiz, lena.{tag}@example.org, Michigan AIMH, IMHS\nSam Lee, sam.{tag}@example.org, Michigan AIMH, NOPE, 2");
            await page.GetByRole(AriaRole.Button, new() { Name = "Register and issue codes" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Line 2: Choose a track");
            await AssertAxeCleanAsync(page, "register candidates with errors");

            await roster.FillAsync($"Lena Ortiz, lena.{tag}@example.org, Michigan AIMH, IMHS\nSam Lee, sam.{tag}@example.org, Michigan AIMH, IMHS, 2");
            await page.GetByRole(AriaRole.Button, new() { Name = "Register and issue codes" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 candidates registered");
            await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Sam Lee");

            await page.GetByRole(AriaRole.Link, new() { Name = "Print all admission letters" }).ClickAsync();
            var letters = page.Locator("article.letter");
            await Expect(letters).ToHaveCountAsync(2);
            await Expect(page.Locator("article.letter .code")).ToHaveCountAsync(2);
            await Expect(letters.First).ToContainTextAsync("America/Detroit time");
            await AssertAxeCleanAsync(page, "letters");
            // On paper, each letter starts on a sheet of its own.
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            Assert.Equal("page", await letters.Nth(1).EvaluateAsync<string>("e => getComputedStyle(e).breakBefore"));
            await Expect(page.Locator(".letter-tools")).ToBeHiddenAsync();
            await page.EmulateMediaAsync(new() { Media = Media.Screen });
            await page.SetViewportSizeAsync(1000, 1400);
            await Screenshots.KeepAsync(page, "after-coordinator-letters");
        }, page);
    }

    private static async Task AssertAxeCleanAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, where + ": " + string.Join("; ", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }
}
