using Exam.Web.Rating;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.Raters;

public sealed class MonitoringModel(RaterMonitoring monitoring) : PageModel
{
    public MonitoringReport Report { get; private set; } = null!;

    public async Task OnGetAsync() => Report = await monitoring.ReportAsync(HttpContext.RequestAborted);
}
