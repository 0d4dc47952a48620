using Exam.Data.Database;
using Exam.Data.Delivery;
using Exam.Data.Proctoring;
using Exam.Data.Scheduling;
using Exam.Web.Proctoring;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Proctor.Sittings;

/// <summary>The printable record of a sitting: who sat, the parts' times, extensions, pauses, incidents and changes delivered late.</summary>
public sealed class ReportModel(ProctorService proctoring, Db db, ProctorStore store, AnswerStore answers) : PageModel
{
    public Sitting Sitting { get; private set; } = null!;
    public RosterSnapshot Snapshot { get; private set; } = null!;
    public ILookup<long, ReportPart> Parts { get; private set; } = null!;
    public IReadOnlyList<ProctorEvent> Events { get; private set; } = [];
    public DateTimeOffset PrintedAt { get; private set; }

    /// <summary>Changes made before a deadline but delivered after it, and taken within the window.</summary>
    public IReadOnlyList<LateDelivery> Late { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await proctoring.SittingForAsync(User, id, HttpContext.RequestAborted) is not { } sitting) return Forbid();
        Sitting = sitting;
        Snapshot = await proctoring.SnapshotAsync(sitting, HttpContext.RequestAborted);
        await using var s = await db.OpenAsync(HttpContext.RequestAborted);
        Parts = (await store.PartsAsync(s, id, HttpContext.RequestAborted)).ToLookup(p => p.AttemptId);
        Events = await store.EventsAsync(s, id, HttpContext.RequestAborted);
        Late = await answers.LateOfSittingAsync(s, id, HttpContext.RequestAborted);
        PrintedAt = Snapshot.ServerNow;
        return Page();
    }

    public IEnumerable<ProctorEvent> OfKind(params string[] kinds) => Events.Where(e => kinds.Contains(e.Kind));

    public static string At(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss") : "";

    public static string Minutes(int seconds) => seconds == 0 ? "" : $"{seconds / 60.0:0.#} min";
}
