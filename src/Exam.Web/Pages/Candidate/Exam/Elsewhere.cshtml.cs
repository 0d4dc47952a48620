using Exam.Web.Accounts;
using Exam.Web.Delivery;
using Exam.Web.Proctoring;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Exam.Web.Pages.Candidate.Delivery;

public sealed class ElsewhereModel(ExamService exams, ProctorService proctoring) : ExamPageModel(exams)
{
    /// <summary>The proctor moved the exam from this computer to another: this sign-in has ended.</summary>
    public bool SignedOut { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync("/Candidate/Exam/Elsewhere") is { } elsewhere) return elsewhere;
        // Another sign-in waits for the proctor to re-admit it here; the one the exam moved away from is signed out.
        if (!await proctoring.NoteSignInElsewhereAsync(Exam.Attempt!.Id, SessionId!, Exam.Candidate.CandidateNumber, HttpContext.RequestAborted))
        {
            SignedOut = true;
            await HttpContext.SignOutAsync(Principals.Scheme);
        }
        return Page();
    }
}
