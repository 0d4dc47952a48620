namespace Exam.Web.Delivery;

/// <summary>The clock as the server sees it, sent to the candidate's page. The page only counts down from it.</summary>
public sealed record ClockMessage(int Part, long RemainingMs, bool Paused, DateTimeOffset Deadline, DateTimeOffset ServerNow);

/// <summary>What the server pushes to a candidate's page over the exam hub.</summary>
public interface IExamClient
{
    Task Clock(ClockMessage clock);
    Task PartSubmitted(int part, string reason);
    Task Ended(string reason);
    Task Admitted();
    Task SignedOutElsewhere();
}
