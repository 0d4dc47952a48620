using Exam.Core.Accounts;
using Exam.Web.Accounts;
using Exam.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Account;

public sealed class CandidateSignInModel(CandidateSignIn signIn, ExamDevice device, SignInSessions sessions, ILogger<CandidateSignInModel> logger) : PageModel
{
    [BindProperty] public string CandidateNumber { get; set; } = "";
    [BindProperty] public string AccessCode { get; set; } = "";
    public string? Error { get; private set; }

    /// <summary>This computer was signed out because the proctor moved the exam to another one.</summary>
    [BindProperty(SupportsGet = true)] public bool Moved { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(CandidateNumber) || string.IsNullOrWhiteSpace(AccessCode))
        {
            Error = "Enter your candidate number and access code.";
            return Page();
        }
        var result = await signIn.SignInAsync(CandidateNumber, AccessCode, ClientAddress.Key(HttpContext), HttpContext.RequestAborted);
        Log.CandidateSignIn(logger, result.Outcome.ToString(), CandidateNumber);
        if (result.Outcome == CandidateSignInOutcome.Succeeded)
        {
            // The same browser keeps its session (and so its running attempt); another computer gets a new one.
            var sessionId = device.SessionFor(HttpContext, result.Candidate!.Id);
            device.Remember(HttpContext, result.Candidate.Id, sessionId);
            var ticket = sessions.Begin(PrincipalKind.Candidate, result.Candidate.Id, sessionId);
            await HttpContext.SignInAsync(Principals.Scheme, Principals.ForCandidate(result.Candidate, ticket, result.RegistrationId));
            return LocalRedirect("/Candidate");
        }
        Error = result.Outcome switch
        {
            CandidateSignInOutcome.LockedOut =>
                $"Sign-in is locked after too many wrong codes. Try again after {result.At:HH:mm} UTC, or ask your proctor.",
            CandidateSignInOutcome.AddressPaused => ClientAddress.Paused(HttpContext, result.At!.Value),
            CandidateSignInOutcome.CodeNotYetValid =>
                $"Your access code is not valid yet. It opens at {result.At:yyyy-MM-dd HH:mm} UTC.",
            CandidateSignInOutcome.CodeExpired =>
                "Your access code has expired. Ask your proctor or the exam coordinator for a new one.",
            _ => "The candidate number or access code is not right. Check both against your admission letter and try again.",
        };
        AccessCode = "";
        return Page();
    }
}
