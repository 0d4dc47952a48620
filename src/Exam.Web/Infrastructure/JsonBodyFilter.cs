using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Net.Http.Headers;

namespace Exam.Web.Infrastructure;

/// <summary>
/// Every page handler that reads a JSON body answers a body it cannot read with a message, never a 500: another content
/// type is 415, and malformed JSON, <c>null</c>, an array or a value of the wrong type is 400. The handler only runs with
/// a body that bound cleanly, so it never meets a null request.
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
            context.Result = Refuse(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "This request must be sent as JSON (application/json).");
            return;
        }
        if (!context.ModelState.IsValid || !context.HandlerArguments.TryGetValue(body.Name, out var value) || value is null)
        {
            context.Result = Refuse(StatusCodes.Status400BadRequest, "unreadable", "The request could not be read: it must be one JSON object of the expected fields. Reload the page.");
            return;
        }
        await next();
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    private static ObjectResult Refuse(int status, string error, string message) =>
        new(new { ok = false, error, message }) { StatusCode = status };
}
