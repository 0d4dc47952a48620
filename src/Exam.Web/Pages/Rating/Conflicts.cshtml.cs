using Exam.Core.Accounts;
using Exam.Web.Rating;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Rating;

/// <summary>Lead raters decide the conflict changes raters asked for during a window, seeing what each matches.</summary>
[Authorize(Roles = Roles.LeadRater)]
public sealed class ConflictsModel(RatingWindows windows) : PageModel
{
    public IReadOnlyList<ConflictReview> Reviews { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync() => Reviews = await windows.PendingAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostDecideAsync(long requestId, bool approve)
    {
        Message = await windows.DecideAsync(requestId, approve, User.Identity!.Name!, HttpContext.RequestAborted)
            ?? (approve ? "Approved and applied." : "Declined.");
        return RedirectToPage();
    }
}
