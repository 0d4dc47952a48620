using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Exam.Web.Infrastructure;

/// <summary>
/// A form posted to a page that takes no such form (a page kept open across a release, a hand-built request) is sent to
/// the page itself, which shows where things stand, instead of rendering a page whose handler never ran (a 500).
/// </summary>
public sealed class UnknownFormFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (context.HandlerMethod is not null || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) return next();
        context.Result = new RedirectResult(request.PathBase + request.Path);
        return Task.CompletedTask;
    }
}
