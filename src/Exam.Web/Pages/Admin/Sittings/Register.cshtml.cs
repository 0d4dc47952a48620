using Exam.Core.Accounts;
using Exam.Web.Pages.Admin.Registrations;
using Exam.Web.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Admin.Sittings;

/// <summary>Registers several candidates for the sitting from a pasted roster, all or none; their letters then print in one go.</summary>
public sealed class RegisterModel(SittingScheduler scheduler, RosterImport import) : PageModel
{
    [BindProperty] public string? Roster { get; set; }
    public SittingView Sitting { get; private set; } = null!;
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var outcome = await import.ImportAsync(User.Identity!.Name!, User.IsInRole(Roles.Admin), id, Roster, HttpContext.RequestAborted);
        if (outcome.Errors.Count > 0)
        {
            Errors = outcome.Errors;
            return Page();
        }
        // Each code goes, once, to the letters page; only the codes' hashes are stored.
        foreach (var r in outcome.Registered) IssuedCode.ForLetter(TempData, r.RegistrationId, r.AccessCode);
        TempData["Message"] = $"{outcome.Registered.Count} candidate{(outcome.Registered.Count == 1 ? "" : "s")} registered and their access codes issued. " +
                              "Print their admission letters now: the codes are shown once.";
        return RedirectToPage("Details", new { id });
    }

    private async Task<bool> LoadAsync(long id)
    {
        if (await scheduler.DetailAsync(id, HttpContext.RequestAborted) is not { } detail) return false;
        Sitting = detail.Sitting;
        return true;
    }
}
