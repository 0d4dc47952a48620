using Exam.Data.Results;
using Exam.Web.Accounts;
using Exam.Web.Results;
using Exam.Web.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Admin.Candidates;

public sealed class RecordModel(CandidateRecords records, CandidateUnlock unlock, ResultService results, TimeProvider clock) : PageModel
{
    public CandidateRecordView View { get; private set; } = null!;

    /// <summary>Every result recorded for each attempt, newest first: the current one and the history it superseded.</summary>
    public ILookup<long, ExamResult> ResultsByAttempt { get; private set; } = Enumerable.Empty<ExamResult>().ToLookup(r => r.AttemptId);

    /// <summary>The attempt's result as the coordinator needs it: recorded or not, released or not, changed after release.</summary>
    public string ResultState(long attemptId)
    {
        var all = ResultsByAttempt[attemptId].OrderByDescending(r => r.Id).ToList();
        if (all.FirstOrDefault(r => r.SupersededAt is null) is not { } current) return "Not recorded yet";
        var verdict = current.OverallPassed ? "pass" : "fail";
        if (current.ReleasedAt is { } at) return $"{verdict}; released {at:yyyy-MM-dd}";
        return all.FirstOrDefault(r => r.ReleasedAt is not null) is { } earlier
            ? $"{verdict}; changed after release (released {earlier.ReleasedAt:yyyy-MM-dd}; the revision is not released)"
            : $"{verdict}; recorded, not released";
    }

    public DateTimeOffset Now { get; private set; }
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        Now = clock.GetUtcNow();
        var view = await records.RecordAsync(id, HttpContext.RequestAborted);
        if (view is null) return NotFound();
        View = view;
        ResultsByAttempt = (await results.HistoryAsync(id, HttpContext.RequestAborted)).ToLookup(r => r.AttemptId);
        return Page();
    }

    /// <summary>Ends the candidate's sign-in lockout (audited).</summary>
    public async Task<IActionResult> OnPostUnlockAsync(long id)
    {
        Message = await unlock.UnlockAsync(id, User.Identity!.Name!, HttpContext.RequestAborted)
            ? "The candidate's sign-in is unlocked." : "The candidate's sign-in was not locked.";
        return RedirectToPage(new { id });
    }
}
