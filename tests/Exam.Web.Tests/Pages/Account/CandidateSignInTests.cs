using System.Net;
using Exam.Core.Accounts;
using Exam.Core.Audit;
using Exam.Data.Accounts;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Account;

public sealed class CandidateSignInTests(ExamAppFactory factory) : IClassFixture<ExamAppFactory>
{
    /// <summary>A fresh candidate with a code valid for the next four hours.</summary>
    private async Task<(string Number, string Code)> NewCandidateAsync(TimeSpan? opensIn = null, TimeSpan? validFor = null)
    {
        var number = Random.Shared.Next(300000, 999999).ToString();
        var code = AccessCode.Generate();
        var now = factory.Clock.GetUtcNow();
        var from = now + (opensIn ?? TimeSpan.FromMinutes(-5));
        await using var s = await factory.Db.BeginAsync();
        var store = factory.Services.GetRequiredService<CandidateStore>();
        var id = await store.CreateAsync(s, number, "Test Candidate", "t@example.org", "Test AIMH", "IMHS");
        await store.AddAccessCodeAsync(s, id, factory.Services.GetRequiredService<AccessCodeHasher>().Hash(AccessCode.Normalize(code)!),
            from, from + (validFor ?? TimeSpan.FromHours(4)));
        await s.CommitAsync();
        return (number, code);
    }

    [Fact]
    public async Task The_sign_in_page_has_labelled_fields_and_a_sign_in_button()
    {
        var (_, html) = await Browserless.For(factory).GetAsync("/Account/CandidateSignIn");
        Assert.Contains("<label for=\"CandidateNumber\">Candidate number</label>", html);
        Assert.Contains("<label for=\"AccessCode\">Access code</label>", html);
        Assert.Contains(">Sign in</button>", html);
    }

    [Fact]
    public async Task The_demo_candidate_signs_in_with_the_printed_code_in_any_case()
    {
        var browser = Browserless.For(factory);
        var (response, _) = await browser.CandidateSignInAsync(DemoLogins.Candidate.Number, DemoLogins.Candidate.AccessCode.ToLowerInvariant());
        Assert.Equal("/Candidate", response.Headers.Location!.OriginalString);
        var (_, html) = await browser.GetAsync("/Candidate");
        Assert.Contains(DemoLogins.Candidate.FullName, html);
    }

    [Fact]
    public async Task A_wrong_code_says_so_clearly()
    {
        var (number, _) = await NewCandidateAsync();
        var (response, html) = await Browserless.For(factory).CandidateSignInAsync(number, "AAAA-BBBB");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The candidate number or access code is not right", html);
    }

    [Fact]
    public async Task Five_wrong_codes_lock_sign_in_with_a_clear_message()
    {
        var (number, code) = await NewCandidateAsync();
        var browser = Browserless.For(factory);
        for (var i = 0; i < 5; i++) await browser.CandidateSignInAsync(number, "AAAA-BBB" + "CDEFG"[i]);
        var (_, html) = await browser.CandidateSignInAsync(number, code);
        Assert.Contains("Sign-in is locked after too many wrong codes", html);
        Assert.Contains(await factory.ActionsAsync(AuditActions.SignInLockedOut), e => e.Actor == number && e.SubjectType == "candidate");
    }

    [Fact]
    public async Task A_code_outside_its_window_explains_why()
    {
        var (early, earlyCode) = await NewCandidateAsync(opensIn: TimeSpan.FromHours(2));
        var (_, html) = await Browserless.For(factory).CandidateSignInAsync(early, earlyCode);
        Assert.Contains("Your access code is not valid yet", html);

        var (late, lateCode) = await NewCandidateAsync(opensIn: TimeSpan.FromHours(-5), validFor: TimeSpan.FromHours(1));
        var (_, lateHtml) = await Browserless.For(factory).CandidateSignInAsync(late, lateCode);
        Assert.Contains("Your access code has expired", lateHtml);
    }

    [Fact]
    public async Task A_candidate_cannot_open_staff_areas()
    {
        var browser = Browserless.For(factory);
        await browser.CandidateSignInAsync(DemoLogins.Candidate.Number, DemoLogins.Candidate.AccessCode);
        foreach (var area in new[] { "/Proctor", "/Rating", "/Committee", "/Admin" })
        {
            var (response, _) = await browser.GetAsync(area);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/Account/AccessDenied", response.Headers.Location!.ToString());
        }
    }
}
