using System.Globalization;
using Exam.Core.Accounts;
using Exam.Data.Accounts;
using Exam.Data.Database;
using Exam.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Exam.Web.Accounts;

/// <summary>
/// The cookie's events. Refuses the cookie of a sign-in the server has ended (signed out, moved away by a re-admit, account
/// disabled: <see cref="SignInSessions"/>, from memory, no query per request). Re-reads a staff account from the database
/// every half minute, so that changing its roles takes effect on open sessions too, not only at the next sign-in.
/// </summary>
public sealed class StaffCookieEvents(Db db, StaffAccountStore accounts, SignInSessions sessions, TimeProvider clock, ILogger<StaffCookieEvents> logger)
    : CookieAuthenticationEvents
{
    private const string CheckedKey = "exam.checked";
    private const string EndedKey = "exam.sign-in-ended";

    /// <summary>Where a computer the exam was moved away from lands: the candidate sign-in page saying so.</summary>
    public const string MovedPath = "/Account/CandidateSignIn?moved=true";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } user) return;
        if (await EndOfAsync(user) is { } ended)
        {
            // The cookie stays in the browser (it opens nothing), so every page and script of that computer keeps
            // saying why, e.g. that the exam moved to another computer.
            context.HttpContext.Items[EndedKey] = ended;
            context.RejectPrincipal();
            return;
        }
        var ticket = user.Ticket()!;
        if (!user.IsStaff()) return;
        var now = clock.GetUtcNow();
        if (context.Properties.Items.TryGetValue(CheckedKey, out var value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, out var at) && now - at < Interval)
            return;
        await using var s = await db.OpenAsync(context.HttpContext.RequestAborted);
        var account = await accounts.GetAsync(s, ticket.PrincipalId, context.HttpContext.RequestAborted);
        if (account is null || account.IsDisabled)
        {
            await RejectAsync(context);
            return;
        }
        context.ReplacePrincipal(Principals.ForStaff(account, ticket));
        context.Properties.Items[CheckedKey] = now.ToString("O", CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }

    /// <summary>Why this cookie's sign-in is over, or null while it is good.</summary>
    private async ValueTask<string?> EndOfAsync(System.Security.Claims.ClaimsPrincipal user)
    {
        // A cookie from before sign-ins had ids cannot be ended on the server, so it is refused like an expired one.
        if (user.Ticket() is not { } ticket) return SessionEndReason.Expired;
        var ended = await sessions.EndOfAsync(ticket);
        if (ended is not null) Log.EndedSignInRefused(logger, ticket.Kind, ticket.PrincipalId);
        return ended;
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Principals.Scheme);
    }

    /// <summary>
    /// A page's script (it asks for JSON) gets 401 with a message instead of the sign-in page: a redirect followed by
    /// fetch would look like a successful save.
    /// </summary>
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        var moved = context.HttpContext.Items[EndedKey] as string == SessionEndReason.Readmit;
        if (!WantsJson(context.Request))
        {
            if (!moved) return base.RedirectToLogin(context);
            context.Response.Redirect(MovedPath);
            return Task.CompletedTask;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return context.Response.WriteAsJsonAsync(moved
            ? new { ok = false, error = "signed-out", message = "Your proctor moved your exam to another computer, so this computer is signed out. Nothing was saved by this request." }
            : new { ok = false, error = "signed-out", message = "You are no longer signed in. Sign in again; nothing was saved by this request." });
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (!WantsJson(context.Request)) return base.RedirectToAccessDenied(context);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsJsonAsync(new { ok = false, error = "forbidden", message = "This account may not do this; nothing was saved by this request." });
    }

    private static bool WantsJson(HttpRequest request) =>
        request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);
}
