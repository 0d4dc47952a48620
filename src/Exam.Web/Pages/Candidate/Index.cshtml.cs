using Exam.Data.Accounts;
using Exam.Data.Database;
using Microsoft.AspNetCore.Mvc.RazorPages;
using CandidateRecord = Exam.Data.Accounts.Candidate;

namespace Exam.Web.Pages.Candidate;

public sealed class IndexModel(Db db, CandidateStore candidates) : PageModel
{
    public CandidateRecord? Candidate { get; private set; }

    public async Task OnGetAsync()
    {
        await using var s = await db.OpenAsync(HttpContext.RequestAborted);
        Candidate = await candidates.FindAsync(s, User.Identity!.Name!, HttpContext.RequestAborted);
    }
}
