using Exam.Data.Accounts;
using Exam.Data.Database;
using Exam.Web.Accounts;
using Exam.Web.Delivery;
using Microsoft.AspNetCore.Mvc.RazorPages;
using CandidateRecord = Exam.Data.Accounts.Candidate;

namespace Exam.Web.Pages.Candidate;

public sealed class IndexModel(Db db, CandidateStore candidates, ExamService exams) : PageModel
{
    public CandidateRecord? Candidate { get; private set; }
    public ExamContext? Exam { get; private set; }

    public async Task OnGetAsync()
    {
        // Every candidate lands here after signing in: the exam's context already holds the candidate's record.
        Exam = await exams.LoadAsync(User.AccountId()!.Value, User.RegistrationId(), ct: HttpContext.RequestAborted);
        if (Exam is not null)
        {
            Candidate = Exam.Candidate;
            return;
        }
        await using var s = await db.OpenAsync(HttpContext.RequestAborted);
        Candidate = await candidates.GetAsync(s, User.AccountId()!.Value, HttpContext.RequestAborted);
    }
}
