using Deque.AxeCore.Playwright;
using Exam.E2E.Tests.Fixtures;
using Exam.E2E.Tests.Pages;
using Exam.Web.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exam.E2E.Tests.Journeys;

/// <summary>The candidate pages pass axe-core with no serious or critical violation, and the exam works by keyboard alone.</summary>
public sealed class AccessibilityJourneys(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static async Task AssertAxeCleanAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, where + ": " + string.Join("; ", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    [Fact]
    public async Task Every_candidate_page_is_free_of_serious_and_critical_axe_violations()
    {
        var form = await ExamSeed.PublishedFormAsync(browser.App);
        var seat = await ExamSeed.SeatAsync(browser.App, form);
        var page = await browser.NewActorAsync();
        var exam = new ExamPage(page);
        await Screenshots.KeepOnFailureAsync("axe", async () =>
        {
            await page.GotoAsync("/Account/CandidateSignIn");
            await AssertAxeCleanAsync(page, "sign-in");
            await page.GetByLabel("Candidate number").FillAsync(seat.CandidateNumber);
            await page.GetByLabel("Access code").FillAsync(seat.AccessCode);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await AssertAxeCleanAsync(page, "candidate home");
            await page.GetByRole(AriaRole.Link, new() { Name = "Go to the exam" }).ClickAsync();
            await AssertAxeCleanAsync(page, "rules");
            await page.GetByLabel("I have read the rules").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Begin the exam" }).ClickAsync();
            await exam.ChooseAsync(1, form.Questions[0].KeyText);
            await exam.FlagAsync(1);
            await exam.WaitSavedAsync();
            await AssertAxeCleanAsync(page, "part one question");
            await exam.GoToAsync(form.Questions.Count);
            await page.GetByRole(AriaRole.Button, new() { Name = "Review answers" }).ClickAsync();
            await AssertAxeCleanAsync(page, "part one review");
            await exam.SubmitPartAsync("Submit Part One");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Part One is submitted" })).ToBeVisibleAsync();
            await AssertAxeCleanAsync(page, "between parts");
            await page.GetByRole(AriaRole.Button, new() { Name = "Start Part Two" }).ClickAsync();
            await exam.Essay(1).FillAsync("Observation first.");
            await exam.WaitSavedAsync();
            await AssertAxeCleanAsync(page, "part two");
            await exam.SubmitPartAsync("Submit Part Two");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your exam is submitted" })).ToBeVisibleAsync();
            await AssertAxeCleanAsync(page, "receipt");
        }, page);
    }

    [Fact]
    public async Task The_whole_exam_can_be_sat_with_the_keyboard_alone()
    {
        var form = await ExamSeed.PublishedFormAsync(browser.App, questions: 3);
        var seat = await ExamSeed.SeatAsync(browser.App, form, partTwo: false);
        var page = await browser.NewActorAsync();
        var kb = page.Keyboard;
        await Screenshots.KeepOnFailureAsync("keyboard", async () =>
        {
            await page.GotoAsync("/Account/CandidateSignIn");
            await page.GetByLabel("Candidate number").FocusAsync();
            await kb.TypeAsync(seat.CandidateNumber);
            await kb.PressAsync("Tab");
            await kb.TypeAsync(seat.AccessCode);
            await kb.PressAsync("Enter");
            await page.GetByRole(AriaRole.Link, new() { Name = "Go to the exam" }).FocusAsync();
            await kb.PressAsync("Enter");
            await page.GetByLabel("I have read the rules").FocusAsync();
            await kb.PressAsync("Space");
            await kb.PressAsync("Tab");
            await kb.PressAsync("Enter");

            // Question 1: reach the first option with Tab from the question heading, move with the arrow keys.
            var heading = page.GetByRole(AriaRole.Heading, new() { Name = "Question 1 of 3" });
            await Expect(heading).ToBeVisibleAsync();
            await page.Locator("#q-1 input[type=radio]").First.FocusAsync();
            await kb.PressAsync("Space");
            await kb.PressAsync("ArrowDown");
            await Expect(page.Locator("#q-1 input[type=radio]:checked")).ToHaveCountAsync(1);
            await page.Locator("#q-1 [data-next]").FocusAsync();
            await kb.PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Question 2 of 3" })).ToBeFocusedAsync();
            await page.Locator("#q-2 [data-next]").FocusAsync();
            await kb.PressAsync("Enter");
            await page.Locator("#q-3 [data-review]").FocusAsync();
            await kb.PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Review Part One" })).ToBeFocusedAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit Part One" }).FocusAsync();
            await kb.PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Submit now" })).ToBeFocusedAsync();
            await kb.PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your exam is submitted" })).ToBeVisibleAsync();
            await Expect(page.GetByText("1 of 3")).ToBeVisibleAsync();
        }, page);
    }
}
