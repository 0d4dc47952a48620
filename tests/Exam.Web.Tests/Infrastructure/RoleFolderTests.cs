using System.Net;
using Exam.Web.Tests.Fixtures;

namespace Exam.Web.Tests.Infrastructure;

/// <summary>Each Razor Pages folder opens only to its roles.</summary>
public sealed class RoleFolderTests(ExamAppFactory factory) : IClassFixture<ExamAppFactory>
{
    public static TheoryData<string, string, bool> Matrix() => new()
    {
        { "admin", "/Admin", true }, { "admin", "/Admin/Staff", true }, { "admin", "/Admin/Audit", true }, { "admin", "/Proctor", true },
        { "admin", "/Committee", false }, { "admin", "/Rating", false }, { "admin", "/Candidate", false },
        { "coordinator", "/Admin", true }, { "coordinator", "/Admin/Staff", false }, { "coordinator", "/Admin/Audit", false },
        { "committee", "/Committee", true }, { "committee", "/Admin", false }, { "committee", "/Rating", false },
        { "proctor", "/Proctor", true }, { "proctor", "/Admin", false }, { "proctor", "/Committee", false }, { "proctor", "/Candidate", false },
        { "rater1", "/Rating", true }, { "rater1", "/Proctor", false }, { "rater1", "/Committee", false },
        { "lead", "/Rating", true }, { "lead", "/Admin", false },
        { "committee", "/Standards", true }, { "lead", "/Standards", true }, { "rater1", "/Standards", false }, { "proctor", "/Standards", false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_role_reaches_its_folders_and_is_refused_elsewhere(string userName, string path, bool allowed)
    {
        var browser = Browserless.For(factory);
        await browser.StaffSignInAsync(userName, DemoLogins.Staff(userName).Password);
        var (response, _) = await browser.GetAsync(path);
        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return;
        }
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
        var (denied, html) = await browser.GetAsync(response.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("Not allowed", html);
    }

    [Theory]
    [InlineData("/Admin")]
    [InlineData("/Admin/Staff")]
    [InlineData("/Proctor")]
    [InlineData("/Rating")]
    [InlineData("/Committee")]
    [InlineData("/Candidate")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string path)
    {
        var (response, _) = await Browserless.For(factory).GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Account/SignIn", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Authenticated_pages_are_never_cached_and_carry_security_headers()
    {
        var browser = Browserless.For(factory);
        await browser.StaffSignInAsync("admin", DemoLogins.Staff("admin").Password);
        var (response, _) = await browser.GetAsync("/Admin");
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task The_auth_cookie_is_http_only_and_same_site_strict()
    {
        var (user, password) = await factory.CreateStaffAsync();
        var (response, _) = await Browserless.For(factory).StaffSignInAsync(user, password);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("exam.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Healthz_reports_the_database_reachable_to_an_admin()
    {
        var (response, body) = await (await factory.SignedInAsync("admin")).GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"status\":\"Healthy\"", body);
        Assert.Matches($"{factory.Db.Dialect.Provider}, schema version [0-9]+", body);
    }

    [Fact]
    public async Task Healthz_tells_an_anonymous_caller_only_whether_the_site_is_up()
    {
        var (response, body) = await Browserless.For(factory).GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"status\":\"Healthy\"}", body);
    }

    [Theory]
    [InlineData("/js/exam/exam-common.js")]
    [InlineData("/css/site.css")]
    public async Task Static_files_carry_nosniff(string path)
    {
        var (response, _) = await Browserless.For(factory).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_is_audited()
    {
        var (user, password) = await factory.CreateStaffAsync();
        var browser = Browserless.For(factory);
        await browser.StaffSignInAsync(user, password);
        var (response, _) = await browser.PostFormAsync("/Proctor", [], "/Account/SignOut");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (after, _) = await browser.GetAsync("/Proctor");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains(await factory.ActionsAsync(Exam.Core.Audit.AuditActions.SignedOut), e => e.Actor == user);
    }
}
