using System.Text.RegularExpressions;
using Exam.E2E.Tests.Fixtures;
using Exam.E2E.Tests.Pages;
using Exam.Web.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exam.E2E.Tests.Journeys;

public sealed partial class SignInJourneys(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("admin", "/Admin", "Administration")]
    [InlineData("proctor", "/Proctor", "Proctoring")]
    [InlineData("committee", "/Committee", "Exam committee")]
    [InlineData("rater1", "/Rating", "Rating")]
    public async Task A_staff_member_signs_in_and_reaches_their_home_page(string userName, string home, string heading)
    {
        var page = await browser.NewActorAsync();
        await Screenshots.KeepOnFailureAsync($"staff-{userName}", async () =>
        {
            var signIn = new SignInPage(page);
            await signIn.OpenAsync();
            await signIn.SignInAsync(userName, DemoData.Staff.Single(s => s.UserName == userName).Password);
            await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(home) + "$"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
            await Expect(page.GetByText($"Signed in as {userName}")).ToBeVisibleAsync();
        }, page);
    }

    [Fact]
    public async Task A_candidate_with_a_wrong_code_sees_a_clear_error_and_stays_signed_out()
    {
        var page = await browser.NewActorAsync();
        await Screenshots.KeepOnFailureAsync("candidate-wrong-code", async () =>
        {
            var signIn = new CandidateSignInPage(page);
            await signIn.OpenAsync();
            await signIn.SignInAsync(DemoData.Candidates[0].Number, "WRNG-CD99");
            await Expect(signIn.Error).ToContainTextAsync("The candidate number or access code is not right");
            await Expect(page).ToHaveURLAsync(new Regex("/Account/CandidateSignIn$"));
            await Expect(page.GetByLabel("Candidate number")).ToHaveValueAsync(DemoData.Candidates[0].Number);
            await Expect(page.GetByLabel("Access code")).ToHaveValueAsync("");
        }, page);
    }

    [Fact]
    public async Task A_candidate_with_the_right_code_reaches_their_exam_page_and_can_sign_out()
    {
        var page = await browser.NewActorAsync();
        await Screenshots.KeepOnFailureAsync("candidate-sign-in", async () =>
        {
            var c = DemoData.Candidates[0];
            var signIn = new CandidateSignInPage(page);
            await signIn.OpenAsync();
            await signIn.SignInAsync(c.Number, c.AccessCode);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My exam" })).ToBeVisibleAsync();
            await Expect(page.GetByText(c.FullName)).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You are signed out" })).ToBeVisibleAsync();
        }, page);
    }
}
