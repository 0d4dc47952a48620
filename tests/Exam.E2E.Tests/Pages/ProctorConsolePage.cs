using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exam.E2E.Tests.Pages;

/// <summary>The proctor's live console, by what the proctor sees: the roster row of a candidate, its buttons, the action dialog.</summary>
public sealed class ProctorConsolePage(IPage page)
{
    public IPage Page { get; } = page;

    public async Task SignInAndOpenAsync(string userName, string password, long sittingId)
    {
        var signIn = new SignInPage(Page);
        await signIn.OpenAsync();
        await signIn.SignInAsync(userName, password);
        await Page.GotoAsync($"/Proctor/Sittings/Live/{sittingId}");
        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Live" })).ToBeVisibleAsync();
    }

    public ILocator Row(string candidateNumber) => Page.Locator("#roster-body tr").Filter(new() { HasText = candidateNumber });

    public ILocator Status(string candidateNumber) => Row(candidateNumber).Locator("[data-col=status]");

    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    /// <summary>Clicks the row's button (e.g. "Pause"), fills the dialog and confirms with the dialog's own button.</summary>
    public async Task ActAsync(string candidateNumber, string button, string confirm, string? reason = null, int? minutes = null)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = $"{button} {candidateNumber}", Exact = true }).ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
        if (minutes is { } m) await Dialog.GetByLabel("Minutes to add").FillAsync(m.ToString());
        if (reason is not null) await Dialog.GetByLabel("Reason").FillAsync(reason);
        await Dialog.GetByRole(AriaRole.Button, new() { Name = confirm, Exact = true }).ClickAsync();
        await Expect(Dialog).ToBeHiddenAsync();
    }
}
