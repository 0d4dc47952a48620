using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exam.E2E.Tests.Pages;

/// <summary>A rater's queue, as the rater sees it.</summary>
public sealed class RatingQueuePage(IPage page)
{
    public IPage Page { get; } = page;

    public async Task OpenAsync()
    {
        await Page.GotoAsync("/Rating");
        await Expect(Page.Locator("#queue[data-live=true]")).ToBeVisibleAsync();
    }

    public ILocator Waiting(string set) => Page.Locator($"#sets li[data-set={set}] [data-waiting]");

    public ILocator AdjudicationWaiting(string set) => Page.Locator($"#adjudication li[data-set={set}] [data-waiting]");

    public async Task<RatePage> StartNextAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start next", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { NameRegex = new("^Rate response E-") })).ToBeVisibleAsync();
        return new RatePage(Page);
    }

    public async Task<RatePage> StartNextAdjudicationAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start next adjudication" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { NameRegex = new("^Adjudicate response E-") })).ToBeVisibleAsync();
        return new RatePage(Page);
    }
}

/// <summary>The rating page: the essay, a score per criterion, feedback.</summary>
public sealed class RatePage(IPage page)
{
    /// <summary>The response code, read from the address when the page opened.</summary>
    public string Code { get; } = page.Url[(page.Url.LastIndexOf('/') + 1)..];

    public ILocator Essay => page.Locator("#essay-text");

    public async Task ScoreEveryCriterionAsync(int points)
    {
        var criteria = page.Locator("fieldset.criterion");
        var n = await criteria.CountAsync();
        for (var i = 0; i < n; i++) await criteria.Nth(i).Locator($"input[value=\"{points}\"]").CheckAsync();
    }

    public async Task SubmitAsync(int points, string feedback, bool waitForDraft = false)
    {
        await ScoreEveryCriterionAsync(points);
        await page.GetByLabel("Feedback for the candidate (required)").FillAsync(feedback);
        if (waitForDraft) await Expect(page.Locator("#draft-status")).ToHaveTextAsync("Draft saved", new() { Timeout = 15_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit rating (final)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new("^Rating of E-.* submitted\\.$") })).ToBeVisibleAsync();
    }
}
