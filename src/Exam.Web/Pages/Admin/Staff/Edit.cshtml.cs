using Exam.Data.Accounts;
using Exam.Data.Database;
using Exam.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Admin.Staff;

public sealed class EditModel(Db db, StaffAccountStore accounts, StaffAdministration admin, TimeProvider clock) : PageModel
{
    public StaffAccount Account { get; private set; } = new();
    public DateTimeOffset Now { get; private set; }
    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostRolesAsync(long id, List<string> selectedRoles) =>
        Act(id, () => admin.SetRolesAsync(Actor, id, selectedRoles, HttpContext.RequestAborted), "Roles saved.");

    public Task<IActionResult> OnPostPasswordAsync(long id, string newPassword) =>
        Act(id, () => admin.ResetPasswordAsync(Actor, id, newPassword ?? "", HttpContext.RequestAborted), "Password reset; any lockout is cleared.");

    public Task<IActionResult> OnPostDisabledAsync(long id, bool disable) =>
        Act(id, () => admin.SetDisabledAsync(Actor, id, disable, HttpContext.RequestAborted), disable ? "Account disabled." : "Account enabled.");

    private string Actor => User.Identity!.Name!;

    private async Task<IActionResult> Act(long id, Func<Task<string?>> action, string done)
    {
        var error = await action();
        if (error is null)
        {
            Message = done;
            return RedirectToPage(new { id });
        }
        Error = error;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id)
    {
        Now = clock.GetUtcNow();
        await using var s = await db.OpenAsync(HttpContext.RequestAborted);
        var account = await accounts.GetAsync(s, id, HttpContext.RequestAborted);
        if (account is null) return false;
        Account = account;
        return true;
    }
}
