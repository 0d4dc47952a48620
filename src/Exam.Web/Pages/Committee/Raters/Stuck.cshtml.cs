using Exam.Web.Rating;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.Raters;

/// <summary>The committee sees reads nobody eligible can take, with the reason, and assigns them to a named person.</summary>
public sealed class StuckModel(StuckReads stuck) : PageModel
{
    public IReadOnlyList<StuckRead> Reads { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync() => Reads = await stuck.ListAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAssignAsync(long taskId, long userId)
    {
        Message = await stuck.AssignAsync(taskId, userId, User.Identity!.Name!, HttpContext.RequestAborted) ?? "Assigned.";
        return RedirectToPage();
    }
}
