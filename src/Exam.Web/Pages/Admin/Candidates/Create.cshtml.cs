using Exam.Web.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Admin.Candidates;

public sealed class CreateModel(CandidateRecords records) : PageModel
{
    [BindProperty] public string? FullName { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Association { get; set; }
    [BindProperty] public string? Track { get; set; }
    [BindProperty] public string? Notes { get; set; }
    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }

    public CandidateInput Input => new(FullName, Email, Association, Track, Notes);

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var (id, number, error) = await records.CreateAsync(User.Identity!.Name!, Input, HttpContext.RequestAborted);
        if (id is null)
        {
            Error = error;
            return Page();
        }
        Message = $"Candidate {number} created.";
        return RedirectToPage("Record", new { id });
    }
}
