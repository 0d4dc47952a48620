using Exam.Web.Accounts;
using Exam.Web.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Admin.Candidates;

public sealed class RecordModel(CandidateRecords records, CandidateUnlock unlock, TimeProvider clock) : PageModel
{
    public CandidateRecordView View { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        Now = clock.GetUtcNow();
        var view = await records.RecordAsync(id, HttpContext.RequestAborted);
        if (view is null) return NotFound();
        View = view;
        return Page();
    }

    /// <summary>Ends the candidate's sign-in lockout (audited).</summary>
    public async Task<IActionResult> OnPostUnlockAsync(long id)
    {
        Message = await unlock.UnlockAsync(id, User.Identity!.Name!, HttpContext.RequestAborted)
            ? "The candidate's sign-in is unlocked." : "The candidate's sign-in was not locked.";
        return RedirectToPage(new { id });
    }
}
