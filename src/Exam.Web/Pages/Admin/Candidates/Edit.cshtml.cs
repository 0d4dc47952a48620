using Exam.Web.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Admin.Candidates;

public sealed class EditModel(CandidateRecords records) : PageModel
{
    [BindProperty] public string? FullName { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Association { get; set; }
    [BindProperty] public string? Track { get; set; }
    [BindProperty] public string? Notes { get; set; }
    [TempData] public string? Message { get; set; }
    public string CandidateNumber { get; private set; } = "";
    public string? Error { get; private set; }

    public CandidateInput Input => new(FullName, Email, Association, Track, Notes);

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var c = await records.GetAsync(id, HttpContext.RequestAborted);
        if (c is null) return NotFound();
        (CandidateNumber, FullName, Email, Association, Track, Notes) = (c.CandidateNumber, c.FullName, c.Email, c.Association, c.Track, c.Notes);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        var c = await records.GetAsync(id, HttpContext.RequestAborted);
        if (c is null) return NotFound();
        var error = await records.UpdateAsync(User.Identity!.Name!, id, Input, HttpContext.RequestAborted);
        if (error is not null)
        {
            CandidateNumber = c.CandidateNumber;
            Error = error;
            return Page();
        }
        Message = "Record saved.";
        return RedirectToPage("Record", new { id });
    }
}
