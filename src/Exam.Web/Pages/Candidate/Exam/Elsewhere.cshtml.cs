using Exam.Web.Delivery;
using Microsoft.AspNetCore.Mvc;

namespace Exam.Web.Pages.Candidate.Delivery;

public sealed class ElsewhereModel(ExamService exams) : ExamPageModel(exams)
{
    public async Task<IActionResult> OnGetAsync() => await LoadAsync("/Candidate/Exam/Elsewhere") ?? Page();
}
