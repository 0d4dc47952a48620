using System.Globalization;
using Exam.Data.Accounts;
using Exam.Data.Database;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Exam.Web.Accounts;

/// <summary>
/// The cookie's events. Re-reads a staff account from the database every half minute, so that disabling an account or changing its
/// roles takes effect on open sessions too, not only at the next sign-in.
/// </summary>
public sealed class StaffCookieEvents(Db db, StaffAccountStore accounts, TimeProvider clock) : CookieAuthenticationEvents
{
    private const string CheckedKey = "exam.checked";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } user || !user.IsStaff()) return;
        var now = clock.GetUtcNow();
        if (context.Properties.Items.TryGetValue(CheckedKey, out var value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, out var at) && now - at < Interval)
            return;
        await using var s = await db.OpenAsync(context.HttpContext.RequestAborted);
        var account = user.AccountId() is { } id ? await accounts.GetAsync(s, id, context.HttpContext.RequestAborted) : null;
        if (account is null || account.IsDisabled)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Principals.Scheme);
            return;
        }
        context.ReplacePrincipal(Principals.ForStaff(account));
        context.Properties.Items[CheckedKey] = now.ToString("O", CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }

    /// <summary>
    /// A page's script (it asks for JSON) gets 401 with a message instead of the sign-in page: a redirect followed by
    /// fetch would look like a successful save.
    /// </summary>
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (!WantsJson(context.Request)) return base.RedirectToLogin(context);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return context.Response.WriteAsJsonAsync(new { ok = false, error = "signed-out", message = "You are no longer signed in. Sign in again; nothing was saved by this request." });
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
