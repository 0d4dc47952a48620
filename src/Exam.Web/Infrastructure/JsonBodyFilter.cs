using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Net.Http.Headers;

namespace Exam.Web.Infrastructure;

/// <summary>
/// Every page handler that reads a JSON body answers a body it cannot read with a message, never a 500: another content
/// type is 415, and malformed JSON, <c>null</c>, an array or a value of the wrong type is 400. The handler only runs with
/// a body that bound cleanly, so it never meets a null request. The saves' own endpoints (<see cref="Delivery.SaveEndpoints"/>)
/// answer the same way with the same words.
/// </summary>
public sealed class JsonBodyFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var body = context.HandlerMethod?.Parameters.FirstOrDefault(p => p.BindingInfo?.BindingSource == BindingSource.Body);
        if (body is null)
        {
            await next();
            return;
        }
        if (!IsJson(context.HttpContext.Request.ContentType))
        {
            context.Result = Refuse(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", NotJson);
            return;
        }
        if (BodyInvalid(context, body.Name) || !context.HandlerArguments.TryGetValue(body.Name, out var value) || value is null)
        {
            context.Result = Refuse(StatusCodes.Status400BadRequest, "unreadable", Unreadable);
            return;
        }
        await next();
    }

    /// <summary>
    /// An error in binding the body: the JSON reader's errors are keyed by the JSON path ("$.seq") under the parameter's
    /// name or none. Other entries (a route value, a form field absent from a JSON post) are the handler's business.
    /// </summary>
    private static bool BodyInvalid(PageHandlerExecutingContext context, string name) =>
        context.ModelState.Any(e => e.Value is { Errors.Count: > 0 }
            && (e.Key.Length == 0 || e.Key.StartsWith('$') || Root(e.Key).Equals(name, StringComparison.OrdinalIgnoreCase)));

    private static string Root(string key)
    {
        var end = key.IndexOfAny(['.', '[']);
        return end < 0 ? key : key[..end];
    }

    public const string NotJson = "This request must be sent as JSON (application/json).";
    public const string Unreadable = "The request could not be read: it must be one JSON object of the expected fields. Reload the page.";

    /// <summary>application/json, or a +json type.</summary>
    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    private static ObjectResult Refuse(int status, string error, string message) =>
        new(new { ok = false, error, message }) { StatusCode = status };
}
