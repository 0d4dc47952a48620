using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Exam.Web.Accounts;
using Exam.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;

namespace Exam.Web.Delivery;

/// <summary>
/// The exam pages' saves, POST {page}/Save: one change as JSON, acknowledged only once committed. They are endpoints of
/// their own rather than page handlers because a room saving at once pays for every step of a request: a page handler
/// goes through page selection, the filter pipeline and MVC's model binding around the same three checks done here.
/// The checks are the pages' own: the candidate policy (as the /Candidate folder), the antiforgery token in the
/// X-CSRF-TOKEN header checked by the same <see cref="IAntiforgery"/> against the same cookie (a failure is the same
/// empty 400 the pages give, so the script fetches a fresh token), then a body that is not one JSON object of the
/// expected fields is a 400 (415 when not JSON) with a message. Sequence, deadline, session and idempotency are decided
/// by <see cref="ExamService"/> and the guarded write, exactly as before.
/// </summary>
public static class SaveEndpoints
{
    public const string PartOnePath = "/Candidate/Exam/PartOne/Save";
    public const string PartTwoPath = "/Candidate/Exam/PartTwo/Save";

    // As MVC's JSON input: the web defaults (camelCase names, case-insensitive), and null where the type allows none
    // (an essay's body) is unreadable, as MVC's implicit [Required] made it.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { RespectNullableAnnotations = true };

    public static IEndpointRouteBuilder MapExamSaves(this IEndpointRouteBuilder app)
    {
        app.MapPost(PartOnePath, (HttpContext http, ExamService exams, IAntiforgery antiforgery) =>
            SaveAsync<McSave>(http, antiforgery, exams, (target, session, save, ct) => exams.SaveMcAsync(target, session, save, ct)))
            .RequireAuthorization(Policies.Candidate);
        app.MapPost(PartTwoPath, (HttpContext http, ExamService exams, IAntiforgery antiforgery) =>
            SaveAsync<EssaySave>(http, antiforgery, exams, (target, session, save, ct) => exams.SaveEssayAsync(target, session, save, ct)))
            .RequireAuthorization(Policies.Candidate);
        return app;
    }

    private static async Task<IResult> SaveAsync<T>(
        HttpContext http, IAntiforgery antiforgery, ExamService exams, Func<Data.Delivery.SaveTarget?, string?, T, CancellationToken, Task<SaveResult>> save)
        where T : class
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return TypedResults.BadRequest();
        if (!JsonBodyFilter.IsJson(http.Request.ContentType))
            return Refuse(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", JsonBodyFilter.NotJson);
        T? change;
        try
        {
            change = await ReadJsonAsync<T>(http.Request.BodyReader, http.RequestAborted);
        }
        catch (JsonException)
        {
            change = null;
        }
        if (change is null)
            return Refuse(StatusCodes.Status400BadRequest, "unreadable", JsonBodyFilter.Unreadable);

        var user = http.User;
        var target = await exams.SaveTargetAsync(user.AccountId()!.Value, user.RegistrationId(), http.RequestAborted);
        return Response(await save(target, user.SessionId(), change, http.RequestAborted));
    }

    /// <summary>
    /// The body as one JSON value. A save is a few hundred bytes and arrives whole in the first read, parsed where it
    /// lies (the stream reader's async machinery and buffers cost more than the parse); an essay may come in parts,
    /// copied out as they come so the connection's buffer never fills. As strict as the stream reader: one value and
    /// nothing after it (a UTF-8 byte order mark skipped).
    /// </summary>
    private static async Task<T?> ReadJsonAsync<T>(PipeReader body, CancellationToken ct)
    {
        var read = await body.ReadAsync(ct);
        if (read.IsCompleted && read.Buffer.IsSingleSegment)
        {
            try
            {
                return Parse<T>(read.Buffer.FirstSpan);
            }
            finally
            {
                body.AdvanceTo(read.Buffer.End);
            }
        }
        var whole = new ArrayBufferWriter<byte>();
        while (true)
        {
            foreach (var segment in read.Buffer) whole.Write(segment.Span);
            body.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted) return Parse<T>(whole.WrittenSpan);
            read = await body.ReadAsync(ct);
        }
    }

    private static T? Parse<T>(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<T>(json.StartsWith(Utf8Bom) ? json[Utf8Bom.Length..] : json, Json);

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>200 when committed, 409/400/404 with the reason in words for the page to show.</summary>
    private static IResult Response(SaveResult result) => result.Error switch
    {
        SaveError.None => new Acknowledged(result),
        SaveError.Invalid => Refuse(StatusCodes.Status400BadRequest, "invalid", result.Message),
        SaveError.NotFound => Refuse(StatusCodes.Status404NotFound, "not-found", result.Message),
        _ => Refuse(StatusCodes.Status409Conflict, result.Error.ToString().ToLowerInvariant(), result.Message),
    };

    /// <summary>
    /// The acknowledgement, {"ok":true,"outcome":...,"seq":...,"savedAt":...} as the serializer would write it, written
    /// straight to the response with its length: the hottest answer of a room saving at once, spared the serializer's
    /// options lookup and type metadata and a chunked body.
    /// </summary>
    private sealed class Acknowledged(SaveResult result) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var body = new ArrayBufferWriter<byte>(128);
            using (var json = new Utf8JsonWriter(body))
            {
                json.WriteStartObject();
                json.WriteBoolean("ok", true);
                json.WriteString("outcome", result.Outcome.ToString()!.ToLowerInvariant());
                json.WriteNumber("seq", result.Seq);
                if (result.SavedAt is { } at) json.WriteString("savedAt", at);
                else json.WriteNull("savedAt");
                json.WriteEndObject();
            }
            http.Response.ContentType = "application/json; charset=utf-8";
            http.Response.ContentLength = body.WrittenCount;
            return http.Response.BodyWriter.WriteAsync(body.WrittenMemory).AsTask();
        }
    }

    private static IResult Refuse(int status, string error, string? message) =>
        TypedResults.Json(new { ok = false, error, message }, statusCode: status);
}
