using Exam.Data.Delivery;
using Exam.Web.Accounts;
using Exam.Web.Delivery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Candidate.Delivery;

/// <summary>
/// The base of every exam page: loads the candidate's exam from the database and sends them to the page that
/// fits where the attempt stands, so a reload, a back button or a second tab always lands in the right place.
/// </summary>
public abstract class ExamPageModel(ExamService exams) : PageModel
{
    protected ExamService Exams { get; } = exams;
    public ExamContext Exam { get; private set; } = null!;

    protected string? SessionId => User.SessionId();

    /// <summary>How long after the deadline a change made before it is still taken (the page waits that long to submit at time-up).</summary>
    public TimeSpan LateWindow => Exams.LateWindow;

    /// <summary>
    /// Submits the running part for the candidate; once its time is up (the page submits itself at time-up) the part is
    /// recorded as ended by the clock, at its deadline.
    /// </summary>
    protected Task<Receipt?> SubmitRunningPartAsync(int part)
    {
        var expired = Exam.RunningPart is { } running && running.Part == part && running.Clock.HasExpired(Exams.Now);
        return Exams.SubmitPartAsync(Exam.Attempt!.Id, part, expired ? "expired" : "candidate", Exam.Candidate.CandidateNumber,
            at: expired ? Exam.RunningPart!.Deadline : null, ct: HttpContext.RequestAborted);
    }

    protected async Task<IActionResult?> LoadAsync(string page)
    {
        var ctx = await Exams.LoadAsync(User.AccountId()!.Value, User.RegistrationId(), ct: HttpContext.RequestAborted);
        if (ctx is null) return RedirectToPage("/Candidate/Index");
        Exam = ctx;
        var target = Where(ctx, SessionId);
        return target == page ? null : RedirectToPage(target);
    }

    /// <summary>Where a save or move goes, without loading the whole page's context.</summary>
    protected Task<SaveTarget?> SaveTargetAsync() =>
        Exams.SaveTargetAsync(User.AccountId()!.Value, User.RegistrationId(), HttpContext.RequestAborted);

    /// <summary>The page for the attempt's state.</summary>
    public static string Where(ExamContext ctx, string? sessionId) => ctx.Attempt switch
    {
        null => "/Candidate/Exam/Rules",
        { IsOver: true } => "/Candidate/Exam/Receipt",
        { } a when a.SessionId != sessionId => "/Candidate/Exam/Elsewhere",
        { Status: AttemptStatus.Waiting } => "/Candidate/Exam/Waiting",
        { Status: AttemptStatus.BetweenParts } => "/Candidate/Exam/Between",
        { Status: AttemptStatus.InPart, CurrentPart: 2 } => "/Candidate/Exam/PartTwo",
        _ => "/Candidate/Exam/PartOne",
    };
}
