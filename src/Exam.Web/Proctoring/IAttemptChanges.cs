namespace Exam.Web.Proctoring;

/// <summary>
/// Told, after the commit, that something the proctor's roster shows of an attempt changed (status, clock, answers,
/// connection). It only notes the attempt in memory, so a save can call it at no cost.
/// </summary>
public interface IAttemptChanges
{
    void Changed(long attemptId);

    /// <summary>A line was added to the sitting's proctor log (the console shows it at the next flush).</summary>
    void Logged(long sittingId, long eventId);
}
