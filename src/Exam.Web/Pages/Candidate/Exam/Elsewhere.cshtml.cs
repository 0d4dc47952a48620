using Exam.Web.Delivery;
using Exam.Web.Proctoring;
using Microsoft.AspNetCore.Mvc;

namespace Exam.Web.Pages.Candidate.Delivery;

public sealed class ElsewhereModel(ExamService exams, ProctorService proctoring) : ExamPageModel(exams)
{
    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync("/Candidate/Exam/Elsewhere") is { } elsewhere) return elsewhere;
        // This sign-in waits for the proctor to re-admit it here.
        await proctoring.NoteSignInElsewhereAsync(Exam.Attempt!.Id, SessionId!, HttpContext.RequestAborted);
        return Page();
    }
}
