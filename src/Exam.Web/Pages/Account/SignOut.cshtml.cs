using Exam.Core.Audit;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Account;

public sealed class SignOutModel(Db db, AuditLog audit) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await using var s = await db.BeginAsync(ct: HttpContext.RequestAborted);
            await audit.AppendAsync(s, new AuditEntry(User.Identity.Name ?? "?", AuditActions.SignedOut,
                User.IsStaff() ? "staff" : "candidate", User.AccountId()?.ToString()));
            await s.CommitAsync();
            await HttpContext.SignOutAsync(Principals.Scheme);
        }
        return RedirectToPage();
    }
}
