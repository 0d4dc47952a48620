using Exam.Web.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Admin.Candidates;

public sealed class IndexModel(CandidateRecords records) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; }
    public IReadOnlyList<Data.Accounts.Candidate> Candidates { get; private set; } = [];

    public async Task OnGetAsync()
    {
        PageNumber = Math.Max(0, PageNumber);
        Candidates = await records.SearchAsync(Q, PageSize, PageNumber * PageSize, HttpContext.RequestAborted);
    }
}
