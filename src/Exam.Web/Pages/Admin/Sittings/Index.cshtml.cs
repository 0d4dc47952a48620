using Exam.Web.Scheduling;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Admin.Sittings;

public sealed class IndexModel(SittingScheduler scheduler) : PageModel
{
    public IReadOnlyList<SittingView> Sittings { get; private set; } = [];

    public async Task OnGetAsync() => Sittings = await scheduler.ListAsync(HttpContext.RequestAborted);
}
