namespace Exam.Core.Scheduling;

/// <summary>Audit action names of candidate records and scheduling (features own their names).</summary>
public static class SchedulingAuditActions
{
    public const string CandidateCreated = "candidate.created";
    public const string CandidateUpdated = "candidate.updated";
    public const string SittingCreated = "sitting.created";
    public const string RegistrationCreated = "registration.created";
    /// <summary>A pasted roster registered for a sitting (each registration also has its own line).</summary>
    public const string RosterImported = "roster.imported";
    public const string AccessCodeIssued = "access-code.issued";
    public const string AccessCodeReissued = "access-code.reissued";
    public const string RetakeOverride = "retake.override";
}
