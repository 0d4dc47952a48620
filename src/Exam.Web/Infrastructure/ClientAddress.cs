using System.Globalization;
using Exam.Core.Accounts;

namespace Exam.Web.Infrastructure;

/// <summary>The client address sign-in counts against (after forwarded headers from a configured proxy, if any).</summary>
public static class ClientAddress
{
    public static string Key(HttpContext context) => AddressThrottle.KeyFor(context.Connection.RemoteIpAddress);

    /// <summary>Answers a sign-in from a paused address: 429 with Retry-After, and the sentence the page shows.</summary>
    public static string Paused(HttpContext context, DateTimeOffset until)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        var seconds = Math.Max(1, (int)Math.Ceiling((until - context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()).TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return $"Too many failed sign-ins have come from this network, so sign-in from it is paused until {until:HH:mm} UTC. " +
               "Tell your proctor or administrator.";
    }
}
