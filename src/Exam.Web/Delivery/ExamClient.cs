namespace Exam.Web.Delivery;

/// <summary>
/// The clock as the server sees it, sent to the candidate's page. The page only counts down from it. <see cref="OnBreak"/>:
/// the clock is stopped for the candidate's rest break rather than paused by the proctor (the page says which).
/// </summary>
public sealed record ClockMessage(int Part, long RemainingMs, bool Paused, DateTimeOffset Deadline, DateTimeOffset ServerNow, bool OnBreak = false);

/// <summary>What the server pushes to a candidate's page over the exam hub.</summary>
public interface IExamClient
{
    Task Clock(ClockMessage clock);
    Task PartSubmitted(int part, string reason);
    Task Ended(string reason);
    Task Admitted();
    Task SignedOutElsewhere();
}
