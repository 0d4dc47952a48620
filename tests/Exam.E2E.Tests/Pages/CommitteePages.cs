using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exam.E2E.Tests.Pages;

/// <summary>The committee's item list, as a person uses it: the search form by its labels.</summary>
public sealed class CommitteeItemsPage(IPage page)
{
    public async Task OpenAsync() => await page.GotoAsync("/Committee/Items");

    public async Task SearchAsync(string text)
    {
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
    }

    public async Task OpenItemAsync(string itemId) =>
        await page.GetByRole(AriaRole.Table).First.GetByRole(AriaRole.Link, new() { Name = itemId, Exact = true }).ClickAsync();
}

/// <summary>An item's page: what the committee reads there and the review steps it takes.</summary>
public sealed class CommitteeItemPage(IPage page)
{
    public IPage Page { get; } = page;

    public async Task OpenAsync(string itemId) => await Page.GotoAsync($"/Committee/Items/Details/{itemId}");

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Lede => Page.Locator("p.lede");
    public ILocator Confirmation => Page.GetByRole(AriaRole.Status);
    public ILocator Alert => Page.GetByRole(AriaRole.Alert);
    public ILocator Reviewers => Page.Locator("#reviewers");
    public ILocator Reviews => Page.GetByRole(AriaRole.Table, new() { Name = "Review decisions on every version, newest first" });
    public ILocator CandidateView => Page.Locator("section").Filter(new() { Has = Page.GetByRole(AriaRole.Heading, new() { Name = "As the candidate sees it" }) });

    public async Task EditAsync() => await Page.GetByRole(AriaRole.Link, new() { Name = "Edit this item" }).ClickAsync();

    public async Task SubmitForReviewAsync(string comment)
    {
        await Page.GetByLabel("Comment for the reviewers (optional)").FillAsync(comment);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
    }

    public async Task ApproveAsync(string comment = "")
    {
        await Page.GetByLabel("Approval comment (optional)").FillAsync(comment);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
    }

    public async Task ExpectStatusAsync(string status) => await Expect(Lede).ToContainTextAsync(status);
}

/// <summary>The edit page: the fields by their labels, the preview and the save.</summary>
public sealed class CommitteeEditPage(IPage page)
{
    public ILocator Stem => page.GetByLabel("Stem (Markdown)");
    public ILocator Preview => page.Locator("#preview");

    public async Task PreviewAsync() => await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

    public async Task SaveAsync() => await page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" }).ClickAsync();
}
