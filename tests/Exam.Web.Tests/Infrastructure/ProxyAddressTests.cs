using System.Net;
using Exam.Web.Tests.Fixtures;
using Exam.Web.Tests.Pages.Account;

namespace Exam.Web.Tests.Infrastructure;

/// <summary>The shipped sign-in limits behind a proxy named by its address (as KnownProxies would name nginx).</summary>
public sealed class NamedProxyFactory : ShippedSignInLimitsFactory
{
    public const string Proxy = "10.0.0.5";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Proxy:KnownProxies:0"] = Proxy,
    };
}

/// <summary>X-Forwarded-For chooses the address sign-ins are counted under only when it comes from the configured proxy.</summary>
public sealed class ProxyAddressTests(NamedProxyFactory proxied, ShippedSignInLimitsFactory direct)
    : IClassFixture<NamedProxyFactory>, IClassFixture<ShippedSignInLimitsFactory>
{
    private static async Task<HttpStatusCode> WrongCodeAsync(Browserless browser) =>
        (await browser.CandidateSignInAsync("990001", "WRNG-CODE")).Response.StatusCode;

    [Fact]
    public async Task A_direct_client_spoofing_X_Forwarded_For_gets_no_fresh_counts()
    {
        for (var i = 0; i < 20; i++)
            Assert.Equal(HttpStatusCode.OK, await WrongCodeAsync(Browserless.At(direct, "198.51.100.50", forwardedFor: $"203.0.113.{i}")));
        Assert.Equal(HttpStatusCode.TooManyRequests, await WrongCodeAsync(Browserless.At(direct, "198.51.100.50", forwardedFor: "203.0.113.200")));
        Assert.Equal(HttpStatusCode.TooManyRequests, await WrongCodeAsync(Browserless.At(direct, "198.51.100.50")));
    }

    [Fact]
    public async Task Without_proxy_settings_even_a_loopback_peer_cannot_claim_HTTPS()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/SignIn");
        request.Headers.Add("X-Forwarded-Proto", "https");
        var response = await Browserless.At(direct, "127.0.0.1", forwardedFor: "203.0.113.7").Client.SendAsync(request);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("exam.af=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Behind_the_configured_proxy_each_forwarded_client_is_counted_apart_and_only_the_entry_the_proxy_added_counts()
    {
        for (var i = 0; i < 20; i++)
            Assert.Equal(HttpStatusCode.OK, await WrongCodeAsync(Browserless.At(proxied, NamedProxyFactory.Proxy, forwardedFor: "203.0.113.60")));
        Assert.Equal(HttpStatusCode.TooManyRequests, await WrongCodeAsync(Browserless.At(proxied, NamedProxyFactory.Proxy, forwardedFor: "203.0.113.60")));
        // What the client wrote ahead of the proxy's own entry (nginx appends the peer) changes nothing.
        Assert.Equal(HttpStatusCode.TooManyRequests,
            await WrongCodeAsync(Browserless.At(proxied, NamedProxyFactory.Proxy, forwardedFor: "192.0.2.99, 203.0.113.60")));
        // Another client behind the same proxy is not paused with it.
        Assert.Equal(HttpStatusCode.OK, await WrongCodeAsync(Browserless.At(proxied, NamedProxyFactory.Proxy, forwardedFor: "203.0.113.61")));
        // A peer that is not the proxy cannot borrow a forwarded address: it is counted as itself.
        Assert.Equal(HttpStatusCode.OK, await WrongCodeAsync(Browserless.At(proxied, "198.51.100.70", forwardedFor: "203.0.113.62")));
        for (var i = 0; i < 19; i++) await WrongCodeAsync(Browserless.At(proxied, "198.51.100.70", forwardedFor: "203.0.113.62"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await WrongCodeAsync(Browserless.At(proxied, "198.51.100.70", forwardedFor: "203.0.113.63")));
        Assert.Equal(HttpStatusCode.OK, await WrongCodeAsync(Browserless.At(proxied, NamedProxyFactory.Proxy, forwardedFor: "203.0.113.62")));
    }
}
