using Exam.Web.Accounts;
using Exam.Web.Infrastructure;

namespace Exam.Web.Delivery;

/// <summary>
/// GET /Candidate/Exam/PartOne/Content/{form}/{version}: Part One's content for a candidate whose attempt is on that
/// form; GET .../{version}/sealed: the same content sealed (<see cref="PartOneSeal"/>), from the rules page on. The bytes
/// are built once per form; the answer is cached privately by the browser and never changes under its URL (a 304 when
/// the browser asks again with the ETag).
/// </summary>
public static class PartOneContentEndpoint
{
    /// <summary>
    /// Long enough for a sitting's day; private, so no shared cache keeps exam content. Only this resource is cached:
    /// the pages (with the answers) stay no-store.
    /// </summary>
    private const string CacheControl = "private, max-age=43200, immutable";

    public static IEndpointRouteBuilder MapPartOneContent(this IEndpointRouteBuilder app)
    {
        app.MapGet(PartOneContent.PathPrefix + "/{formId}/{version}", ServeAsync)
            .RequireAuthorization(Policies.Candidate)
            .WithMetadata(CacheableResponse.Instance);
        app.MapGet(PartOneContent.PathPrefix + "/{formId}/{version}/sealed", ServeSealedAsync)
            .RequireAuthorization(Policies.Candidate)
            .WithMetadata(CacheableResponse.Instance);
        return app;
    }

    /// <summary>
    /// The sealed content (<see cref="PartOneSeal"/>), for a candidate registered to sit Part One on that form, from the
    /// rules page on: unreadable without the key that only the Part One page carries.
    /// </summary>
    private static async Task<IResult> ServeSealedAsync(string formId, string version, HttpContext http, ExamService exams, PartOneSeal seal)
    {
        var exam = await exams.LoadAsync(http.User.AccountId()!.Value, http.User.RegistrationId(), http.RequestAborted);
        if (exam is null || !exam.Registration.SitPartOne || !string.Equals(exam.Form.FormId, formId, StringComparison.Ordinal)) return TypedResults.NotFound();
        var content = PartOneContent.For(exam.Form);
        if (!string.Equals(content.Version, version, StringComparison.Ordinal)) return TypedResults.NotFound();
        var sealedContent = seal.For(content);
        return Cached(http, sealedContent.ETag) ?? TypedResults.Bytes(sealedContent.Bytes, "application/octet-stream");
    }

    private static async Task<IResult> ServeAsync(string formId, string version, HttpContext http, ExamService exams, ExamContent content)
    {
        var ct = http.RequestAborted;
        // The candidate's attempt is kept in memory after its first lookup: this check costs no query on the day.
        var target = await exams.SaveTargetAsync(http.User.AccountId()!.Value, http.User.RegistrationId(), ct);
        if (target is null || !string.Equals(target.FormId, formId, StringComparison.Ordinal)) return TypedResults.NotFound();
        var resource = PartOneContent.For(await content.GetAsync(formId, ct));
        if (!string.Equals(resource.Version, version, StringComparison.Ordinal)) return TypedResults.NotFound();

        var (bytes, encoding, etag) = resource.Encoded(PreferredEncoding(http.Request));
        http.Response.Headers.Vary = "Accept-Encoding";
        if (Cached(http, etag) is { } notModified) return notModified;
        if (encoding is not null) http.Response.Headers.ContentEncoding = encoding;
        return TypedResults.Bytes(bytes, "application/json; charset=utf-8");
    }

    /// <summary>Sets the validator and the caching; a 304 when the browser already has these bytes.</summary>
    private static IResult? Cached(HttpContext http, string etag)
    {
        var headers = http.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = CacheControl;
        return http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Contains(etag, StringComparison.Ordinal))
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : null;
    }

    /// <summary>Brotli when the browser accepts it, else gzip, else none (an encoding given q=0 is refused, not accepted).</summary>
    private static string? PreferredEncoding(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().AcceptEncoding
            .Where(e => e.Quality is not 0.0)
            .Select(e => e.Value.Value?.ToLowerInvariant())
            .ToHashSet();
        return accepted.Contains("br") ? "br" : accepted.Contains("gzip") ? "gzip" : null;
    }
}
