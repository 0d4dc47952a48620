namespace Exam.Web.Infrastructure;

/// <summary>
/// Headers on every dynamic response: no caching (a shared exam-room computer must not keep pages; the one
/// exception is an endpoint marked <see cref="CacheableResponse"/>, which sets its own private caching),
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
            if (!CacheableResponse.Applies(context))
            {
                h.CacheControl = "no-store";
                h.Pragma = "no-cache";
            }
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h.ContentSecurityPolicy = Csp;
            return Task.CompletedTask;
        });
        await next();
    });
}

/// <summary>
/// Marks an endpoint whose successful answers set their own Cache-Control (immutable content that holds no answers
/// and no key, such as Part One's content); every other response stays no-store.
/// </summary>
public sealed class CacheableResponse
{
    public static readonly CacheableResponse Instance = new();

    private CacheableResponse() { }

    public static bool Applies(HttpContext context) =>
        context.Response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified
        && context.GetEndpoint()?.Metadata.GetMetadata<CacheableResponse>() is not null;
}
