using Exam.Data.Database;
using Exam.Data.Delivery;

namespace Exam.Data.Proctoring;

/// <summary>Kinds of entries in a sitting's proctor log.</summary>
public static class ProctorEventKind
{
    public const string Admit = "admit";
    public const string Pause = "pause";
    public const string Resume = "resume";
    public const string Extend = "extend";
    public const string Void = "void";
    public const string Readmit = "readmit";
    public const string Incident = "incident";
    public const string BreakStart = "break-start";
    public const string BreakEnd = "break-end";
    /// <summary>The server submitted a part at its deadline (the time-up sweeper), written in the submission's transaction.</summary>
    public const string AutoSubmit = "auto-submit";
}

/// <summary>Incident categories a proctor chooses from.</summary>
public static class IncidentCategory
{
    public const string Environment = "environment";
    public const string Candidate = "candidate";
    public const string Staff = "staff";
    public const string Technical = "technical";

    public static readonly IReadOnlyList<string> All = [Environment, Candidate, Staff, Technical];
}

/// <summary>One line of a sitting's proctor log: an action on an attempt, or an incident (with or without an attempt).</summary>
public sealed record ProctorEvent
{
    public long Id { get; init; }
    public long SittingId { get; init; }
    public long? AttemptId { get; init; }
    public string Kind { get; init; } = "";
    public string? Category { get; init; }
    public int? Part { get; init; }
    public int? Minutes { get; init; }
    public string? Note { get; init; }
    public string Actor { get; init; } = "";
    public DateTimeOffset At { get; init; }

    /// <summary>Filled when read for a sitting: whom the line is about.</summary>
    public string? CandidateNumber { get; init; }
}

/// <summary>
/// A registered candidate as the proctor sees them, read from the database in one go (the console rebuilds from it).
/// </summary>
public sealed record RosterEntry
{
    public long SittingId { get; init; }
    public string FormId { get; init; } = "";
    public bool RequiresAdmission { get; init; }
    public long RegistrationId { get; init; }
    public long CandidateId { get; init; }
    public string CandidateNumber { get; init; } = "";
    public string FullName { get; init; } = "";
    public string Track { get; init; } = "";
    public bool SitPartOne { get; init; }
    public bool SitPartTwo { get; init; }
    public long? AttemptId { get; init; }
    public string? Status { get; init; }
    public int CurrentPart { get; init; }
    public DateTimeOffset? LastSavedAt { get; init; }
    public DateTimeOffset? AdmittedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public string? EndReason { get; init; }
    public DateTimeOffset? PendingSince { get; init; }
    public DateTimeOffset? LastSeenAt { get; init; }
    public DateTimeOffset? LostSince { get; init; }
    public DateTimeOffset? PartStartedAt { get; init; }
    public DateTimeOffset? Deadline { get; init; }
    public DateTimeOffset? PausedSince { get; init; }
    public int ExtendedSeconds { get; init; }
    public DateTimeOffset? PartSubmittedAt { get; init; }
    public int McAnswered { get; init; }
    public int EssaysAnswered { get; init; }

    // Accommodations, and the rest breaks of the running part.
    public int ExtraTimePartOne { get; init; }
    public int ExtraTimePartTwo { get; init; }
    public bool SeparateRoom { get; init; }
    public int BreakCount { get; init; }
    public int BreakMinutes { get; init; }
    public string? RestBreakNotes { get; init; }
    public int BreaksTaken { get; init; }
    public DateTimeOffset? BreakSince { get; init; }

