using System.Net;
using Exam.Web.Tests.Fixtures;

namespace Exam.Web.Tests.Infrastructure;

public sealed class LowRateLimitFactory : ExamAppFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["SignIn:RateLimit:TokenLimit"] = "3",
        ["SignIn:RateLimit:TokensPerPeriod"] = "1",
        ["SignIn:RateLimit:PeriodSeconds"] = "3600",
    };
}

public sealed class SignInRateLimitTests(LowRateLimitFactory factory) : IClassFixture<LowRateLimitFactory>
{
    [Fact]
    public async Task Sign_in_posts_beyond_the_limit_get_429_with_a_clear_message_while_pages_still_load()
    {
        var browser = Browserless.For(factory);
        for (var i = 0; i < 3; i++)
        {
            var (ok, _) = await browser.StaffSignInAsync("nobody", "wrong-password-" + i);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        var (limited, body) = await browser.CandidateSignInAsync("100001", "AAAA-BBBB");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Too many sign-in attempts from this network", body);
        var (page, _) = await browser.GetAsync("/Account/SignIn");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
