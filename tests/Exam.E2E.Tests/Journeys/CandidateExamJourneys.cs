using Exam.Data.Delivery;
using Exam.E2E.Tests.Fixtures;
using Exam.E2E.Tests.Pages;
using Exam.Web.Delivery;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Exam.E2E.Tests.Journeys;

public sealed class CandidateExamJourneys(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_newcomer_signs_in_as_the_demo_candidate_and_meets_the_60_question_demo_form()
    {
        var demo = Exam.Web.Demo.DemoData.Candidates[0];
        var page = await browser.NewActorAsync();
        var exam = new ExamPage(page);
        await Screenshots.KeepOnFailureAsync("demo-candidate", async () =>
        {
            await exam.SignInAndAcceptRulesAsync(demo.Number, demo.AccessCode);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Question 1 of 60" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Question 60", Exact = true })).ToBeVisibleAsync();
            await Expect(exam.Timer).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^(1:30:00|1:29:\d\d)"));
        }, page);
    }

    private async Task<McResult?> PartOneResultAsync(long registrationId)
    {
        await using var s = await browser.App.Db.OpenAsync();
        var attemptId = await browser.App.Services.GetRequiredService<AttemptStore>().IdForRegistrationAsync(s, registrationId);
        return await browser.App.Services.GetRequiredService<ResultStore>().CurrentAsync(s, attemptId!.Value);
    }

    private async Task<(IReadOnlyList<McAnswer> Mc, IReadOnlyList<EssayAnswer> Essays)> SavedAsync(long registrationId)
    {
        await using var s = await browser.App.Db.OpenAsync();
        var attemptId = await browser.App.Services.GetRequiredService<AttemptStore>().IdForRegistrationAsync(s, registrationId);
        return await browser.App.Services.GetRequiredService<AnswerStore>().LoadAsync(s, attemptId!.Value);
    }

    /// <summary>What the candidate's browser measured for each save on this page: request sent to acknowledgement received.</summary>
    private static async Task<double[]> SaveTimingsAsync(IPage page) => await page.EvaluateAsync<double[]>(
        "() => performance.getEntriesByType('resource').filter(e => e.name.endsWith('/Save')).map(e => e.duration)");

    [Fact]
    public async Task A_candidate_sits_both_parts_to_a_receipt_and_an_MC_score()
    {
        var timings = new List<double>();
        var form = await ExamSeed.PublishedFormAsync(browser.App);
        var seat = await ExamSeed.SeatAsync(browser.App, form);
        var page = await browser.NewActorAsync();
        var exam = new ExamPage(page);
        await Screenshots.KeepOnFailureAsync("full-exam", async () =>
        {
            await exam.SignInAndAcceptRulesAsync(seat.CandidateNumber, seat.AccessCode);
            await Expect(exam.Timer).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^(1:30:00|1:29:\d\d)"));
            foreach (var q in form.Questions.Take(5))
            {
                await exam.GoToAsync(q.Position);
                await exam.ChooseAsync(q.Position, q.KeyText);
            }
            await exam.FlagAsync(5);
            await exam.WaitSavedAsync();
            await exam.GoToAsync(6);
            await page.GetByRole(AriaRole.Button, new() { Name = "Review answers" }).ClickAsync();
            await Expect(page.GetByText("5 of 6 questions answered; 1 flagged for review.")).ToBeVisibleAsync();
            await Expect(page.Locator("#review-unanswered").GetByRole(AriaRole.Button, new() { Name = "Go to question 6" })).ToBeVisibleAsync();
            timings.AddRange(await SaveTimingsAsync(page));
            await exam.SubmitPartAsync("Submit Part One");

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Part One is submitted" })).ToBeVisibleAsync();
            await Expect(page.GetByText(ExamPage.ReceiptCode())).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Start Part Two" }).ClickAsync();

            await Expect(page.GetByText("Answer 2 of the 3 essays")).ToBeVisibleAsync();
            await exam.Choice(1).CheckAsync();
            await exam.Essay(1).FillAsync("The infant looks away when the mother comes close, and she reads it as rejection.");
            await exam.Choice(3).CheckAsync();
            await exam.Essay(3).FillAsync("I would begin by listening to the father's story.");
            await Expect(page.Locator("#essay-1-count")).ToHaveTextAsync("15 words");
            await exam.WaitSavedAsync();
            timings.AddRange(await SaveTimingsAsync(page));
            await exam.SubmitPartAsync("Submit Part Two");

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your exam is submitted" })).ToBeVisibleAsync();
            await Expect(page.GetByText(ExamPage.ReceiptCode())).ToHaveCountAsync(2);
            await Expect(page.GetByText("2 of 2")).ToBeVisibleAsync();
        }, page);

        if (timings.Count > 0)
        {
            var sorted = timings.Order().ToArray();
            output.WriteLine($"E2E save round trip: n={sorted.Length} median={sorted[sorted.Length / 2]:F1} ms max={sorted[^1]:F1} ms");
        }

        var result = await PartOneResultAsync(seat.RegistrationId);
        Assert.Equal((5, 6), (result!.Raw, result.MaxScore));
        var (_, essays) = await SavedAsync(seat.RegistrationId);
        Assert.Equal(2, essays.Count(e => e.Chosen));
    }

    [Fact]
    public async Task The_questions_come_from_what_the_rules_page_fetched_so_the_click_asks_for_no_content()
    {
        var form = await ExamSeed.PublishedFormAsync(browser.App);
        var seat = await ExamSeed.SeatAsync(browser.App, form);
        var page = await browser.NewActorAsync();
        // Chromium's own account of each response (a test cannot tell a cache hit from the page's events).
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var sealedResponses = new List<(bool FromCache, bool AfterClick)>();
        var prefetched = new TaskCompletionSource();
        var prefetchId = "";
        var clicked = false;
        cdp.Event("Network.responseReceived").OnEvent += (_, e) =>
        {
            var response = e!.Value.GetProperty("response");
            if (!response.GetProperty("url").GetString()!.EndsWith("/sealed", StringComparison.Ordinal)) return;
            var fromCache = response.GetProperty("fromDiskCache").GetBoolean()
                || (response.TryGetProperty("fromPrefetchCache", out var p) && p.GetBoolean());
            lock (sealedResponses)
            {
                sealedResponses.Add((fromCache, clicked));
                if (!clicked) prefetchId = e.Value.GetProperty("requestId").GetString()!;
            }
        };
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            lock (sealedResponses)
                if (prefetchId.Length > 0 && e!.Value.GetProperty("requestId").GetString() == prefetchId) prefetched.TrySetResult();
        };
        await cdp.SendAsync("Network.enable");
        var exam = new ExamPage(page);
        await Screenshots.KeepOnFailureAsync("prefetch", async () =>
        {
            await exam.SignInAsync(seat.CandidateNumber, seat.AccessCode);
            await page.GetByRole(AriaRole.Link, new() { Name = "Go to the exam" }).ClickAsync();
            await page.GetByLabel("I have read the rules").CheckAsync();
            await prefetched.Task.WaitAsync(TimeSpan.FromSeconds(15)); // while the rules are read
            lock (sealedResponses) clicked = true;
            await page.GetByRole(AriaRole.Button, new() { Name = "Begin the exam" }).ClickAsync();
            await Expect(page.Locator("#questions-loading")).ToHaveCountAsync(0);
            await Expect(page.Locator("#exam")).ToHaveAttributeAsync("data-content", "sealed");
        }, page);
        lock (sealedResponses)
        {
            Assert.Contains((false, false), sealedResponses); // fetched from the server with the rules
            var afterClick = sealedResponses.Where(r => r.AfterClick).ToList();
            Assert.NotEmpty(afterClick);
            Assert.All(afterClick, r => Assert.True(r.FromCache, "after the click the sealed content came from the browser's cache"));
        }
    }

    [Fact]
    public async Task A_reload_mid_exam_keeps_answers_flags_essay_position_and_option_order()
    {
        var form = await ExamSeed.PublishedFormAsync(browser.App);
        var seat = await ExamSeed.SeatAsync(browser.App, form);
        var page = await browser.NewActorAsync();
        var exam = new ExamPage(page);
        await Screenshots.KeepOnFailureAsync("reload", async () =>
        {
            await exam.SignInAndAcceptRulesAsync(seat.CandidateNumber, seat.AccessCode);
            var orders = new List<IReadOnlyList<string>>();
            for (var n = 1; n <= form.Questions.Count; n++) orders.Add(await exam.OptionOrderAsync(n));
            await exam.GoToAsync(2);
            await exam.ChooseAsync(2, form.Questions[1].KeyText);
            await exam.FlagAsync(2);
            await exam.GoToAsync(3);
            await exam.WaitSavedAsync();

            // The page came from "Begin the exam" (a POST): the reload asks for Part One again, it does not send the form again.
            var reload = await page.RunAndWaitForRequestAsync(() => page.ReloadAsync(), r => r.IsNavigationRequest);
            Assert.Equal(("GET", true), (reload.Method, reload.Url.EndsWith("/Candidate/Exam/PartOne", StringComparison.Ordinal)));
            await Expect(exam.Question(3)).ToBeVisibleAsync();
            await exam.GoToAsync(2);
            await Expect(exam.Question(2).GetByLabel(form.Questions[1].KeyText, new() { Exact = true })).ToBeCheckedAsync();
            await Expect(exam.Question(2).GetByRole(AriaRole.Button, new() { Name = "Flagged for review: remove the flag" })).ToBeVisibleAsync();
            for (var n = 1; n <= form.Questions.Count; n++) Assert.Equal(orders[n - 1], await exam.OptionOrderAsync(n));
        }, page);
    }

    [Fact]
    public async Task Offline_mid_exam_the_page_keeps_working_and_every_answer_arrives_on_reconnect()
    {
        var form = await ExamSeed.PublishedFormAsync(browser.App);
        var seat = await ExamSeed.SeatAsync(browser.App, form);
        var page = await browser.NewActorAsync();
        var exam = new ExamPage(page);
        await Screenshots.KeepOnFailureAsync("offline", async () =>
        {
            await exam.SignInAndAcceptRulesAsync(seat.CandidateNumber, seat.AccessCode);
            await exam.ChooseAsync(1, form.Questions[0].KeyText);
            await exam.WaitSavedAsync();

            await page.Context.SetOfflineAsync(true);
            await exam.GoToAsync(2);
            await exam.ChooseAsync(2, form.Questions[1].KeyText);
            await exam.GoToAsync(3);
            await exam.ChooseAsync(3, form.Questions[2].KeyText);
            await Expect(exam.Status).ToHaveTextAsync("Offline: your answers are kept on this device and will be sent when the connection returns");

            await page.Context.SetOfflineAsync(false);
            await exam.WaitSavedAsync();
        }, page);
        var (mc, _) = await SavedAsync(seat.RegistrationId);
        Assert.Equal([1, 2, 3], mc.Where(a => a.OptionId is not null).Select(a => a.Position));
    }

    [Fact]
    public async Task The_candidate_is_warned_at_ten_minutes_left_by_the_server_clock()
    {
        var form = await ExamSeed.PublishedFormAsync(browser.App, minutes: 30);
        var seat = await ExamSeed.SeatAsync(browser.App, form, partTwo: false);
        var page = await browser.NewActorAsync();
        var exam = new ExamPage(page);
        await Screenshots.KeepOnFailureAsync("warning", async () =>
        {
            await exam.SignInAndAcceptRulesAsync(seat.CandidateNumber, seat.AccessCode);
            await Expect(exam.Alert).ToBeHiddenAsync();
            browser.App.Clock.Advance(TimeSpan.FromMinutes(20.5)); // the server's clock moves; the page learns it on reload
            await page.ReloadAsync();
            await Expect(exam.Alert).ToHaveTextAsync("10 minutes left in this part.");
            await Expect(exam.Timer).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^09:[0-5]\d$"));
        }, page);
    }

    [Fact]
    public async Task Expiry_with_the_browser_closed_submits_what_the_server_holds()
    {
        var form = await ExamSeed.PublishedFormAsync(browser.App);
        var seat = await ExamSeed.SeatAsync(browser.App, form, partTwo: false);
        var page = await browser.NewActorAsync();
        var exam = new ExamPage(page);
        await Screenshots.KeepOnFailureAsync("expiry", async () =>
        {
            await exam.SignInAndAcceptRulesAsync(seat.CandidateNumber, seat.AccessCode);
            await exam.ChooseAsync(1, form.Questions[0].KeyText);
            await exam.WaitSavedAsync();
        }, page);
        await page.Context.CloseAsync();

        browser.App.Clock.Advance(TimeSpan.FromMinutes(91));
        await browser.App.Services.GetRequiredService<ExamService>().SweepExpiredAsync();

        var result = await PartOneResultAsync(seat.RegistrationId);
        Assert.Equal(1, result!.Raw);
        var again = await browser.NewActorAsync();
        await Screenshots.KeepOnFailureAsync("expiry-receipt", async () =>
        {
            await again.GotoAsync("/Account/CandidateSignIn");
            await again.GetByLabel("Candidate number").FillAsync(seat.CandidateNumber);
            await again.GetByLabel("Access code").FillAsync(seat.AccessCode);
            await again.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await again.GetByRole(AriaRole.Link, new() { Name = "See your receipt" }).ClickAsync();
            await Expect(again.GetByText("(when the time ran out)")).ToBeVisibleAsync();
        }, again);
    }
}
