using System.Net;
using Exam.Core.Audit;
using Exam.Web.Tests.Fixtures;

namespace Exam.Web.Tests.Pages.Admin;

public sealed class StaffAccountsTests(ExamAppFactory factory) : IClassFixture<ExamAppFactory>
{
    private async Task<Browserless> AdminAsync()
    {
        var browser = Browserless.For(factory);
        await browser.StaffSignInAsync("admin", DemoLogins.Staff("admin").Password);
        return browser;
    }

    private static async Task<string> EditPathAsync(Browserless admin, string userName)
    {
        var (_, html) = await admin.GetAsync("/Admin/Staff");
        var marker = $"aria-label=\"Edit {userName}\"";
        var at = html.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at > 0, $"{userName} not listed");
        var href = html.LastIndexOf("href=\"", at, StringComparison.Ordinal) + 6;
        return html[href..html.IndexOf('"', href)];
    }

    [Fact]
    public async Task An_admin_creates_an_account_that_can_sign_in_with_its_roles()
    {
        var admin = await AdminAsync();
        var (created, _) = await admin.PostFormAsync("/Admin/Staff",
            [new("NewUserName", "newrater"), new("NewDisplayName", "New Rater"), new("NewPassword", "a-long-password-1"), new("NewRoles", "Rater")]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var (_, list) = await admin.GetAsync("/Admin/Staff");
        Assert.Contains("Account &#x27;newrater&#x27; created.", list);

        var (signIn, _) = await Browserless.For(factory).StaffSignInAsync("newrater", "a-long-password-1");
        Assert.Equal("/Rating", signIn.Headers.Location!.OriginalString);
        Assert.Contains(await factory.ActionsAsync(AuditActions.AccountCreated), e => e.Actor == "admin" && e.AfterJson!.Contains("newrater"));
    }

    [Fact]
    public async Task A_short_password_or_a_taken_name_is_refused_with_a_message()
    {
        var admin = await AdminAsync();
        var (_, shortHtml) = await admin.PostFormAsync("/Admin/Staff",
            [new("NewUserName", "shorty"), new("NewDisplayName", "Short"), new("NewPassword", "short"), new("NewRoles", "Rater")]);
        Assert.Contains("The password must have at least 12 characters.", shortHtml);
        var (_, takenHtml) = await admin.PostFormAsync("/Admin/Staff",
            [new("NewUserName", "proctor"), new("NewDisplayName", "Dup"), new("NewPassword", "long-enough-password"), new("NewRoles", "Rater")]);
        Assert.Contains("is taken", takenHtml);
    }

    [Fact]
    public async Task Disabling_an_account_refuses_its_sign_in_and_ends_its_open_session()
    {
        var (user, password) = await factory.CreateStaffAsync();
        var session = Browserless.For(factory);
        await session.StaffSignInAsync(user, password);
        var admin = await AdminAsync();
        var edit = await EditPathAsync(admin, user);

        var (disabled, _) = await admin.PostFormAsync(edit, [new("Disable", "true")], edit + "?handler=Disabled");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        var (_, html) = await Browserless.For(factory).StaffSignInAsync(user, password);
        Assert.Contains("This account is disabled", html);

        factory.Clock.Advance(TimeSpan.FromSeconds(31));
        var (open, _) = await session.GetAsync("/Proctor");
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.Contains("/Account/SignIn", open.Headers.Location!.ToString());
        Assert.Contains(await factory.ActionsAsync(AuditActions.AccountDisabled), e => e.BeforeJson == "{\"disabled\":false}" && e.AfterJson == "{\"disabled\":true}");
    }

    [Fact]
    public async Task Resetting_a_password_clears_a_lockout_and_the_new_password_works()
    {
        var (user, _) = await factory.CreateStaffAsync();
        for (var i = 0; i < 5; i++) await Browserless.For(factory).StaffSignInAsync(user, "wrong-" + i);
        var admin = await AdminAsync();
        var edit = await EditPathAsync(admin, user);
        await admin.PostFormAsync(edit, [new("NewPassword", "brand-new-password-9")], edit + "?handler=Password");
        var (signIn, _) = await Browserless.For(factory).StaffSignInAsync(user, "brand-new-password-9");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var reset = Assert.Single(await factory.ActionsAsync(AuditActions.PasswordReset), e => e.Actor == "admin" && e.Detail!.Contains("lockout cleared"));
        Assert.Null(reset.AfterJson);
    }

    [Fact]
    public async Task Changing_roles_is_audited_before_and_after_and_takes_effect()
    {
        var (user, password) = await factory.CreateStaffAsync("Proctor");
        var admin = await AdminAsync();
        var edit = await EditPathAsync(admin, user);
        await admin.PostFormAsync(edit, [new("SelectedRoles", "Committee")], edit + "?handler=Roles");
        var browser = Browserless.For(factory);
        var (signIn, _) = await browser.StaffSignInAsync(user, password);
        Assert.Equal("/Committee", signIn.Headers.Location!.OriginalString);
        Assert.Contains(await factory.ActionsAsync(AuditActions.RolesChanged),
            e => e.BeforeJson == "{\"roles\":[\"Proctor\"]}" && e.AfterJson == "{\"roles\":[\"Committee\"]}");
    }

    [Fact]
    public async Task An_admin_cannot_remove_their_own_admin_role()
    {
        var admin = await AdminAsync();
        var edit = await EditPathAsync(admin, "admin");
        var (response, html) = await admin.PostFormAsync(edit, [new("SelectedRoles", "Proctor")], edit + "?handler=Roles");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You cannot remove your own Admin role.", html);
    }

    [Fact]
    public async Task The_audit_page_lists_sign_ins()
    {
        var admin = await AdminAsync();
        var (response, html) = await admin.GetAsync("/Admin/Audit?action=sign-in.succeeded");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("sign-in.succeeded", html);
    }
}
