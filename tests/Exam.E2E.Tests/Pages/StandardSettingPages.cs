using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exam.E2E.Tests.Pages;

/// <summary>The facilitator's study page, as a committee member uses it: by labels and button names.</summary>
public sealed class StudyFacilitatorPage(IPage page)
{
    public IPage Page { get; } = page;
    public ILocator Stage => Page.Locator("#stage");
    public ILocator Done => Page.Locator("#done");
    public ILocator Recommended => Page.Locator("#recommended");
    public ILocator StandardError => Page.Locator("#standard-error");
    public ILocator Discussion => Page.GetByRole(AriaRole.Table).Filter(new() { Has = Page.Locator("caption", new() { HasText = "Round-1 ratings per item" }) });

    public async Task OpenNewAsync(string formId, string title, string description)
    {
        await Page.GotoAsync("/Committee/StandardSetting");
        await Page.GetByLabel("Form", new() { Exact = true }).SelectOptionAsync(formId);
        await Page.GetByLabel("Title").FillAsync(title);
        await Page.GetByLabel("The minimally competent candidate").FillAsync(description);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Open the study" }).ClickAsync();
    }

    public async Task InviteAsync(string userName)
    {
        await Page.GetByLabel("Invite a staff account").FillAsync(userName);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();
        await Expect(Done).ToHaveTextAsync($"{userName} is on the panel.");
    }

    /// <summary>Moves on, then waits for the stage the page says it reached.</summary>
    public async Task MoveOnAsync(string expectedStage)
    {
        await Page.ReloadAsync();
        await Page.Locator("#advance").ClickAsync();
        await Expect(Stage).ToHaveTextAsync(expectedStage);
    }

    public async Task AdoptAsync(string reason)
    {
        await Page.GetByLabel("Reason").FillAsync(reason);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Adopt this cut" }).ClickAsync();
    }
}

/// <summary>A panelist's rating page: one number per question, saved as typed, and the round's finish.</summary>
public sealed class PanelistStudyPage(IPage page)
{
    public IPage Page { get; } = page;
    public ILocator Done => Page.Locator("#done");

    public async Task OpenFromPanelsAsync(string title)
    {
        await Page.GotoAsync("/Panel");
        await Page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
    }

    /// <summary>Types a rating and waits until the server has acknowledged it.</summary>
    public async Task RateAsync(int position, int rating)
    {
        await Page.Locator($"#r-{position}").FillAsync(rating.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.Locator($"#r-{position}").BlurAsync();
        await Expect(Page.Locator($"#s-{position}")).ToHaveTextAsync("Saved");
    }

    public async Task ExpectPassAsync(int percent)
    {
        await Page.GetByLabel("What percentage of this form's candidates do you expect to pass?").FillAsync(percent.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.GetByLabel("What percentage of this form's candidates do you expect to pass?").BlurAsync();
        await Expect(Page.Locator("#s-expected")).ToHaveTextAsync("Saved");
    }

    public async Task FinishAsync(int round)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = $"I have finished round {round}" }).ClickAsync();
        await Expect(Done).ToHaveTextAsync("Round finished. Thank you.");
    }
}
