using Microsoft.Playwright;

namespace Exam.E2E.Tests.Pages;

/// <summary>The staff sign-in page, as a person sees it: by labels and button names.</summary>
public sealed class SignInPage(IPage page)
{
    public async Task OpenAsync() => await page.GotoAsync("/Account/SignIn");

    public async Task SignInAsync(string userName, string password)
    {
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public ILocator Error => page.GetByRole(AriaRole.Alert);
}

public sealed class CandidateSignInPage(IPage page)
{
    public async Task OpenAsync() => await page.GotoAsync("/Account/CandidateSignIn");

    public async Task SignInAsync(string candidateNumber, string accessCode)
    {
        await page.GetByLabel("Candidate number").FillAsync(candidateNumber);
        await page.GetByLabel("Access code").FillAsync(accessCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public ILocator Error => page.GetByRole(AriaRole.Alert);
}
