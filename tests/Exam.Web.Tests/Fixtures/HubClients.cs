using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Exam.Web.Tests.Fixtures;

/// <summary>A real SignalR client through the in-memory test server, signed in with a browser's cookies.</summary>
public static class HubClients
{
    public static HubConnection Build(ExamAppFactory app, string path, Browserless signedIn) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri("http://localhost"), path), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.Headers["Cookie"] = signedIn.CookieHeader;
            })
            .Build();
}
