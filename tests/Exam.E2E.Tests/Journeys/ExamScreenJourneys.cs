using Exam.Data.Delivery;
using Exam.Data.Scheduling;
using Exam.E2E.Tests.Fixtures;
using Exam.E2E.Tests.Pages;
using Exam.Web.Proctoring;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Exam.E2E.Tests.Journeys;

/// <summary>
/// What the candidate sees on the first screen: the question and Next without scrolling, review from anywhere,
/// warnings where the candidate looks, and a screen reader that is told what matters and nothing else.
/// Screenshots are kept (see <see cref="Screenshots.KeepAsync"/>) for the before/after record.
/// </summary>
public sealed class ExamScreenJourneys(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> CandidateAtAsync(int width, int height)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(10_000);
        await context.AddInitScriptAsync(LiveRegionCounter);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Records what a screen reader would be sent: every change of text in a live region (role status, alert or
    /// log, or aria-live other than off) and every live region that is shown.
    /// </summary>
    private const string LiveRegionCounter = """
        window.__announced = [];
        new MutationObserver(records => {
          const seen = new Set();
          for (const r of records) {
            const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
            const live = el && el.closest('[aria-live]:not([aria-live="off"]), [role=status], [role=alert], [role=log]');
            if (!live || live.hidden || seen.has(live) || !live.textContent.trim()) continue;
            seen.add(live);
            window.__announced.push((live.id || live.tagName) + ': ' + live.textContent.trim());
          }
        }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['hidden'] });
        """;

    private static Task<string[]> AnnouncedAsync(IPage page) => page.EvaluateAsync<string[]>("() => window.__announced.splice(0)");

    [Fact]
    public async Task The_question_and_Next_fit_the_first_screen_at_1366x768_and_at_200_percent_zoom()
    {
        var form = await ExamSeed.PublishedFormAsync(browser.App, questions: 60);
        var seat = await ExamSeed.SeatAsync(browser.App, form, partTwo: false);
        var page = await CandidateAtAsync(1366, 768);
        var exam = new ExamPage(page);
        await Screenshots.KeepOnFailureAsync("first-screen", async () =>
        {
            await exam.SignInAndAcceptRulesAsync(seat.CandidateNumber, seat.AccessCode);
            await Screenshots.KeepAsync(page, "part-one-1366x768");
            await exam.ChooseAsync(1, form.Questions[0].KeyText);
            await exam.WaitSavedAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Question 1 of 60" })).ToBeInViewportAsync();
            await Expect(exam.Question(1).GetByRole(AriaRole.Button, new() { Name = "Next" })).ToBeInViewportAsync(new() { Ratio = 1 });
            await Expect(exam.Question(1).GetByLabel(form.Questions[0].KeyText, new() { Exact = true })).ToBeInViewportAsync();
            await Expect(page.GetByText("Answered 1 of 60")).ToBeVisibleAsync();

            // The keyboard reaches the answers in a few Tabs, not through 60 navigator buttons.
            await page.ReloadAsync(); // the focus starts at the top of the page
            await Expect(exam.Question(1)).ToBeVisibleAsync();
            var tabs = 0;
            while (tabs < 80 && !await page.EvaluateAsync<bool>("() => document.activeElement?.matches('#q-1 input[type=radio]') ?? false"))
            {
                await page.Keyboard.PressAsync("Tab");
                tabs++;
            }
            output.WriteLine($"Tabs from the top of the page to the first answer: {tabs}");
            Assert.InRange(tabs, 1, 8);

            // Review from question 5, then back to it.
            await exam.GoToAsync(5);
            await exam.FlagAsync(5);
            await Expect(exam.Question(5).GetByRole(AriaRole.Button, new() { Name = "Flagged for review: remove the flag" })).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Review and submit" }).ClickAsync();
            await Expect(page.GetByText("1 of 60 questions answered; 1 flagged for review.")).ToBeVisibleAsync();
            await page.Locator("#review-flagged").GetByRole(AriaRole.Button, new() { Name = "Go to question 5" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Question 5 of 60" })).ToBeFocusedAsync();

            // 200% zoom on the same screen: the page is laid out for 683 x 384 CSS pixels.
            await page.SetViewportSizeAsync(683, 384);
            await exam.GoToAsync(7);
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await Screenshots.KeepAsync(page, "part-one-200pct");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Question 7 of 60" })).ToBeInViewportAsync();
            await Expect(exam.Question(7).GetByRole(AriaRole.Button, new() { Name = "Next" })).ToBeInViewportAsync(new() { Ratio = 1 });
            await Expect(exam.Question(7).GetByRole(AriaRole.Button, new() { Name = "Previous" })).ToBeInViewportAsync(new() { Ratio = 1 });
        }, page);
    }

    [Fact]
    public async Task Sixty_answers_announce_nothing_and_going_offline_and_back_is_announced_once_each()
    {
        var form = await ExamSeed.PublishedFormAsync(browser.App, questions: 60);
        var seat = await ExamSeed.SeatAsync(browser.App, form, partTwo: false);
        var page = await CandidateAtAsync(1366, 768);
        var exam = new ExamPage(page);
        await Screenshots.KeepOnFailureAsync("announcements", async () =>
        {
            await exam.SignInAndAcceptRulesAsync(seat.CandidateNumber, seat.AccessCode);
            await exam.WaitSavedAsync();
            await AnnouncedAsync(page);
            foreach (var q in form.Questions)
            {
                await exam.ChooseAsync(q.Position, q.KeyText);
                if (q.Position < form.Questions.Count)
                {
                    await exam.Question(q.Position).GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
                    await Expect(exam.Question(q.Position + 1)).ToBeVisibleAsync();
                }
            }
            await exam.WaitSavedAsync();
            var announced = await AnnouncedAsync(page);
            output.WriteLine($"Live-region announcements for 60 answers: {announced.Length}");
            foreach (var a in announced.Take(10)) output.WriteLine("  " + a);
            Assert.Empty(announced);

            await page.Context.SetOfflineAsync(true);
            await exam.Question(60).GetByRole(AriaRole.Button, new() { Name = "Clear answer" }).ClickAsync();
            await Expect(page.Locator(".exam-bar.is-offline")).ToBeVisibleAsync();
            await Screenshots.KeepAsync(page, "part-one-offline");
            await page.Context.SetOfflineAsync(false);
            await exam.WaitSavedAsync();
            await Expect(page.Locator(".exam-bar.is-offline")).ToHaveCountAsync(0);
            announced = await AnnouncedAsync(page);
            output.WriteLine("Offline and back: " + string.Join(" | ", announced));
            Assert.Equal(2, announced.Length);
            Assert.StartsWith("exam-announce: Offline", announced[0]);
            Assert.StartsWith("exam-announce: Back online", announced[1]);
        }, page);
    }

    [Fact]
    public async Task Part_Two_shows_the_five_minute_warning_and_an_extension_in_view_and_sums_up_before_submitting()
    {
        var form = await ExamSeed.PublishedFormAsync(browser.App, minutes: 30);
        var seat = await ExamSeed.SeatAsync(browser.App, form);
        var page = await CandidateAtAsync(1366, 768);
        var exam = new ExamPage(page);
        await Screenshots.KeepOnFailureAsync("part-two-screens", async () =>
        {
            await exam.SignInAndAcceptRulesAsync(seat.CandidateNumber, seat.AccessCode);
            await exam.GoToAsync(6);
            await page.GetByRole(AriaRole.Button, new() { Name = "Review answers" }).ClickAsync();
            await exam.SubmitPartAsync("Submit Part One");
            await page.GetByRole(AriaRole.Button, new() { Name = "Start Part Two" }).ClickAsync();

            await exam.Choice(1).CheckAsync();
            await exam.Essay(1).FillAsync("The infant looks away when the mother comes close.");
            await exam.Essay(2).FillAsync("Some notes I wrote first and then left.");
            await exam.Choice(3).CheckAsync();
            await exam.Essay(3).FillAsync("I would begin by listening to the father's story.");
            await exam.WaitSavedAsync();

            browser.App.Clock.Advance(TimeSpan.FromMinutes(25.5));
            await page.ReloadAsync();
            await exam.Essay(3).ScrollIntoViewIfNeededAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit Part Two" }).ScrollIntoViewIfNeededAsync();
            await Expect(exam.Alert).ToHaveTextAsync("5 minutes left in this part.");
            await Screenshots.KeepAsync(page, "part-two-warning");
            await Expect(exam.Alert).ToBeInViewportAsync(new() { Ratio = 1 });

            await ExtendAsync(seat, minutes: 10);
            await Expect(exam.Alert).ToHaveTextAsync("10 minutes have been added by your proctor.");
            await Expect(exam.Alert).ToBeInViewportAsync(new() { Ratio = 1 });
            await Screenshots.KeepAsync(page, "part-two-extension");

            await page.GetByRole(AriaRole.Button, new() { Name = "Submit Part Two" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog.GetByText("Essay 1 (Clinical): 9 words")).ToBeVisibleAsync();
            await Expect(dialog.GetByText("Essay 3 (Clinical): 9 words")).ToBeVisibleAsync();
            await Expect(dialog.GetByText("You have chosen 2 essays, as the rule asks (answer 2).")).ToBeVisibleAsync();
            await Expect(dialog.GetByText("Essay 2 has 8 words written but is not chosen: it will not be marked.")).ToBeVisibleAsync();
            await Screenshots.KeepAsync(page, "part-two-summary");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Submit now" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your exam is submitted" })).ToBeVisibleAsync();
        }, page);
    }

    [Fact]
    public async Task Signing_out_mid_part_asks_first_and_the_same_computer_comes_back_without_the_proctor_another_does_not()
    {
        var form = await ExamSeed.PublishedFormAsync(browser.App);
        var seat = await ExamSeed.SeatAsync(browser.App, form, partTwo: false);
        var page = await CandidateAtAsync(1366, 768);
        var other = await CandidateAtAsync(1366, 768);
        var exam = new ExamPage(page);
        await Screenshots.KeepOnFailureAsync("same-computer", async () =>
        {
            await exam.SignInAndAcceptRulesAsync(seat.CandidateNumber, seat.AccessCode);
            await exam.ChooseAsync(1, form.Questions[0].KeyText);
            await exam.WaitSavedAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Sign out during Part One?" });
            await Expect(dialog).ToBeVisibleAsync();
            await Expect(dialog).ToContainTextAsync("Your clock keeps running");
            await Screenshots.KeepAsync(page, "sign-out-confirmation");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Stay in the exam" }).ClickAsync();
            await Expect(exam.Question(1)).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);

            // The same browser: straight back to the question, the answer in place.
            await page.GotoAsync("/Account/CandidateSignIn");
            await page.GetByLabel("Candidate number").FillAsync(seat.CandidateNumber);
            await page.GetByLabel("Access code").FillAsync(seat.AccessCode);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.GotoAsync("/Candidate/Exam");
            await Expect(exam.Question(1).GetByLabel(form.Questions[0].KeyText, new() { Exact = true })).ToBeCheckedAsync();

            // Another computer: the proctor has to re-admit.
            await other.GotoAsync("/Account/CandidateSignIn");
            await other.GetByLabel("Candidate number").FillAsync(seat.CandidateNumber);
            await other.GetByLabel("Access code").FillAsync(seat.AccessCode);
            await other.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await other.GotoAsync("/Candidate/Exam");
            await Expect(other.GetByRole(AriaRole.Heading, new() { Name = "Your exam is open on another computer" })).ToBeVisibleAsync();
        }, page, other);
    }

    private async Task ExtendAsync(ExamSeed.Seat seat, int minutes)
    {
        Sitting sitting;
        long attemptId;
        await using (var s = await browser.App.Db.OpenAsync())
        {
            sitting = (await browser.App.Services.GetRequiredService<SittingStore>().GetAsync(s, seat.SittingId))!;
            attemptId = (await browser.App.Services.GetRequiredService<AttemptStore>().IdForRegistrationAsync(s, seat.RegistrationId))!.Value;
        }
        var error = await browser.App.Services.GetRequiredService<ProctorService>().ExtendAsync(sitting, "proctor", attemptId, minutes, "Fire alarm");
        Assert.Null(error);
    }
}
