using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Exam.Perf.Protocol;

/// <summary>
/// The exam pages' protocol as a browser and the page's script speak it, one client shared by the load generator and
/// the tests: the antiforgery token read from a page, forms posted with it, and changes saved as JSON with the token in
/// the X-CSRF-TOKEN header, on the save endpoint the page's script uses.
/// </summary>
public sealed partial class ExamPageProtocol(HttpClient http)
{
    public const string TokenHeader = "X-CSRF-TOKEN";
    public const string TokenField = "__RequestVerificationToken";
    public const string SaveMcPath = "/Candidate/Exam/PartOne/Save";
    public const string SaveEssayPath = "/Candidate/Exam/PartTwo/Save";

    /// <summary>Where the rules page's "Begin the exam" posts: Part One's Begin handler, answered with the first page.</summary>
    public const string BeginPath = "/Candidate/Exam/PartOne?handler=Begin";

    public HttpClient Http => http;

    /// <summary>The token of the last page read that had one.</summary>
    public string Token { get; set; } = "";

    /// <summary>The antiforgery token of the page's forms (HTML-decoded), or null when it has none.</summary>
    public static string? FindToken(string html)
    {
        var m = TokenInput().Match(html);
        return m.Success ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
    }

    /// <summary>Keeps the page's token, when it has one, for the requests that follow.</summary>
    public void TakeToken(string html)
    {
        if (FindToken(html) is { } token) Token = token;
    }

    /// <summary>A form posted as the browser posts it: the fields and the page's token.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken ct = default) =>
        http.PostAsync(path, new FormUrlEncodedContent(fields.Append(new(TokenField, Token))), ct);

    /// <summary>One Part One change: the question's position, the slot shown (1-4, null to clear), the flag.</summary>
    public Task<HttpResponseMessage> SaveMcAsync(long seq, int position, int? slot, bool flagged, DateTimeOffset? madeAt = null, CancellationToken ct = default) =>
        PostJsonAsync(SaveMcPath, madeAt is null ? (object)new { seq, position, slot, flagged } : new { seq, position, slot, flagged, madeAt }, ct);

    /// <summary>One essay change: its text, and whether it is one the candidate chose.</summary>
    public Task<HttpResponseMessage> SaveEssayAsync(long seq, long itemVersionId, bool chosen, string body, CancellationToken ct = default) =>
        PostJsonAsync(SaveEssayPath, new { seq, itemVersionId, chosen, body }, ct);

    /// <summary>
    /// JSON posted as the page's script posts it (fetch with a JSON.stringify body: a Content-Length, not chunked as
    /// JsonContent would send it), with the token in the header.
    /// </summary>
    public async Task<HttpResponseMessage> PostJsonAsync(string path, object payload, CancellationToken ct = default)
    {
        var body = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(payload, payload.GetType(), JsonSerializerOptions.Web));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
        request.Headers.Add(TokenHeader, Token);
        return await http.SendAsync(request, ct);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
