using Exam.Web.Rating;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.Raters;

public sealed class MonitoringModel(RaterMonitoring monitoring, Standardisation standards) : PageModel
{
    public MonitoringReport Report { get; private set; } = null!;

    public IReadOnlyList<RaterAccuracy> Accuracy { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Report = await monitoring.ReportAsync(HttpContext.RequestAborted);
        Accuracy = await standards.AccuracyAsync(HttpContext.RequestAborted);
    }
}
