namespace Exam.Web.Proctoring;

/// <summary>
/// One registered candidate on the proctor's console. Built from the database only, so a console rebuilt after a
/// reconnect shows exactly what a console that never lost a message shows.
/// </summary>
public sealed record RosterRow
{
    public long RegistrationId { get; init; }
    public long? AttemptId { get; init; }
    public string CandidateNumber { get; init; } = "";
    public string FullName { get; init; } = "";

    /// <summary>not-started, signed-in, waiting, in-part, between-parts, paused, submitted, voided.</summary>
    public string Status { get; init; } = "";
    public string StatusText { get; init; } = "";
    public int Part { get; init; }
    public int Answered { get; init; }
    public int AnswerTotal { get; init; }

    /// <summary>The running part's deadline; the console counts down to it from the server's time.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>Time left while paused (frozen); null otherwise (count down to <see cref="Deadline"/>).</summary>
    public long? PausedRemainingMs { get; init; }
    public int ExtendedMinutes { get; init; }

    /// <summary>connected, lost or none (the exam page never connected).</summary>
    public string Connection { get; init; } = "none";
    public DateTimeOffset? LostSince { get; init; }
    public DateTimeOffset? LastSavedAt { get; init; }

    /// <summary>The candidate signed in on another computer, which waits to be re-admitted.</summary>
    public DateTimeOffset? WaitingElsewhereSince { get; init; }

    /// <summary>Every accommodation on one line ("None" without), as the registration and the report say it.</summary>
    public string Accommodations { get; init; } = "None";

    /// <summary>Rest breaks: approved per part, taken in the running part, and the running break's end (null: none running).</summary>
    public int BreaksAllowed { get; init; }
    public int BreaksTaken { get; init; }
    public DateTimeOffset? BreakEndsBy { get; init; }

    public bool CanAdmit { get; init; }
    public bool CanPause { get; init; }
    public bool CanResume { get; init; }
    public bool CanExtend { get; init; }
    public bool CanVoid { get; init; }
    public bool CanReadmit { get; init; }
    public bool CanStartBreak { get; init; }
    public bool CanEndBreak { get; init; }
}

/// <summary>A line of the sitting's action and incident log, as the console shows it.</summary>
public sealed record LogLine(
    long Id, DateTimeOffset At, string Actor, string Kind, string? CandidateNumber, string? Category, int? Part, int? Minutes, string? Note);

/// <summary>The whole console from the database: what Join returns, and what a reconnect rebuilds from.</summary>
public sealed record RosterSnapshot(
    long SittingId, string Title, bool RequiresAdmission, DateTimeOffset ServerNow, IReadOnlyList<RosterRow> Rows, IReadOnlyList<LogLine> Log,
    string TimeZone = "UTC");

/// <summary>What the server pushes to a proctor's console over the proctor hub.</summary>
public interface IProctorClient
{
    /// <summary>Rows that changed (a whole row each time, so a repeated or late message does no harm).</summary>
    Task Rows(IReadOnlyList<RosterRow> rows, DateTimeOffset serverNow);

    Task Logged(LogLine line);
}
