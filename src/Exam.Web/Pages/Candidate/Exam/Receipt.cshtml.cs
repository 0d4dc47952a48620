using Exam.Data.Delivery;
using Exam.Web.Delivery;
using Microsoft.AspNetCore.Mvc;

namespace Exam.Web.Pages.Candidate.Delivery;

public sealed class ReceiptModel(ExamService exams) : ExamPageModel(exams)
{
    public IReadOnlyList<Receipt> Receipts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync("/Candidate/Exam/Receipt") is { } elsewhere) return elsewhere;
        var list = new List<Receipt>();
        if (Voided) return Page(); // no confirmation number for a voided attempt
        foreach (var part in Exam.Parts.Where(p => p.IsSubmitted))
            if (await Exams.ReceiptAsync(Exam.Attempt!.Id, part.Part, HttpContext.RequestAborted) is { } r) list.Add(r);
        Receipts = list;
        return Page();
    }

    public bool Voided => Exam.Attempt?.Status == AttemptStatus.Voided;
}
