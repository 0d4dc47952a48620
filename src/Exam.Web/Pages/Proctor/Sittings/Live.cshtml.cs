using System.Globalization;
using Exam.Core.Scheduling;
using Exam.Web.Accounts;
using Exam.Web.Proctoring;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Proctor.Sittings;

/// <summary>
/// The live console. The page renders the roster from the database; its script then joins the proctor hub, which
/// sends the same roster again and every change after it.
/// </summary>
public sealed class LiveModel(ProctorService proctoring, CandidateUnlock unlock) : PageModel
{
    public RosterSnapshot Snapshot { get; private set; } = null!;

    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await proctoring.SittingForAsync(User, id, HttpContext.RequestAborted) is not { } sitting) return Forbid();
        Snapshot = await proctoring.SnapshotAsync(sitting, HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>Ends the sign-in lockout of a candidate registered for this sitting (audited); other candidates are not the proctor's.</summary>
    public async Task<IActionResult> OnPostUnlockAsync(long id, string? candidateNumber)
    {
        if (await proctoring.SittingForAsync(User, id, HttpContext.RequestAborted) is not { } sitting) return Forbid();
        var snapshot = await proctoring.SnapshotAsync(sitting, HttpContext.RequestAborted);
        var row = snapshot.Rows.FirstOrDefault(r => r.CandidateNumber == candidateNumber?.Trim());
        Message = row is null ? $"No candidate {candidateNumber} is registered for this sitting."
            : await unlock.UnlockNumberAsync(row.CandidateNumber, User.Identity!.Name!, HttpContext.RequestAborted)
                ? $"Candidate {row.CandidateNumber} can sign in again." : $"Candidate {row.CandidateNumber} was not locked out.";
        return RedirectToPage(new { id });
    }

    /// <summary>A time of day on the sitting's clock (its time zone, named at the top of the console).</summary>
    public static string At(DateTimeOffset? at, string timeZone) =>
        at is { } t ? SittingTimeZone.FromStored(timeZone).ToLocal(t).ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "";

    public static string Remaining(RosterRow r, DateTimeOffset now)
    {
        if (r.PausedRemainingMs is { } frozen)
            return Clock(TimeSpan.FromMilliseconds(frozen)) + (r.BreakEndsBy is { } by ? $" (rest break until {by.UtcDateTime:HH:mm} UTC)" : " (paused)");
        return r.Deadline is { } d ? Clock(d > now ? d - now : TimeSpan.Zero) : "";
    }

    private static string Clock(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}" : $"{t.Minutes:00}:{t.Seconds:00}";
}
