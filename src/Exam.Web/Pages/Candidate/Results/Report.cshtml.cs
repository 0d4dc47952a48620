using Exam.Web.Accounts;
using Exam.Web.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Candidate.Results;

/// <summary>
/// One attempt's score report to print, naming the candidate. Found among the signed-in candidate's own released reports
/// only: another candidate's attempt, or one not released, is a 404 that tells nothing about it.
/// </summary>
public sealed class ReportModel(ResultService results) : PageModel
{
    public ScoreReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long attempt)
    {
        if (await results.ReportForCandidateAsync(User.AccountId()!.Value, attempt, HttpContext.RequestAborted) is not { } report) return NotFound();
        Report = report;
        return Page();
    }
}
