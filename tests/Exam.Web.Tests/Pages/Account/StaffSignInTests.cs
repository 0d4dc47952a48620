using System.Net;
using Exam.Core.Accounts;
using Exam.Core.Audit;
using Exam.Web.Tests.Fixtures;

namespace Exam.Web.Tests.Pages.Account;

public sealed class StaffSignInTests(ExamAppFactory factory) : IClassFixture<ExamAppFactory>
{
    [Fact]
    public async Task The_sign_in_page_has_labelled_fields_and_a_sign_in_button()
    {
        var (response, html) = await Browserless.For(factory).GetAsync("/Account/SignIn");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<label for=\"UserName\">User name</label>", html);
        Assert.Contains("<label for=\"Password\">Password</label>", html);
        Assert.Contains(">Sign in</button>", html);
    }

    [Theory]
    [InlineData("admin", "/Admin")]
    [InlineData("coordinator", "/Admin")]
    [InlineData("committee", "/Committee")]
    [InlineData("proctor", "/Proctor")]
    [InlineData("rater1", "/Rating")]
    [InlineData("lead", "/Rating")]
    public async Task Each_demo_role_signs_in_and_lands_on_its_home_page(string userName, string home)
    {
        var browser = Browserless.For(factory);
        var (response, _) = await browser.StaffSignInAsync(userName, DemoLogins.Staff(userName).Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(home, response.Headers.Location!.OriginalString);
        var (page, html) = await browser.GetAsync(home);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"Signed in as <strong>{userName}</strong>", html);
    }

    [Fact]
    public async Task A_panelist_who_holds_no_other_role_lands_on_their_panels_and_the_home_page_sends_them_there()
    {
        var (user, password) = await factory.CreateStaffAsync(Roles.Panelist);
        var browser = Browserless.For(factory);
        var (response, _) = await browser.StaffSignInAsync(user, password);
        Assert.Equal("/Panel", response.Headers.Location!.OriginalString);
        var home = await browser.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/Panel", home.Headers.Location!.OriginalString);
        var (panels, html) = await browser.GetAsync("/Panel");
        Assert.Equal(HttpStatusCode.OK, panels.StatusCode);
        Assert.Contains($"Signed in as <strong>{user}</strong>", html);
    }

    [Fact]
    public async Task A_wrong_password_shows_a_clear_error_and_is_audited()
    {
        var (user, _) = await factory.CreateStaffAsync();
        var (response, html) = await Browserless.For(factory).StaffSignInAsync(user, "not-the-password");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The user name or password is not right", html);
        Assert.Contains(await factory.ActionsAsync(AuditActions.SignInFailed), e => e.Actor == user && e.Detail == "failed attempt 1");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes_even_against_the_right_one()
    {
        var (user, password) = await factory.CreateStaffAsync();
        var browser = Browserless.For(factory);
        for (var i = 0; i < 5; i++) await browser.StaffSignInAsync(user, "wrong-" + i);

        var (locked, html) = await browser.StaffSignInAsync(user, password);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("This account is locked after too many failed attempts", html);
        Assert.Contains(await factory.ActionsAsync(AuditActions.SignInLockedOut), e => e.Actor == user);

        factory.Clock.Advance(TimeSpan.FromMinutes(15));
        var (after, _) = await browser.StaffSignInAsync(user, password);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task An_unknown_user_gets_the_same_message_as_a_wrong_password()
    {
        var (_, html) = await Browserless.For(factory).StaffSignInAsync("nobody-here", "whatever-it-is");
        Assert.Contains("The user name or password is not right", html);
    }

    [Fact]
    public async Task A_successful_sign_in_is_audited()
    {
        var (user, password) = await factory.CreateStaffAsync();
        await Browserless.For(factory).StaffSignInAsync(user, password);
        Assert.Contains(await factory.ActionsAsync(AuditActions.SignInSucceeded), e => e.Actor == user && e.SubjectType == "staff");
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected()
    {
        var browser = Browserless.For(factory);
        await browser.GetAsync("/Account/SignIn");
        var response = await browser.Client.PostAsync("/Account/SignIn",
            new FormUrlEncodedContent([new("UserName", "admin"), new("Password", DemoLogins.Staff("admin").Password)]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_return_url_off_the_site_is_ignored()
    {
        var (user, password) = await factory.CreateStaffAsync();
        var (response, _) = await Browserless.For(factory).PostFormAsync("/Account/SignIn?ReturnUrl=https%3A%2F%2Fevil.example",
            [new("UserName", user), new("Password", password), new("ReturnUrl", "https://evil.example")]);
        Assert.Equal("/Proctor", response.Headers.Location!.OriginalString);
    }
}
