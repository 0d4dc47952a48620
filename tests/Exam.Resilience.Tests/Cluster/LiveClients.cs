using System.Net;
using System.Net.Security;
using Exam.Perf.Protocol;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Exam.Resilience.Tests.Cluster;

/// <summary>Hub connections made the way the pages make them: one WebSocket, no negotiation, the browser's cookies.</summary>
public static class LiveClients
{
    public static HubConnection Build(Uri url, CookieContainer cookies, RemoteCertificateValidationCallback? certificate, bool reconnect)
    {
        var builder = new HubConnectionBuilder().WithUrl(url, o =>
        {
            o.SkipNegotiation = true;
            o.Transports = HttpTransportType.WebSockets;
            o.Cookies = cookies;
            if (certificate is not null) o.WebSocketConfiguration = ws => ws.RemoteCertificateValidationCallback = certificate;
        });
        if (reconnect) builder.WithAutomaticReconnect(new LikeThePages());
        return builder.Build();
    }

    /// <summary>The pages' retry: 1 s, 2 s, ... up to 10 s between attempts, for ever.</summary>
    private sealed class LikeThePages : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext context) => TimeSpan.FromSeconds(Math.Min(10, context.PreviousRetryCount + 1));
    }
}

/// <summary>A member of staff's browser on one node: signed in through the form; its hub connections carry its cookies.</summary>
public sealed class StaffBrowser : IDisposable
{
    private readonly HttpClient _http;

    private StaffBrowser(Uri baseUrl)
    {
        BaseUrl = baseUrl;
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public Uri BaseUrl { get; }
    public CookieContainer Cookies { get; } = new();

    public static async Task<StaffBrowser> SignInAsync(Uri baseUrl, string userName, string password)
    {
        var browser = new StaffBrowser(baseUrl);
        var page = await browser._http.GetStringAsync("/Account/SignIn");
        var form = new ExamPageProtocol(browser._http) { Token = ExamPageProtocol.FindToken(page) ?? "" };
        using var response = await form.PostFormAsync("/Account/SignIn", [new("UserName", userName), new("Password", password)]);
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"{userName} could not sign in: HTTP {(int)response.StatusCode}");
        return browser;
    }

    public HubConnection Hub(string path, bool reconnect = true) => LiveClients.Build(new Uri(BaseUrl, path), Cookies, null, reconnect);

    public void Dispose() => _http.Dispose();
}
