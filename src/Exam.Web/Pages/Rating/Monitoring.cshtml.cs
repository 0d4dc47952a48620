using Exam.Core.Accounts;
using Exam.Web.Rating;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Rating;

/// <summary>Rater monitoring for lead raters: pairwise agreement, accuracy on validity papers, and suspension.</summary>
[Authorize(Roles = Roles.LeadRater)]
public sealed class MonitoringModel(RaterMonitoring monitoring, Standardisation standards) : PageModel
{
    public MonitoringReport Report { get; private set; } = null!;

    public IReadOnlyList<RaterAccuracy> Accuracy { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync()
    {
        Report = await monitoring.ReportAsync(HttpContext.RequestAborted);
        Accuracy = await standards.AccuracyAsync(HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostSuspendAsync(long raterId, string? reason)
    {
        Message = await standards.SuspendAsync(raterId, reason, User.Identity!.Name!, HttpContext.RequestAborted) ?? "Suspended from live rating until they qualify again.";
        return RedirectToPage();
    }
}
