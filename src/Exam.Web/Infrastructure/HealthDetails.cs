using System.Net;
using Exam.Core.Accounts;

namespace Exam.Web.Infrastructure;

/// <summary>Who sees more of <c>/healthz</c> than up or down: a signed-in admin, or a check run on the host itself.</summary>
public static class HealthDetails
{
    public static bool Allowed(HttpContext context) =>
        context.User.IsInRole(Roles.Admin)
        || (context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip) && !context.Request.Headers.ContainsKey("X-Forwarded-For"));
}
