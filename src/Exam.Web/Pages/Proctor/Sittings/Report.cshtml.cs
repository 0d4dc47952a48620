using Exam.Data.Database;
using Exam.Data.Delivery;
using Exam.Data.Proctoring;
using Exam.Data.Scheduling;
using Exam.Web.Proctoring;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Proctor.Sittings;

/// <summary>The printable record of a sitting: who sat, the parts' times, extensions, pauses, incidents and changes delivered late.</summary>
public sealed class ReportModel(ProctorService proctoring, Db db, ProctorStore store, RestBreakStore breaks, AnswerStore answers) : PageModel
{
    public Sitting Sitting { get; private set; } = null!;
    public RosterSnapshot Snapshot { get; private set; } = null!;
    public ILookup<long, ReportPart> Parts { get; private set; } = null!;
    public IReadOnlyList<ProctorEvent> Events { get; private set; } = [];
    public DateTimeOffset PrintedAt { get; private set; }

    /// <summary>Rest breaks taken, by attempt: counted apart from pauses.</summary>
    public ILookup<long, RestBreak> Breaks { get; private set; } = null!;

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
        var taken = new List<RestBreak>();
        foreach (var chunk in Snapshot.Rows.Where(r => r.AttemptId is not null).Select(r => r.AttemptId!.Value).Chunk(ProctorStore.MaxIds))
            taken.AddRange(await breaks.ForAttemptsAsync(s, chunk, HttpContext.RequestAborted));
        Breaks = taken.ToLookup(b => b.AttemptId);
        PrintedAt = Snapshot.ServerNow;
        return Page();
    }

    public IEnumerable<ProctorEvent> OfKind(params string[] kinds) => Events.Where(e => kinds.Contains(e.Kind));

    public static string At(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss") : "";

    public static string Minutes(int seconds) => seconds == 0 ? "" : $"{seconds / 60.0:0.#} min";

    /// <summary>"2, 18 min" for the breaks taken in a part; empty without.</summary>
    public string BreaksIn(long attemptId, int part)
    {
        var inPart = Breaks[attemptId].Where(b => b.Part == part).ToList();
        return inPart.Count == 0 ? "" : $"{inPart.Count}, {Minutes(inPart.Sum(b => b.CreditedSeconds ?? 0))}".TrimEnd(',', ' ');
    }
}
