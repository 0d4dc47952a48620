using Exam.Data.Scheduling;
using Exam.Web.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Admin.Sittings;

public sealed class DetailsModel(SittingScheduler scheduler) : PageModel
{
    public SittingView Sitting { get; private set; } = null!;
    public IReadOnlyList<RegistrationSummary> Roster { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await scheduler.DetailAsync(id, HttpContext.RequestAborted) is not { } detail) return NotFound();
        (Sitting, Roster) = detail;
        return Page();
    }
}
