using Exam.Core.Accounts;
using Exam.Core.Audit;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Account;

public sealed class SignOutModel(Db db, AuditLog audit, SignInSessions sessions, TimeProvider clock) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true && User.Ticket() is { } ticket)
        {
            // Ended on the server, not only in this browser: a copy of the cookie taken before now stops working too.
            var end = new SessionEnd(ticket.Kind, ticket.PrincipalId, ticket.SignInId, null, clock.GetUtcNow(), SessionEndReason.SignOut);
            await using (var s = await db.BeginAsync(ct: HttpContext.RequestAborted))
            {
                await sessions.EndAsync(s, end);
                await audit.AppendAsync(s, new AuditEntry(User.Identity.Name ?? "?", AuditActions.SignedOut, ticket.Kind, ticket.PrincipalId.ToString(),
                    Detail: "sign-in ended on the server"));
                await s.CommitAsync();
            }
            sessions.Apply(end);
            await HttpContext.SignOutAsync(Principals.Scheme);
        }
        return RedirectToPage();
    }
}
