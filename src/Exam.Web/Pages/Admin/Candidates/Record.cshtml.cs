using Exam.Web.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Admin.Candidates;

public sealed class RecordModel(CandidateRecords records, TimeProvider clock) : PageModel
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
}
