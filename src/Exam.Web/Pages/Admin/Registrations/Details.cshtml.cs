using Exam.Data.Accounts;
using Exam.Data.Scheduling;
using Exam.Web.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Admin.Registrations;

public sealed class DetailsModel(RegistrationService registrations, TimeProvider clock) : PageModel
{
    public RegistrationSummary Registration { get; private set; } = null!;
    public StoredAccessCode? LiveCode { get; private set; }
    public DateTimeOffset Now { get; private set; }
    /// <summary>The plain code, only on the page shown right after it was issued.</summary>
    public string? Code { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Code = IssuedCode.TakeToShow(TempData, id);
        return Page();
    }

    public async Task<IActionResult> OnPostReissueAsync(long id)
    {
        var (code, error) = await registrations.ReissueAsync(User.Identity!.Name!, id, HttpContext.RequestAborted);
        if (code is not null)
        {
            IssuedCode.ToShow(TempData, id, code);
            return RedirectToPage(new { id });
        }
        Error = error;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id)
    {
        Now = clock.GetUtcNow();
        var registration = await registrations.GetAsync(id, HttpContext.RequestAborted);
        if (registration is null) return false;
        Registration = registration;
        LiveCode = await registrations.LiveCodeAsync(id, HttpContext.RequestAborted);
        return true;
    }
}
