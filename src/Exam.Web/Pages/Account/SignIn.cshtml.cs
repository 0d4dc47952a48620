using Exam.Core.Accounts;
using Exam.Web.Accounts;
using Exam.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Account;

public sealed class SignInModel(StaffSignIn signIn, SignInSessions sessions, ILogger<SignInModel> logger) : PageModel
{
    [BindProperty] public string UserName { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = "Enter your user name and password.";
            return Page();
        }
        var result = await signIn.SignInAsync(UserName, Password, ClientAddress.Key(HttpContext), HttpContext.RequestAborted);
        Log.StaffSignIn(logger, result.Outcome.ToString(), UserName);
        switch (result.Outcome)
        {
            case SignInOutcome.Succeeded:
                var principal = Principals.ForStaff(result.Account!, sessions.Begin(PrincipalKind.Staff, result.Account!.Id));
                await HttpContext.SignInAsync(Principals.Scheme, principal);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : principal.HomePage());
            case SignInOutcome.LockedOut:
                Error = $"This account is locked after too many failed attempts. Try again after {result.LockedUntil:HH:mm} UTC, or ask an administrator to reset it.";
                break;
            case SignInOutcome.AddressPaused:
                Error = ClientAddress.Paused(HttpContext, result.LockedUntil!.Value);
                break;
            case SignInOutcome.Disabled:
                Error = "This account is disabled. Ask an administrator.";
                break;
            default:
                Error = "The user name or password is not right. Check them and try again.";
                break;
        }
        Password = "";
        return Page();
    }
}
