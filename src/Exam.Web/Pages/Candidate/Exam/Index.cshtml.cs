using Exam.Web.Delivery;
using Microsoft.AspNetCore.Mvc;

namespace Exam.Web.Pages.Candidate.Delivery;

/// <summary>Sends the candidate to wherever their exam stands.</summary>
public sealed class IndexModel(ExamService exams) : ExamPageModel(exams)
{
    public async Task<IActionResult> OnGetAsync() => await LoadAsync("/Candidate/Exam/Index") ?? RedirectToPage("/Candidate/Index");
}
