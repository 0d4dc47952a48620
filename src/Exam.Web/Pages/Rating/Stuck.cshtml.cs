using Exam.Core.Accounts;
using Exam.Web.Rating;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Rating;

/// <summary>Lead raters see reads nobody eligible can take, with the reason, and assign them to a named person.</summary>
[Authorize(Roles = Roles.LeadRater)]
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
