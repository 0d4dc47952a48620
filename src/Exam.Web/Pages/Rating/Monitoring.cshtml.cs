using Exam.Core.Accounts;
using Exam.Web.Rating;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Rating;

/// <summary>Rater monitoring for lead raters.</summary>
[Authorize(Roles = Roles.LeadRater)]
public sealed class MonitoringModel(RaterMonitoring monitoring) : PageModel
{
    public MonitoringReport Report { get; private set; } = null!;

    public async Task OnGetAsync() => Report = await monitoring.ReportAsync(HttpContext.RequestAborted);
}
