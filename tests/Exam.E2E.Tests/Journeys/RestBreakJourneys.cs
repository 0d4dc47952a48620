using System.Text.RegularExpressions;
using Dapper;
using Deque.AxeCore.Playwright;
using Exam.Core.Accounts;
using Exam.E2E.Tests.Fixtures;
using Exam.E2E.Tests.Pages;
using Exam.Web.Accounts;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exam.E2E.Tests.Journeys;

/// <summary>Rest breaks from the console as the proctor and the candidate see them; retry delays that grow and vary.</summary>
public sealed class RestBreakJourneys(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "rest-break-journey-password";

    [Fact]
    public async Task The_proctor_starts_and_ends_a_rest_break_and_the_candidates_clock_stops_meanwhile()
    {
        var app = browser.App;
        var form = await ExamSeed.PublishedFormAsync(app);
        var seat = await ExamSeed.SeatAsync(app, form);
        var userName = "p" + Guid.NewGuid().ToString("N")[..10];
        var (id, error) = await app.Services.GetRequiredService<StaffAdministration>().CreateAsync("test-setup", userName, "Pat Proctor", Password, [Roles.Proctor]);
        Assert.True(id is not null, error);
        await using (var s = await app.Db.BeginAsync())
        {
            await s.Connection.ExecuteAsync("UPDATE sittings SET proctor_user_id = @P WHERE id = @Id", new { P = id, Id = seat.SittingId }, s.Transaction);
            await s.Connection.ExecuteAsync(
                "UPDATE registrations SET break_count = 2, break_minutes = 10, separate_room = 1, extra_time_part_one = 25 WHERE id = @Id",
                new { Id = seat.RegistrationId }, s.Transaction);
            await s.CommitAsync();
        }
        var exam = new ExamPage(await browser.NewActorAsync());
        await exam.SignInAndAcceptRulesAsync(seat.CandidateNumber, seat.AccessCode);
        var console = new ProctorConsolePage(await browser.NewActorAsync());
        await console.SignInAndOpenAsync(userName, Password, seat.SittingId);
        await Screenshots.KeepOnFailureAsync("rest-break", async () =>
        {
            await Expect(console.Row(seat.CandidateNumber).Locator("[data-col=accommodations]"))
                .ToHaveTextAsync("Part One: 25% extra time; 2 rest breaks of 10 min per part; separate room");
            await console.Page.GetByRole(AriaRole.Button, new() { Name = $"Start break {seat.CandidateNumber}", Exact = true }).ClickAsync();
            await Expect(console.Dialog).ToContainTextAsync("Rest break 1 of 2");
            await AssertAxeCleanAsync(console.Page, "start-break dialog");
            await Screenshots.KeepAsync(console.Page, "after-console-start-break-dialog");
            await console.Dialog.GetByRole(AriaRole.Button, new() { Name = "Start a rest break", Exact = true }).ClickAsync();
            await Expect(console.Dialog).ToBeHiddenAsync();

            await Expect(console.Status(seat.CandidateNumber)).ToHaveTextAsync("Rest break 1 of 2 in Part One");
            await Expect(console.Row(seat.CandidateNumber).Locator("[data-col=time]")).ToContainTextAsync("rest break until");
            await Expect(exam.Page.GetByRole(AriaRole.Dialog, new() { Name = "Rest break" })).ToBeVisibleAsync();
            await Expect(exam.Page.GetByText("Your rest break has started.")).ToBeVisibleAsync();
            await Screenshots.KeepAsync(exam.Page, "after-candidate-rest-break");
            await Expect(exam.Timer).ToHaveTextAsync(new Regex(@"\(paused\)$"));
            await Expect(console.Page.Locator("#log")).ToContainTextAsync("break-start");
            await AssertAxeCleanAsync(console.Page, "console on a break");
            await Screenshots.KeepAsync(console.Page, "after-console-rest-break");

            await console.ActAsync(seat.CandidateNumber, "End break", "End the rest break");
            await Expect(exam.Page.Locator("#pause-overlay")).ToBeHiddenAsync();
            await Expect(console.Status(seat.CandidateNumber)).ToHaveTextAsync("In Part One");

            await console.Page.GotoAsync($"/Proctor/Sittings/Report/{seat.SittingId}");
            await Expect(console.Page.Locator("#report-breaks")).ToContainTextAsync(seat.CandidateNumber);
            await AssertAxeCleanAsync(console.Page, "report with breaks");
            await Screenshots.KeepAsync(console.Page, "after-report-rest-breaks");
        }, console.Page, exam.Page);
    }

    [Fact]
    public async Task Retry_delays_after_a_lost_connection_grow_with_each_failure_and_vary_between_pages()
    {
        var page = await browser.NewActorAsync();
        // backoff.js loads only on the pages that retry; a page without it loads the file as those pages do.
        await page.GotoAsync("/Account/CandidateSignIn");
        await page.AddScriptTagAsync(new() { Url = "/js/backoff.js" });
        // The bounds of each retry (the random half at its lowest and at its highest), and 40 real draws of the fourth.
        var lowest = await page.EvaluateAsync<int[]>("[0,1,2,3,4,5,6].map(n => examBackoff.delay(n, { random: () => 0 }))");
        var highest = await page.EvaluateAsync<int[]>("[0,1,2,3,4,5,6].map(n => examBackoff.delay(n, { random: () => 1 }))");
        var draws = await page.EvaluateAsync<int[]>("Array.from({ length: 40 }, () => examBackoff.delay(3))");

        Assert.Equal([500, 1000, 2000, 4000, 7500, 7500, 7500], lowest);
        Assert.Equal([1000, 2000, 4000, 8000, 15000, 15000, 15000], highest);
        Assert.All(draws, d => Assert.InRange(d, 4000, 8000));
        Assert.True(draws.Distinct().Count() > 10, "the delays vary: " + string.Join(", ", draws));
    }

    private static async Task AssertAxeCleanAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, where + ": " + string.Join("; ", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }
}
