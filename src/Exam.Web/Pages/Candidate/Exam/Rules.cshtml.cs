using Exam.Web.Delivery;
using Microsoft.AspNetCore.Mvc;

namespace Exam.Web.Pages.Candidate.Delivery;

public sealed class RulesModel(ExamService exams) : ExamPageModel(exams)
{
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync("/Candidate/Exam/Rules") ?? Page();

    public async Task<IActionResult> OnPostAsync(bool agree)
    {
        if (await LoadAsync("/Candidate/Exam/Rules") is { } elsewhere) return elsewhere;
        if (!agree)
        {
            Error = "Tick the box to confirm that you agree to the rules and the Code of Ethics.";
            return Page();
        }
        Error = await Exams.BeginAsync(Exam, SessionId!, HttpContext.RequestAborted);
        if (Error is not null) return Page();
        // Straight to the page the new attempt opens on, saving a hop when a whole room starts at once; every exam
        // page sends the candidate on if the attempt stands elsewhere (a double click, a proctor's action).
        return RedirectToPage(Exam.Sitting.RequiresAdmission ? "/Candidate/Exam/Waiting"
            : Exam.Registration.FirstPart == 2 ? "/Candidate/Exam/PartTwo" : "/Candidate/Exam/PartOne");
    }
}
