using Exam.Web.Delivery;
using Microsoft.AspNetCore.Mvc;

namespace Exam.Web.Pages.Candidate.Delivery;

/// <summary>The rules, accepted with "Begin the exam", which posts to Part One's Begin handler (it answers with the first page).</summary>
public sealed class RulesModel(ExamService exams, PartOneSeal seal) : ExamPageModel(exams)
{
    public const string NotAgreed = "Tick the box to confirm that you agree to the rules and the Code of Ethics.";

    /// <summary>Part One's sealed content, for the browser to fetch while the rules are read (null when Part One is not sat).</summary>
    public string? SealedContent => Exam.Registration.SitPartOne ? seal.For(PartOneContent.For(Exam.Form)).Url : null;

    /// <summary>Why the last "Begin the exam" did not begin the exam (set by the Begin handler, shown once).</summary>
    [TempData]
    public string? Error { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync("/Candidate/Exam/Rules") ?? Page();
}
