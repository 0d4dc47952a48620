using System.Net;
using Exam.Perf.Protocol;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Exam.Web.Tests.Fixtures;

/// <summary>An HTTP client that behaves like a browser on forms: keeps cookies, sends the antiforgery token.</summary>
public sealed class Browserless(HttpClient client, CookieContainer cookies)
{
    public HttpClient Client { get; } = client;

    /// <summary>The cookies, e.g. to open a hub connection as the same signed-in user.</summary>
    public CookieContainer Cookies { get; } = cookies;

    public string CookieHeader => Cookies.GetCookieHeader(Client.BaseAddress!);

    public static Browserless For(WebApplicationFactory<Program> factory)
    {
        var cookies = new CookieContainer();
        return new(factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies)), cookies);
    }

    /// <summary>
    /// A browser at a given client address (as the connection's remote address), optionally sending X-Forwarded-For
    /// on every request: how sign-in counts per address are tested without a network.
    /// </summary>
    public static Browserless At(WebApplicationFactory<Program> factory, string remoteAddress, string? forwardedFor = null)
    {
        var cookies = new CookieContainer();
        var remote = IPAddress.Parse(remoteAddress);
        HttpMessageHandler server = factory.Server.CreateHandler(context => context.Connection.RemoteIpAddress = remote);
        if (forwardedFor is not null) server = new ForwardedForHandler(forwardedFor) { InnerHandler = server };
        return new(new HttpClient(new CookieContainerHandler(cookies) { InnerHandler = server }) { BaseAddress = new Uri("http://localhost") }, cookies);
    }

    private sealed class ForwardedForHandler(string value) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            request.Headers.Add("X-Forwarded-For", value);
            return base.SendAsync(request, ct);
        }
    }

    public async Task<(HttpResponseMessage Response, string Body)> GetAsync(string path)
    {
        var response = await Client.GetAsync(path);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>GETs the page, then posts the form fields with the page's antiforgery token.</summary>
    public async Task<(HttpResponseMessage Response, string Body)> PostFormAsync(
        string pagePath, IEnumerable<KeyValuePair<string, string>> fields, string? postPath = null)
    {
        var (page, html) = await GetAsync(pagePath);
        Assert.True(page.IsSuccessStatusCode, $"GET {pagePath} gave {(int)page.StatusCode}");
        var token = ExamPageProtocol.FindToken(html);
        Assert.True(token is not null, $"no antiforgery token on {pagePath}");
        var response = await new ExamPageProtocol(Client) { Token = token }.PostFormAsync(postPath ?? pagePath, fields);
        return (response, await response.Content.ReadAsStringAsync());
    }

    public Task<(HttpResponseMessage Response, string Body)> StaffSignInAsync(string userName, string password) =>
        PostFormAsync("/Account/SignIn", [new("UserName", userName), new("Password", password)]);

    public Task<(HttpResponseMessage Response, string Body)> CandidateSignInAsync(string number, string code) =>
        PostFormAsync("/Account/CandidateSignIn", [new("CandidateNumber", number), new("AccessCode", code)]);
}