    /// <summary>Signed in since the sitting opened, before any attempt exists (afterwards the attempt says more).</summary>
    public bool SignedIn { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>One part of an attempt in a sitting, for the printable report.</summary>
public sealed record ReportPart
{
    public long AttemptId { get; init; }
    public int Part { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset Deadline { get; init; }
    public int ExtendedSeconds { get; init; }
    public int PausedSeconds { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public string? SubmitReason { get; init; }
}

/// <summary>The proctor console's reads and the writes the exam tables don't already have.</summary>
public sealed class ProctorStore
{
    // Signed in = a successful sign-in since the sitting opened (the audit log's line, found through its subject index).
    private static string RosterSelect(SqlDialect d, string where) => $"""
        SELECT r.sitting_id AS SittingId, si.form_id AS FormId, si.requires_admission AS RequiresAdmission,
               r.id AS RegistrationId, c.id AS CandidateId, c.candidate_number AS CandidateNumber, c.full_name AS FullName, c.track,
               r.sit_part_one AS SitPartOne, r.sit_part_two AS SitPartTwo,
               a.id AS AttemptId, a.status, COALESCE(a.current_part, 0) AS CurrentPart,
               a.admitted_at AS AdmittedAt, a.ended_at AS EndedAt, a.end_reason AS EndReason, a.pending_since AS PendingSince,
               pr.last_seen_at AS LastSeenAt, pr.lost_since AS LostSince, a.created_at AS CreatedAt,
               p.started_at AS PartStartedAt, p.deadline, p.paused_since AS PausedSince, COALESCE(p.extended_seconds, 0) AS ExtendedSeconds,
               p.submitted_at AS PartSubmittedAt, {AttemptStore.LastSavedAt("a")},
               (SELECT COUNT(*) FROM mc_answers m WHERE m.attempt_id = a.id AND m.option_id IS NOT NULL) AS McAnswered,
               (SELECT COUNT(*) FROM essay_answers e WHERE e.attempt_id = a.id AND e.chosen = 1 AND e.word_count > 0) AS EssaysAnswered,
               r.extra_time_part_one AS ExtraTimePartOne, r.extra_time_part_two AS ExtraTimePartTwo, r.separate_room AS SeparateRoom,
               r.break_count AS BreakCount, r.break_minutes AS BreakMinutes, r.rest_breaks AS RestBreakNotes,
               (SELECT COUNT(*) FROM rest_breaks b WHERE b.attempt_id = a.id AND b.part = a.current_part) AS BreaksTaken,
               (SELECT MAX(b.started_at) FROM rest_breaks b
                WHERE b.attempt_id = a.id AND b.part = a.current_part AND b.ended_at IS NULL) AS BreakSince,
               CASE WHEN a.id IS NULL AND EXISTS (
                   SELECT 1 FROM audit_log l
                   WHERE l.subject_type = 'candidate' AND l.subject_id = CAST(c.id AS {(d.Provider == DatabaseProvider.Sqlite ? "TEXT" : "NVARCHAR(20)")})
                     AND l.action = 'sign-in.succeeded' AND l.at >= si.opens_at) THEN 1 ELSE 0 END AS SignedIn
        FROM registrations r
        JOIN sittings si ON si.id = r.sitting_id
        JOIN candidates c ON c.id = r.candidate_id
        LEFT JOIN attempts a ON a.registration_id = r.id
        LEFT JOIN attempt_parts p ON p.attempt_id = a.id AND p.part = a.current_part
        LEFT JOIN attempt_presence pr ON pr.attempt_id = a.id
        {where}
        ORDER BY c.candidate_number;
        """;

    private static readonly SqlStatement Roster = SqlStatement.Of(d => RosterSelect(d, "WHERE r.sitting_id = @SittingId"));

    private static readonly SqlStatement RosterOfAttempts = SqlStatement.Of(d => RosterSelect(d, "WHERE a.id IN @AttemptIds"));

    private static readonly SqlStatement SetPending = SqlStatement.Portable("""
        UPDATE attempts SET pending_session_id = @SessionId, pending_since = @At
        WHERE id = @AttemptId AND session_id <> @SessionId
          AND (pending_session_id IS NULL OR pending_session_id <> @SessionId);
        """);

    private static readonly SqlStatement Pending = SqlStatement.Portable("SELECT pending_session_id FROM attempts WHERE id = @AttemptId;");

    private static readonly SqlStatement Replaced = SqlStatement.Portable(
        "SELECT COUNT(*) FROM attempts WHERE id = @AttemptId AND replaced_session_id = @SessionId;");

    private static readonly SqlStatement MoveSession = SqlStatement.Portable("""
        UPDATE attempts SET replaced_session_id = session_id, session_id = pending_session_id, pending_session_id = NULL,
               pending_since = NULL
        WHERE id = @AttemptId AND pending_session_id = @SessionId AND status NOT IN ('submitted', 'voided');
        """);

    // Presence: one row per attempt whose exam page has connected, kept apart from the attempt so that heartbeats
    // never lock an attempt's row. The node holding the page's connection refreshes its heartbeat; any node marks it
    // lost once the heartbeat is older than the cut-off (its node went away without saying so).
    private static readonly SqlStatement Seen = SqlStatement.Of(d => d.Upsert("attempt_presence", ["attempt_id"], ["last_seen_at", "lost_since"]));

    private static readonly SqlStatement Lost = SqlStatement.Portable(
        "UPDATE attempt_presence SET lost_since = @At WHERE attempt_id = @AttemptId AND lost_since IS NULL;");

    private static readonly SqlStatement Heartbeat = SqlStatement.Portable(
        "UPDATE attempt_presence SET last_seen_at = @At WHERE attempt_id IN @AttemptIds AND lost_since IS NULL;");

    private static readonly SqlStatement ConnectedAmong = SqlStatement.Portable(
        "SELECT attempt_id FROM attempt_presence WHERE attempt_id IN @AttemptIds AND lost_since IS NULL;");

    private static readonly SqlStatement Stale = SqlStatement.Portable("""
        SELECT pr.attempt_id FROM attempt_presence pr JOIN attempts a ON a.id = pr.attempt_id
        WHERE pr.lost_since IS NULL AND pr.last_seen_at < @Cutoff AND a.status <> @Submitted AND a.status <> @Voided;
        """);

    private static readonly SqlStatement MarkStale = SqlStatement.Portable("""
        UPDATE attempt_presence SET lost_since = last_seen_at
        WHERE attempt_id = @AttemptId AND lost_since IS NULL AND last_seen_at < @Cutoff;
        """);

    private static readonly SqlStatement InsertEvent = SqlStatement.Of(d => d.InsertReturningId("""
        INSERT INTO proctor_events (sitting_id, attempt_id, kind, category, part, minutes, note, actor, at)
        VALUES (@SittingId, @AttemptId, @Kind, @Category, @Part, @Minutes, @Note, @Actor, @At)
        """));

    // The console sends each line once, in id order, remembering the last id sent. With READ_COMMITTED_SNAPSHOT a plain
    // read would skip a line whose transaction took a lower id but commits after a higher one, and the console would
    // never get it: this read waits for lines still being written instead.
    private static readonly SqlStatement Events = SqlStatement.Of(d => $"""
        SELECT e.id, e.sitting_id AS SittingId, e.attempt_id AS AttemptId, e.kind, e.category, e.part, e.minutes, e.note, e.actor, e.at,
               c.candidate_number AS CandidateNumber
        FROM proctor_events e{d.Lock(ReadLock.Committed)}
        LEFT JOIN attempts a ON a.id = e.attempt_id
        LEFT JOIN registrations r ON r.id = a.registration_id
        LEFT JOIN candidates c ON c.id = r.candidate_id
        WHERE e.sitting_id = @SittingId
        ORDER BY e.id;
        """);

    private static readonly SqlStatement Parts = SqlStatement.Portable("""
        SELECT p.attempt_id AS AttemptId, p.part, p.started_at AS StartedAt, p.deadline, p.extended_seconds AS ExtendedSeconds,
               p.paused_seconds AS PausedSeconds, p.submitted_at AS SubmittedAt, p.submit_reason AS SubmitReason
        FROM attempt_parts p
        JOIN attempts a ON a.id = p.attempt_id
        JOIN registrations r ON r.id = a.registration_id
        WHERE r.sitting_id = @SittingId
        ORDER BY p.attempt_id, p.part;
        """);

    public async Task<IReadOnlyList<RosterEntry>> RosterAsync(DbSession s, long sittingId, CancellationToken ct = default) =>
        (await s.QueryAsync<RosterEntry>(Roster, new { SittingId = sittingId }, ct)).ToList();

    /// <summary>The roster rows of these attempts, whatever their sittings (at most <see cref="MaxIds"/> at a time).</summary>
    public async Task<IReadOnlyList<RosterEntry>> RosterOfAttemptsAsync(DbSession s, IReadOnlyCollection<long> attemptIds, CancellationToken ct = default) =>
        attemptIds.Count == 0 ? [] : (await s.QueryAsync<RosterEntry>(RosterOfAttempts, new { AttemptIds = Checked(attemptIds) }, ct)).ToList();

    /// <summary>How many ids one statement takes (SQL Server allows 2,100 parameters).</summary>
    public const int MaxIds = 500;

    private static IReadOnlyCollection<long> Checked(IReadOnlyCollection<long> ids) =>
        ids.Count <= MaxIds ? ids : throw new ArgumentException($"At most {MaxIds} ids at a time.", nameof(ids));

    /// <summary>Records a second sign-in waiting for re-admission; false when it was already recorded (or is the attempt's own).</summary>
    public async Task<bool> SetPendingSessionAsync(DbSession s, long attemptId, string sessionId, DateTimeOffset at, CancellationToken ct = default) =>
        await s.ExecuteAsync(SetPending, new { AttemptId = attemptId, SessionId = sessionId, At = at }, ct) == 1;

    public Task<string?> PendingSessionAsync(DbSession s, long attemptId, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<string?>(Pending, new { AttemptId = attemptId }, ct);

    /// <summary>Whether a re-admission moved the attempt away from this session.</summary>
    public async Task<bool> WasReplacedAsync(DbSession s, long attemptId, string sessionId, CancellationToken ct = default) =>
        await s.ExecuteScalarAsync<int>(Replaced, new { AttemptId = attemptId, SessionId = sessionId }, ct) > 0;

    /// <summary>Binds the attempt to the waiting session; false when that session is no longer the one waiting.</summary>
    public async Task<bool> MoveToPendingSessionAsync(DbSession s, long attemptId, string sessionId, CancellationToken ct = default) =>
        await s.ExecuteAsync(MoveSession, new { AttemptId = attemptId, SessionId = sessionId }, ct) == 1;

    /// <summary>The attempt's exam page is connected now.</summary>
    public Task MarkSeenAsync(DbSession s, long attemptId, DateTimeOffset at, CancellationToken ct = default) =>
        s.ExecuteAsync(Seen, new { AttemptId = attemptId, LastSeenAt = at, LostSince = (DateTimeOffset?)null }, ct);

    /// <summary>Marks the connection lost (keeps the first instant when it was already lost); false when it was.</summary>
    public async Task<bool> MarkLostAsync(DbSession s, long attemptId, DateTimeOffset at, CancellationToken ct = default) =>
        await s.ExecuteAsync(Lost, new { AttemptId = attemptId, At = at }, ct) == 1;

    /// <summary>Refreshes the heartbeat of connected pages; returns how many were refreshed (fewer: some were lost or unknown).</summary>
    public Task<int> HeartbeatAsync(DbSession s, IReadOnlyCollection<long> attemptIds, DateTimeOffset at, CancellationToken ct = default) =>
        attemptIds.Count == 0 ? Task.FromResult(0) : s.ExecuteAsync(Heartbeat, new { AttemptIds = Checked(attemptIds), At = at }, ct);

    /// <summary>Which of these attempts are shown connected.</summary>
    public async Task<IReadOnlyList<long>> ConnectedAmongAsync(DbSession s, IReadOnlyCollection<long> attemptIds, CancellationToken ct = default) =>
        attemptIds.Count == 0 ? [] : (await s.QueryAsync<long>(ConnectedAmong, new { AttemptIds = Checked(attemptIds) }, ct)).ToList();

    /// <summary>Running attempts shown connected whose last heartbeat is older than the cut-off.</summary>
    public async Task<IReadOnlyList<long>> StaleAsync(DbSession s, DateTimeOffset cutoff, CancellationToken ct = default) =>
        (await s.QueryAsync<long>(Stale, new { Cutoff = cutoff, Submitted = AttemptStatus.Submitted, Voided = AttemptStatus.Voided }, ct)).ToList();

    /// <summary>Marks a stale page lost since its last heartbeat; false when another node did first or the page came back.</summary>
    public async Task<bool> MarkStaleAsync(DbSession s, long attemptId, DateTimeOffset cutoff, CancellationToken ct = default) =>
        await s.ExecuteAsync(MarkStale, new { AttemptId = attemptId, Cutoff = cutoff }, ct) == 1;

    public Task<long> AddEventAsync(DbSession s, ProctorEvent e, CancellationToken ct = default) =>
        s.ExecuteScalarAsync<long>(InsertEvent, e, ct);

    public async Task<IReadOnlyList<ProctorEvent>> EventsAsync(DbSession s, long sittingId, CancellationToken ct = default) =>
        (await s.QueryAsync<ProctorEvent>(Events, new { SittingId = sittingId }, ct)).ToList();

    public async Task<IReadOnlyList<ReportPart>> PartsAsync(DbSession s, long sittingId, CancellationToken ct = default) =>
        (await s.QueryAsync<ReportPart>(Parts, new { SittingId = sittingId }, ct)).ToList();
}
