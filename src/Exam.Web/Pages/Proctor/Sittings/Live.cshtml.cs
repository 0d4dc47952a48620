using Exam.Web.Proctoring;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Proctor.Sittings;

/// <summary>
/// The live console. The page renders the roster from the database; its script then joins the proctor hub, which
/// sends the same roster again and every change after it.
/// </summary>
public sealed class LiveModel(ProctorService proctoring) : PageModel
{
    public RosterSnapshot Snapshot { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await proctoring.SittingForAsync(User, id, HttpContext.RequestAborted) is not { } sitting) return Forbid();
        Snapshot = await proctoring.SnapshotAsync(sitting, HttpContext.RequestAborted);
        return Page();
    }

    public static string Utc(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("HH:mm:ss") + " UTC" : "";

    public static string Remaining(RosterRow r, DateTimeOffset now)
    {
        if (r.PausedRemainingMs is { } frozen) return Clock(TimeSpan.FromMilliseconds(frozen)) + " (paused)";
        return r.Deadline is { } d ? Clock(d > now ? d - now : TimeSpan.Zero) : "";
    }

    private static string Clock(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}" : $"{t.Minutes:00}:{t.Seconds:00}";
}
