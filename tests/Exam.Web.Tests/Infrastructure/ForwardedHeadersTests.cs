using System.Net;
using Exam.Web.Tests.Fixtures;

namespace Exam.Web.Tests.Infrastructure;

public sealed class BehindProxyFactory : ExamAppFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Proxy:TrustForwardedHeaders"] = "true",
    };
}

/// <summary>Behind nginx the app sees HTTPS through X-Forwarded-Proto, so its cookies are marked Secure.</summary>
public sealed class ForwardedHeadersTests(BehindProxyFactory factory) : IClassFixture<BehindProxyFactory>
{
    [Fact]
    public async Task A_request_forwarded_as_https_gets_secure_cookies()
    {
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/SignIn");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("exam.af=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_plain_http_request_gets_cookies_without_the_secure_flag()
    {
        var response = await factory.CreateClient().GetAsync("/Account/SignIn");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("exam.af=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
