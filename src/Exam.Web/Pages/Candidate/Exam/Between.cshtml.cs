using Exam.Web.Delivery;
using Microsoft.AspNetCore.Mvc;

namespace Exam.Web.Pages.Candidate.Delivery;

public sealed class BetweenModel(ExamService exams) : ExamPageModel(exams)
{
    public Receipt? PartOne { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync("/Candidate/Exam/Between") is { } elsewhere) return elsewhere;
        PartOne = await Exams.ReceiptAsync(Exam.Attempt!.Id, 1, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync("/Candidate/Exam/Between") is { } elsewhere) return elsewhere;
        await Exams.StartNextPartAsync(Exam, HttpContext.RequestAborted);
        return RedirectToPage("/Candidate/Exam/Index");
    }
}
