using Exam.Data.Delivery;
using Exam.E2E.Tests.Fixtures;
using Exam.E2E.Tests.Pages;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exam.E2E.Tests.Journeys;

/// <summary>At time-up the answers lock at once, the page submits the part itself and says what did not reach the server.</summary>
public sealed class TimeUpJourneys(ShortLateWindowBrowserFixture browser) : IClassFixture<ShortLateWindowBrowserFixture>
{
    private async Task<(ExamSeed.Form Form, ExamSeed.Seat Seat, IPage Page, ExamPage Exam, List<string> Dialogs)> NearTheDeadlineAsync()
    {
        var form = await ExamSeed.PublishedFormAsync(browser.App);
        var seat = await ExamSeed.SeatAsync(browser.App, form, partTwo: false);
        var page = await browser.NewActorAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, d) => { lock (dialogs) dialogs.Add(d.Type); await d.DismissAsync(); };
        var exam = new ExamPage(page);
        await exam.SignInAndAcceptRulesAsync(seat.CandidateNumber, seat.AccessCode);
        await exam.ChooseAsync(1, form.Questions[0].KeyText);
        await exam.WaitSavedAsync();
        browser.App.Clock.Advance(TimeSpan.FromMinutes(90) - TimeSpan.FromSeconds(4)); // the server's clock: 4 s left
        await page.ReloadAsync();
        return (form, seat, page, exam, dialogs);
    }

    private async Task<AttemptPart> PartOneAsync(long registrationId)
    {
        await using var s = await browser.App.Db.OpenAsync();
        var attemptId = await browser.App.Services.GetRequiredService<AttemptStore>().IdForRegistrationAsync(s, registrationId);
        return (await browser.App.Services.GetRequiredService<AttemptStore>().GetAsync(s, attemptId!.Value))!.Value.Parts.Single(p => p.Part == 1);
    }

    [Fact]
    public async Task At_time_up_the_answers_lock_the_page_submits_and_confirms_without_reloading_or_asking_to_leave()
    {
        var (form, seat, page, exam, dialogs) = await NearTheDeadlineAsync();
        await Screenshots.KeepOnFailureAsync("time-up", async () =>
        {
            await Expect(exam.Alert).ToContainTextAsync("Time is up. Your answers can no longer change. Part One is being submitted.", new() { Timeout = 15_000 });
            browser.App.Clock.Advance(TimeSpan.FromSeconds(5)); // the server's deadline passes too
            await Expect(exam.Question(1).GetByLabel(form.Questions[0].KeyText, new() { Exact = true })).ToBeDisabledAsync();
            await Expect(exam.PartOver).ToContainTextAsync("Part One has been submitted", new() { Timeout = 15_000 });
            await Expect(exam.PartOver).ToContainTextAsync("Every change you made reached the server.");
            Assert.EndsWith("/Candidate/Exam/PartOne", page.Url);
            await exam.PartOver.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
            await Expect(page.GetByText(ExamPage.ReceiptCode())).ToBeVisibleAsync();
        }, page);
        Assert.Empty(dialogs);
        Assert.NotNull((await PartOneAsync(seat.RegistrationId)).SubmittedAt);
    }

    [Fact]
    public async Task A_change_that_could_not_reach_the_server_by_time_up_is_named_on_the_confirmation()
    {
        var (form, seat, page, exam, dialogs) = await NearTheDeadlineAsync();
        await Screenshots.KeepOnFailureAsync("time-up-offline", async () =>
        {
            await page.Context.SetOfflineAsync(true);
            await exam.GoToAsync(2);
            await exam.ChooseAsync(2, form.Questions[1].KeyText);
            await Expect(exam.Alert).ToContainTextAsync("Time is up", new() { Timeout = 15_000 });
            await Expect(exam.PartOver).ToContainTextAsync("These changes did not reach the server", new() { Timeout = 30_000 });
            await Expect(page.Locator("#not-saved li")).ToHaveTextAsync(["Question 2"]);
        }, page);
        Assert.Empty(dialogs);
        await page.Context.SetOfflineAsync(false);
    }
}
