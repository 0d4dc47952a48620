using Exam.Data.Rating;
using Exam.Web.Rating;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.Raters;

/// <summary>The committee assigns raters to essay sets.</summary>
public sealed class IndexModel(RaterProfiles profiles) : PageModel
{
    public IReadOnlyList<RaterSummary> Raters { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync() => Raters = await profiles.RatersAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync(long raterId, string[] sets)
    {
        Message = await profiles.AssignSetsAsync(raterId, sets, User.Identity!.Name!, HttpContext.RequestAborted) ?? "Essay sets saved.";
        return RedirectToPage();
    }
}
