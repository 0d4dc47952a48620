using Exam.Data.Rating;
using Exam.Web.Rating;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.Raters;

/// <summary>The committee opens and closes the rating window and decides raters' conflict requests made during it.</summary>
public sealed class WindowModel(RatingWindows windows) : PageModel
{
    public RatingWindow? Open { get; private set; }

    public IReadOnlyList<RatingWindow> Recent { get; private set; } = [];

    public IReadOnlyList<ConflictReview> Reviews { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync()
    {
        (Open, Recent) = await windows.StateAsync(HttpContext.RequestAborted);
        Reviews = await windows.PendingAsync(HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostOpenAsync()
    {
        Message = await windows.OpenAsync(User.Identity!.Name!, HttpContext.RequestAborted) ?? "The rating window is open.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCloseAsync()
    {
        Message = await windows.CloseAsync(User.Identity!.Name!, HttpContext.RequestAborted) ?? "The rating window is closed.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDecideAsync(long requestId, bool approve)
    {
        Message = await windows.DecideAsync(requestId, approve, User.Identity!.Name!, HttpContext.RequestAborted)
            ?? (approve ? "Approved and applied." : "Declined.");
        return RedirectToPage();
    }
}
