using Exam.Web.Accounts;
using Exam.Web.Results;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Candidate.Results;

/// <summary>The candidate's score reports: released results only, with feedback and no rater identity.</summary>
public sealed class IndexModel(ResultService results) : PageModel
{
    public IReadOnlyList<ScoreReport> Reports { get; private set; } = [];

    public async Task OnGetAsync() => Reports = await results.ReportsForCandidateAsync(User.AccountId()!.Value, HttpContext.RequestAborted);
}
