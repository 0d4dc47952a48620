using Exam.Data.Rating;
using Exam.Web.Accounts;
using Exam.Web.Rating;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Rating;

/// <summary>
/// The rater's declared conflicts of interest. The server matches them against candidate records and quietly keeps
/// those essays out of this rater's queue; nothing here says whom it excluded. While a rating window is open a change
/// becomes a request for the lead raters and the committee.
/// </summary>
public sealed class ProfileModel(RaterProfiles profiles, RatingWindows windows) : PageModel
{
    public IReadOnlyList<RaterConflict> Conflicts { get; private set; } = [];

    public IReadOnlyList<ConflictRequest> Requests { get; private set; } = [];

    public bool WindowOpen { get; private set; }

    [BindProperty]
    public string Kind { get; set; } = RaterProfiles.Person;

    [BindProperty]
    public string? Value { get; set; }

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync()
    {
        var me = User.AccountId()!.Value;
        Conflicts = await profiles.ConflictsAsync(me, HttpContext.RequestAborted);
        Requests = await profiles.RequestsAsync(me, HttpContext.RequestAborted);
        WindowOpen = (await windows.StateAsync(HttpContext.RequestAborted)).Open is not null;
    }

    public async Task<IActionResult> OnPostDeclareAsync()
    {
        var change = await profiles.DeclareAsync(User.AccountId()!.Value, Kind, Value, User.Identity!.Name!, HttpContext.RequestAborted);
        if (change.Error is not null)
        {
            Error = change.Error;
            await OnGetAsync();
            return Page();
        }
        Message = change.Requested ? RequestedMessage : "Declared. Responses it matches will not reach you.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(long id)
    {
        var change = await profiles.RemoveAsync(User.AccountId()!.Value, id, User.Identity!.Name!, HttpContext.RequestAborted);
        Message = change.Requested ? RequestedMessage : "Removed.";
        return RedirectToPage();
    }

    private const string RequestedMessage =
        "A rating window is open, so your declarations are fixed for it. Your request has gone to the lead raters and the committee.";
}
