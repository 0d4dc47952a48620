using Exam.Data.Delivery;
using Exam.Data.Scheduling;
using CandidateRecord = Exam.Data.Accounts.Candidate;

namespace Exam.Web.Delivery;

/// <summary>Everything about one candidate's registration that the exam pages need, read in one go.</summary>
public sealed record ExamContext(
    CandidateRecord Candidate, Registration Registration, Sitting Sitting, FormContent Form, Attempt? Attempt, IReadOnlyList<AttemptPart> Parts)
{
    /// <summary>Where this registration's saves go, once the attempt exists.</summary>
    public SaveTarget? SaveTarget => Attempt is { } a
        ? new SaveTarget { AttemptId = a.Id, Seed = a.Seed, FormId = Sitting.FormId, Track = Candidate.Track, CandidateNumber = Candidate.CandidateNumber }
        : null;

    public AttemptPart? Part(int part) => Parts.FirstOrDefault(p => p.Part == part);

    /// <summary>The part the candidate is in now, if one is running.</summary>
    public AttemptPart? RunningPart => Attempt is { Status: AttemptStatus.InPart } a ? Part(a.CurrentPart) : null;

    public int TimeLimitMinutes(int part) => part == 1 ? Form.Definition.PartOne.Minutes : Form.Definition.PartTwo.Minutes;

    /// <summary>The part after <paramref name="part"/> that this registration sits, or null.</summary>
    public int? NextPart(int part) => part == 1 && Registration.SitPartTwo ? 2 : null;
}
