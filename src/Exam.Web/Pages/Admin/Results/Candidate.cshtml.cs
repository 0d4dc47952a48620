using Exam.Data.Accounts;
using Exam.Data.Database;
using Exam.Data.Results;
using Exam.Web.Results;
using Microsoft.AspNetCore.Mvc.RazorPages;
using CandidateRecord = Exam.Data.Accounts.Candidate;

namespace Exam.Web.Pages.Admin.Results;

/// <summary>The results on a candidate's record: every result, current and superseded (history across attempts and rescoring).</summary>
public sealed class CandidateModel(Db db, CandidateStore candidates, ResultService results) : PageModel
{
    public CandidateRecord? Candidate { get; private set; }
    public IReadOnlyList<ExamResult> History { get; private set; } = [];
    public string? Number { get; private set; }

    public async Task OnGetAsync(string? number)
    {
        Number = number?.Trim();
        if (string.IsNullOrEmpty(Number)) return;
        await using (var s = await db.OpenAsync(HttpContext.RequestAborted))
            Candidate = await candidates.FindAsync(s, Number, HttpContext.RequestAborted);
        if (Candidate is not null) History = await results.HistoryAsync(Candidate.Id, HttpContext.RequestAborted);
    }
}
