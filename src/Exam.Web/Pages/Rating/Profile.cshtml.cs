using Exam.Data.Rating;
using Exam.Web.Accounts;
using Exam.Web.Rating;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Rating;

/// <summary>
/// The rater's declared conflicts of interest. The server matches them against candidate records and quietly keeps
/// those essays out of this rater's queue; nothing here says whom it excluded.
/// </summary>
public sealed class ProfileModel(RaterProfiles profiles) : PageModel
{
    public IReadOnlyList<RaterConflict> Conflicts { get; private set; } = [];

    [BindProperty]
    public string Kind { get; set; } = RaterProfiles.Person;

    [BindProperty]
    public string? Value { get; set; }

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync() => Conflicts = await profiles.ConflictsAsync(User.AccountId()!.Value, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostDeclareAsync()
    {
        Error = await profiles.DeclareAsync(User.AccountId()!.Value, Kind, Value, User.Identity!.Name!, HttpContext.RequestAborted);
        if (Error is not null)
        {
            await OnGetAsync();
            return Page();
        }
        Message = "Declared. Responses it matches will not reach you.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(long id)
    {
        await profiles.RemoveAsync(User.AccountId()!.Value, id, User.Identity!.Name!, HttpContext.RequestAborted);
        Message = "Removed.";
        return RedirectToPage();
    }
}
