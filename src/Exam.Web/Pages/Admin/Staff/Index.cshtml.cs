using Exam.Data.Accounts;
using Exam.Data.Database;
using Exam.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Admin.Staff;

public sealed class IndexModel(Db db, StaffAccountStore accounts, StaffAdministration admin, TimeProvider clock) : PageModel
{
    public IReadOnlyList<StaffAccount> Accounts { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }

    [BindProperty] public string NewUserName { get; set; } = "";
    [BindProperty] public string NewDisplayName { get; set; } = "";
    [BindProperty] public string NewPassword { get; set; } = "";
    [BindProperty] public List<string> NewRoles { get; set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var (id, error) = string.IsNullOrWhiteSpace(NewDisplayName)
            ? (null, "Enter the person's full name.")
            : await admin.CreateAsync(User.Identity!.Name!, NewUserName, NewDisplayName, NewPassword, NewRoles, HttpContext.RequestAborted);
        if (id is null)
        {
            Error = error;
            await LoadAsync();
            return Page();
        }
        Message = $"Account '{NewUserName.Trim()}' created.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Now = clock.GetUtcNow();
        await using var s = await db.OpenAsync(HttpContext.RequestAborted);
        Accounts = await accounts.ListAsync(s, HttpContext.RequestAborted);
    }
}
