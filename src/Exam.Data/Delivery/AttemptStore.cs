using Exam.Core.Delivery;
using Exam.Data.Database;

namespace Exam.Data.Delivery;

/// <summary>Where an attempt stands.</summary>
public static class AttemptStatus
{
    public const string Rules = "rules";
    public const string Waiting = "waiting";
    public const string InPart = "in-part";
    public const string BetweenParts = "between-parts";
    public const string Submitted = "submitted";
    public const string Voided = "voided";
}

public sealed record Attempt
{
    public long Id { get; init; }
    public long RegistrationId { get; init; }
    public long Seed { get; init; }
    public string Status { get; init; } = "";
    public string SessionId { get; init; } = "";
    public int CurrentPart { get; init; }
    public int CurrentPosition { get; init; }
    public long LastSeq { get; init; }
    public DateTimeOffset? LastSavedAt { get; init; }
    public DateTimeOffset? RulesAcceptedAt { get; init; }
    public DateTimeOffset? AdmittedAt { get; init; }
    public string? AdmittedBy { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public string? EndReason { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public bool IsOver => Status is AttemptStatus.Submitted or AttemptStatus.Voided;
}

/// <summary>One part of an attempt: its stored clock and, once over, how it ended.</summary>
public sealed record AttemptPart
{
    public long AttemptId { get; init; }
    public int Part { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset Deadline { get; init; }
    public DateTimeOffset? PausedSince { get; init; }
    public int ExtendedSeconds { get; init; }
    public int PausedSeconds { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public string? SubmitReason { get; init; }
    public string? ReceiptCode { get; init; }

    public bool IsSubmitted => SubmittedAt is not null;

    public PartClock Clock => new(StartedAt, Deadline, PausedSince, TimeSpan.FromSeconds(ExtendedSeconds), TimeSpan.FromSeconds(PausedSeconds));
}

/// <summary>What a save needs to know of the attempt it changes, read in one query.</summary>
public sealed record SaveTarget
{
    public long AttemptId { get; init; }
    public long Seed { get; init; }
    public string FormId { get; init; } = "";
    public string Track { get; init; } = "";
    public string CandidateNumber { get; init; } = "";
}

public sealed class AttemptStore(TimeProvider clock)
{
    internal static readonly string Columns = $"""
        id, registration_id AS RegistrationId, seed, status, session_id AS SessionId, current_part AS CurrentPart,
        current_position AS CurrentPosition, {LastSave("attempts")},
        rules_accepted_at AS RulesAcceptedAt, admitted_at AS AdmittedAt, admitted_by AS AdmittedBy,
        ended_at AS EndedAt, end_reason AS EndReason, created_at AS CreatedAt
        """;

    /// <summary>
    /// The attempt's last applied change, LastSeq (0 before any) and LastSavedAt, read from its answers, where every
    /// applied change leaves its sequence number and time. A save writes only its answer's row: keeping them on the
    /// attempt's row made every save of a room rewrite that wide, hot row too (a tenth of a saturated save's cost).
    /// </summary>
    /// <param name="attempt">The attempts table's name or alias in the enclosing query.</param>
    internal static string LastSave(string attempt) => $"{LastOfAnswers("COALESCE(MAX(x.seq), 0)", "seq", attempt)} AS LastSeq, {LastSavedAt(attempt)}";

    /// <summary>The LastSavedAt column alone (see <see cref="LastSave"/>).</summary>
    internal static string LastSavedAt(string attempt) => $"{LastOfAnswers("MAX(x.saved_at)", "saved_at", attempt)} AS LastSavedAt";

    private static string LastOfAnswers(string aggregate, string column, string attempt) => $"""
        (SELECT {aggregate} FROM (SELECT {column} FROM mc_answers WHERE attempt_id = {attempt}.id
            UNION ALL SELECT {column} FROM essay_answers WHERE attempt_id = {attempt}.id) x)
        """;

    internal const string PartColumns = """
        attempt_id AS AttemptId, part, started_at AS StartedAt, deadline, paused_since AS PausedSince,
        extended_seconds AS ExtendedSeconds, paused_seconds AS PausedSeconds, submitted_at AS SubmittedAt,
        submit_reason AS SubmitReason, receipt_code AS ReceiptCode
        """;

    // One attempt per registration, decided by the insert itself: a second Begin (a double click, another node) inserts
    // nothing and gets no id. On SQL Server the range lock keeps two inserts from both finding no row.
    private static readonly SqlStatement Insert = SqlStatement.Of(d => d.Provider == DatabaseProvider.SqlServer
        ? $"""
            INSERT INTO attempts (registration_id, seed, status, session_id, current_part, current_position, rules_accepted_at, created_at)
            OUTPUT INSERTED.id
            SELECT @RegistrationId, @Seed, @Status, @SessionId, 0, 0, @RulesAcceptedAt, @CreatedAt
            WHERE NOT EXISTS (SELECT 1 FROM attempts{d.Lock(ReadLock.UpdateRange)} WHERE registration_id = @RegistrationId);
            """
        : """
            INSERT INTO attempts (registration_id, seed, status, session_id, current_part, current_position, rules_accepted_at, created_at)
            SELECT @RegistrationId, @Seed, @Status, @SessionId, 0, 0, @RulesAcceptedAt, @CreatedAt
            WHERE NOT EXISTS (SELECT 1 FROM attempts WHERE registration_id = @RegistrationId)
            RETURNING id;
            """);

    private static readonly SqlStatement ById = SqlStatement.Portable($"""
        SELECT {Columns} FROM attempts WHERE id = @Id;
        SELECT {PartColumns} FROM attempt_parts WHERE attempt_id = @Id ORDER BY part;
        """);

    // The attempt's row under an update lock to the end of the transaction: the first lock of every transition of an
    // attempt (the lock order, README). Its parts need no lock of their own: whoever changes them holds this one.
    private static readonly SqlStatement ByIdLocked = SqlStatement.Of(d => $"""
        SELECT {Columns} FROM attempts{d.Lock(ReadLock.Update)} WHERE id = @Id;
        SELECT {PartColumns} FROM attempt_parts WHERE attempt_id = @Id ORDER BY part;
        """);

    private static readonly SqlStatement IdByRegistration = SqlStatement.Portable("SELECT id FROM attempts WHERE registration_id = @RegistrationId;");

    private static readonly SqlStatement ByRegistration = SqlStatement.Portable($"""
        SELECT {Columns} FROM attempts WHERE registration_id = @RegistrationId;
        SELECT {PartColumns} FROM attempt_parts
        WHERE attempt_id = (SELECT id FROM attempts WHERE registration_id = @RegistrationId) ORDER BY part;
        """);

    // The candidate must own the registration: the ids come from the sign-in cookie, the check costs nothing.
    private static readonly SqlStatement TargetOfRegistration = SqlStatement.Portable("""
        SELECT a.id AS AttemptId, a.seed, s.form_id AS FormId, c.track, c.candidate_number AS CandidateNumber
        FROM registrations r
        JOIN candidates c ON c.id = r.candidate_id
        JOIN sittings s ON s.id = r.sitting_id
        JOIN attempts a ON a.registration_id = r.id
        WHERE r.id = @RegistrationId AND r.candidate_id = @CandidateId;
        """);

    private static readonly SqlStatement OfCandidate = SqlStatement.Portable($"""
        SELECT a.id, a.registration_id AS RegistrationId, a.seed, a.status, a.session_id AS SessionId, a.current_part AS CurrentPart,
               a.current_position AS CurrentPosition, {LastSave("a")},
               a.rules_accepted_at AS RulesAcceptedAt, a.admitted_at AS AdmittedAt, a.admitted_by AS AdmittedBy,
               a.ended_at AS EndedAt, a.end_reason AS EndReason, a.created_at AS CreatedAt
        FROM attempts a JOIN registrations r ON r.id = a.registration_id
        WHERE r.candidate_id = @CandidateId
        ORDER BY a.id DESC;
        """);

    // Each transition writes only the columns it owns, and only from the state it expects; the caller checks the count.
    private static readonly SqlStatement EnterPart = SqlStatement.Portable("""
        UPDATE attempts SET status = 'in-part', current_part = @Part, current_position = 1,
               admitted_at = CASE WHEN @AdmittedBy IS NULL THEN admitted_at ELSE @AdmittedAt END,
               admitted_by = CASE WHEN @AdmittedBy IS NULL THEN admitted_by ELSE @AdmittedBy END
        WHERE id = @Id AND status = @From;
        """);

    private static readonly SqlStatement FinishPart = SqlStatement.Portable("""
        UPDATE attempts SET status = @Next,
               ended_at = CASE WHEN @Next = 'submitted' THEN @At ELSE ended_at END,
               end_reason = CASE WHEN @Next = 'submitted' THEN @Reason ELSE end_reason END
        WHERE id = @Id AND status = 'in-part' AND current_part = @Part;
        """);

    private static readonly SqlStatement VoidSql = SqlStatement.Portable("""
        UPDATE attempts SET status = 'voided', ended_at = @At, end_reason = @Reason
        WHERE id = @Id AND status NOT IN ('submitted', 'voided');
        """);

    private static readonly SqlStatement UpdatePosition = SqlStatement.Portable(
        "UPDATE attempts SET current_position = @Position WHERE id = @Id AND status = 'in-part' AND session_id = @SessionId;");

    private static readonly SqlStatement InsertPart = SqlStatement.Portable("""
        INSERT INTO attempt_parts (attempt_id, part, started_at, deadline, extended_seconds, paused_seconds)
        VALUES (@AttemptId, @Part, @StartedAt, @Deadline, 0, 0);
        """);

    // A clock changes only from the clock it was computed from: a pause, a resume or an extension made meanwhile by
    // another proctor (another node) is never overwritten.
    private static readonly SqlStatement UpdateClock = SqlStatement.Portable("""
        UPDATE attempt_parts SET deadline = @Deadline, paused_since = @PausedSince, extended_seconds = @ExtendedSeconds,
               paused_seconds = @PausedSeconds
        WHERE attempt_id = @AttemptId AND part = @Part AND submitted_at IS NULL
          AND deadline = @WasDeadline AND extended_seconds = @WasExtendedSeconds AND paused_seconds = @WasPausedSeconds
          AND (paused_since = @WasPausedSince OR (paused_since IS NULL AND @WasPausedSince IS NULL));
        """);

    private static readonly SqlStatement SubmitPartSql = SqlStatement.Portable("""
        UPDATE attempt_parts SET submitted_at = @SubmittedAt, submit_reason = @Reason, receipt_code = @ReceiptCode, paused_since = NULL
        WHERE attempt_id = @AttemptId AND part = @Part AND submitted_at IS NULL;
        """);

    private static readonly SqlStatement Expired = SqlStatement.Portable($"""
        SELECT {PartColumns} FROM attempt_parts
        WHERE submitted_at IS NULL AND paused_since IS NULL AND deadline < @Before
        ORDER BY deadline;
        """);

    /// <summary>Creates the registration's attempt; null when it has one already (the first Begin won).</summary>
    public async Task<long?> CreateAsync(DbSession s, long registrationId, long seed, string status, string sessionId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        try
        {
            return await s.ExecuteScalarAsync<long?>(Insert, new
            {
                RegistrationId = registrationId,
                Seed = seed,
                Status = status,
                SessionId = sessionId,
                RulesAcceptedAt = now,
                CreatedAt = now,
            }, ct);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            return null; // the unique key is the last word, should two inserts ever both find no row
        }
    }

    public async Task<(Attempt Attempt, IReadOnlyList<AttemptPart> Parts)?> GetAsync(DbSession s, long id, CancellationToken ct = default)
    {
        using var grid = await s.QueryMultipleAsync(ById, new { Id = id }, ct);
        var attempt = await grid.ReadSingleOrDefaultAsync<Attempt>();
        var parts = (await grid.ReadAsync<AttemptPart>()).ToList();
        return attempt is null ? null : (attempt, parts);
    }

    /// <summary>The attempt and its parts, with the attempt's row locked to the end of the transaction; take it before any change.</summary>
    public async Task<(Attempt Attempt, IReadOnlyList<AttemptPart> Parts)?> GetForUpdateAsync(DbSession s, long id, CancellationToken ct = default)
    {
        using var grid = await s.QueryMultipleAsync(ByIdLocked, new { Id = id }, ct);
        var attempt = await grid.ReadSingleOrDefaultAsync<Attempt>();
        var parts = (await grid.ReadAsync<AttemptPart>()).ToList();
        return attempt is null ? null : (attempt, parts);
    }

    /// <summary>The attempt of a registration with its part clocks, in one round trip; null before the rules are accepted.</summary>
    public async Task<(Attempt Attempt, IReadOnlyList<AttemptPart> Parts)?> GetForRegistrationAsync(DbSession s, long registrationId, CancellationToken ct = default)
    {
        using var grid = await s.QueryMultipleAsync(ByRegistration, new { RegistrationId = registrationId }, ct);
        var attempt = await grid.ReadSingleOrDefaultAsync<Attempt>();
        var parts = (await grid.ReadAsync<AttemptPart>()).ToList();
        return attempt is null ? null : (attempt, parts);
    }

    /// <summary>Where the candidate's saves for this registration go; null when there is no attempt (or not theirs).</summary>
    public Task<SaveTarget?> SaveTargetAsync(DbSession s, long candidateId, long registrationId, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<SaveTarget>(TargetOfRegistration, new { CandidateId = candidateId, RegistrationId = registrationId }, ct);

    public Task<long?> IdForRegistrationAsync(DbSession s, long registrationId, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<long?>(IdByRegistration, new { RegistrationId = registrationId }, ct);

    /// <summary>Every attempt of the candidate, newest first (without the part clocks).</summary>
    public async Task<IReadOnlyList<Attempt>> ForCandidateAsync(DbSession s, long candidateId, CancellationToken ct = default) =>
        (await s.QueryAsync<Attempt>(OfCandidate, new { CandidateId = candidateId }, ct)).ToList();

    /// <summary>
    /// The attempt enters a part (at its first question) from the status expected: waiting for admission (with who admitted
    /// it), after the rules, or between parts. False when the attempt was not in that status: someone else moved it.
    /// </summary>
    public async Task<bool> EnterPartAsync(
        DbSession s, long attemptId, string from, int part, DateTimeOffset? admittedAt = null, string? admittedBy = null, CancellationToken ct = default) =>
        await s.ExecuteAsync(EnterPart, new { Id = attemptId, From = from, Part = part, AdmittedAt = admittedAt, AdmittedBy = admittedBy }, ct) == 1;

    /// <summary>
    /// After a part is submitted the attempt moves to <paramref name="next"/> (between parts, or submitted with when and
    /// why); false unless it was running that part.
    /// </summary>
    public async Task<bool> FinishPartAsync(
        DbSession s, long attemptId, int part, string next, DateTimeOffset at, string reason, CancellationToken ct = default) =>
        await s.ExecuteAsync(FinishPart, new { Id = attemptId, Part = part, Next = next, At = at, Reason = reason }, ct) == 1;

    /// <summary>Ends the attempt as voided; false when it had already ended.</summary>
    public async Task<bool> VoidAsync(DbSession s, long attemptId, DateTimeOffset at, string reason, CancellationToken ct = default) =>
        await s.ExecuteAsync(VoidSql, new { Id = attemptId, At = at, Reason = reason }, ct) == 1;

    /// <summary>Where the candidate is in the running part; only the session that holds the attempt moves it.</summary>
    public Task SavePositionAsync(DbSession s, long attemptId, string sessionId, int position, CancellationToken ct = default) =>
        s.ExecuteAsync(UpdatePosition, new { Id = attemptId, SessionId = sessionId, Position = position }, ct);

    public Task StartPartAsync(DbSession s, long attemptId, int part, PartClock partClock, CancellationToken ct = default) =>
        s.ExecuteAsync(InsertPart, new { AttemptId = attemptId, Part = part, partClock.StartedAt, partClock.Deadline }, ct);

    /// <summary>Replaces the part's clock <paramref name="was"/> by <paramref name="next"/>; false when the stored clock is no longer <paramref name="was"/>.</summary>
    public async Task<bool> SaveClockAsync(DbSession s, long attemptId, int part, PartClock was, PartClock next, CancellationToken ct = default) =>
        await s.ExecuteAsync(UpdateClock, new
        {
            AttemptId = attemptId,
            Part = part,
            next.Deadline,
            next.PausedSince,
            ExtendedSeconds = (int)next.Extended.TotalSeconds,
            PausedSeconds = (int)next.Paused.TotalSeconds,
            WasDeadline = was.Deadline,
            WasPausedSince = was.PausedSince,
            WasExtendedSeconds = (int)was.Extended.TotalSeconds,
            WasPausedSeconds = (int)was.Paused.TotalSeconds,
        }, ct) == 1;

    /// <summary>Closes a part once; false when it was already closed (a double click, a race with the sweeper).</summary>
    public async Task<bool> SubmitPartAsync(
        DbSession s, long attemptId, int part, DateTimeOffset at, string reason, string receiptCode, CancellationToken ct = default) =>
        await s.ExecuteAsync(SubmitPartSql, new { AttemptId = attemptId, Part = part, SubmittedAt = at, Reason = reason, ReceiptCode = receiptCode }, ct) == 1;

    /// <summary>Running parts whose deadline passed before the given instant.</summary>
    public async Task<IReadOnlyList<AttemptPart>> ExpiredPartsAsync(DbSession s, DateTimeOffset before, CancellationToken ct = default) =>
        (await s.QueryAsync<AttemptPart>(Expired, new { Before = before }, ct)).ToList();
}
