namespace Exam.Web.Infrastructure;

/// <summary>
/// Headers on every dynamic response: no caching (a shared exam-room computer must not keep pages),
/// no framing, no sniffing, and a CSP that allows only our own scripts (no inline script anywhere).
/// </summary>
public static class SecurityHeaders
{
    private const string Csp =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            h.CacheControl = "no-store";
            h.Pragma = "no-cache";
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h.ContentSecurityPolicy = Csp;
            return Task.CompletedTask;
        });
        await next();
    });
}
