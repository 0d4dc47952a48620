using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exam.E2E.Tests.Pages;

/// <summary>The candidate's exam pages, by what a person sees: labels, button names, the status line.</summary>
public sealed partial class ExamPage(IPage page)
{
    public IPage Page { get; } = page;
    /// <summary>The save state beside the timer (shown, not a live region: saves are not announced one by one).</summary>
    public ILocator Status => Page.Locator("#save-status");
    public ILocator Timer => Page.GetByRole(AriaRole.Timer);
    public ILocator Alert => Page.Locator("#exam-alert");
    public ILocator Notice => Page.Locator("#exam-notice");
    public ILocator PartOver => Page.Locator("#part-over");

    public async Task SignInAsync(string number, string code)
    {
        await Page.GotoAsync("/Account/CandidateSignIn");
        await Page.GetByLabel("Candidate number").FillAsync(number);
        await Page.GetByLabel("Access code").FillAsync(code);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public async Task SignInAndAcceptRulesAsync(string number, string code)
    {
        await SignInAsync(number, code);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Go to the exam" }).ClickAsync();
        await Page.GetByLabel("I have read the rules").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Begin the exam" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Part One", Exact = true })).ToBeVisibleAsync();
        // The page's script renders the questions once the form's content has arrived (a fetch after the page).
        await Expect(Page.Locator("#questions-loading")).ToHaveCountAsync(0);
        Assert.EndsWith("/Candidate/Exam/PartOne", Page.Url); // Part One answered the Begin post; its script set the address
        // The questions came from the sealed content the rules page prefetched, opened with the page's key.
        await Expect(Page.Locator("#exam")).ToHaveAttributeAsync("data-content", "sealed");
    }

    public ILocator Question(int n) => Page.Locator($"#q-{n}");

    public async Task GoToAsync(int n)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Question {n}", Exact = true }).ClickAsync();
        await Expect(Question(n)).ToBeVisibleAsync();
    }

    public async Task ChooseAsync(int n, string optionText)
    {
        await Question(n).GetByLabel(optionText, new() { Exact = true }).CheckAsync();
    }

    public async Task FlagAsync(int n) =>
        await Question(n).GetByRole(AriaRole.Button, new() { Name = "Flag for review", Exact = true }).ClickAsync();

    public async Task<IReadOnlyList<string>> OptionOrderAsync(int n)
    {
        await Expect(Question(n).Locator("label.option span")).Not.ToHaveCountAsync(0); // reading does not wait for rendering
        return (await Question(n).Locator("label.option span").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
    }

    public async Task WaitSavedAsync() => await Expect(Status).ToHaveTextAsync("Saved", new() { Timeout = 15_000 });

    public async Task SubmitPartAsync(string name)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = name }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Submit now" }).ClickAsync();
    }

    public ILocator Essay(int n) => Page.GetByLabel($"Your answer to essay {n}");

    public ILocator Choice(int n) => Page.Locator("section.essay").Nth(n - 1).GetByLabel("Answer this essay");

    [GeneratedRegex("R-[0-9A-Z]{4}-[0-9A-Z]{4}")]
    public static partial Regex ReceiptCode();
}
