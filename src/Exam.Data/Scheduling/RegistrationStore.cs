using Exam.Core.Delivery;
using Exam.Data.Accounts;
using Exam.Data.Database;

namespace Exam.Data.Scheduling;

/// <summary>A candidate registered for a sitting: which parts, and the accommodations approved ahead.</summary>
public sealed record Registration
{
    public long Id { get; init; }
    public long CandidateId { get; init; }
    public long SittingId { get; init; }
    public bool SitPartOne { get; init; }
    public bool SitPartTwo { get; init; }
    public int ExtraTimePartOne { get; init; }
    public int ExtraTimePartTwo { get; init; }
    public string? RestBreaks { get; init; }
    public bool SeparateRoom { get; init; }
    public int BreakCount { get; init; }
    public int BreakMinutes { get; init; }
    public string? RetakeOverride { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public int ExtraTimePercent(int part) => part == 1 ? ExtraTimePartOne : ExtraTimePartTwo;
    public bool Sits(int part) => part == 1 ? SitPartOne : SitPartTwo;
    public int FirstPart => SitPartOne ? 1 : 2;
    public RestBreakAllowance Breaks => new(BreakCount, BreakMinutes);
}

/// <summary>A registration read with its sitting and candidate: what record pages, rosters, letters and the retake rule need.</summary>
public sealed record RegistrationSummary
{
    public long Id { get; init; }
    public long CandidateId { get; init; }
    public long SittingId { get; init; }
    public bool SitPartOne { get; init; }
    public bool SitPartTwo { get; init; }
    public int ExtraTimePartOne { get; init; }
    public int ExtraTimePartTwo { get; init; }
    public string? RestBreaks { get; init; }
    public bool SeparateRoom { get; init; }
    public int BreakCount { get; init; }
    public int BreakMinutes { get; init; }
    public string? RetakeOverride { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string SittingTitle { get; init; } = "";
    public string FormId { get; init; } = "";
    public DateTimeOffset OpensAt { get; init; }
    public DateTimeOffset ClosesAt { get; init; }
    public string Location { get; init; } = "";
    /// <summary>The sitting's time zone (IANA id): its window is shown there.</summary>
    public string TimeZone { get; init; } = "UTC";
    public bool RequiresAdmission { get; init; }
    public string CandidateNumber { get; init; } = "";
    public string FullName { get; init; } = "";
    public string Track { get; init; } = "";

    /// <summary>When the exam of this registration was submitted (its access code is then used); null before.</summary>
    public DateTimeOffset? ExamSubmittedAt { get; init; }

    public bool Sits(int part) => part == 1 ? SitPartOne : SitPartTwo;
    public int ExtraTimePercent(int part) => part == 1 ? ExtraTimePartOne : ExtraTimePartTwo;
    public RestBreakAllowance Breaks => new(BreakCount, BreakMinutes);
}

public sealed class RegistrationStore(TimeProvider clock)
{
    internal const string Columns = """
        id, candidate_id AS CandidateId, sitting_id AS SittingId, sit_part_one AS SitPartOne, sit_part_two AS SitPartTwo,
        extra_time_part_one AS ExtraTimePartOne, extra_time_part_two AS ExtraTimePartTwo, rest_breaks AS RestBreaks,
        separate_room AS SeparateRoom, break_count AS BreakCount, break_minutes AS BreakMinutes,
        retake_override AS RetakeOverride, created_at AS CreatedAt
        """;

    private static readonly SqlStatement Insert = SqlStatement.Of(d => d.InsertReturningId("""
        INSERT INTO registrations (candidate_id, sitting_id, sit_part_one, sit_part_two, extra_time_part_one, extra_time_part_two,
                                   rest_breaks, separate_room, break_count, break_minutes, retake_override, created_at)
        VALUES (@CandidateId, @SittingId, @SitPartOne, @SitPartTwo, @ExtraTimePartOne, @ExtraTimePartTwo, @RestBreaks,
                @SeparateRoom, @BreakCount, @BreakMinutes, @RetakeOverride, @CreatedAt)
        """));

    private static readonly SqlStatement ById = SqlStatement.Portable($"SELECT {Columns} FROM registrations WHERE id = @Id;");

    private static readonly SqlStatement ByIdLocked = SqlStatement.Of(d => $"SELECT {Columns} FROM registrations{d.Lock(ReadLock.Update)} WHERE id = @Id;");

    private static readonly SqlStatement ByCandidate = SqlStatement.Portable(
        $"SELECT {Columns} FROM registrations WHERE candidate_id = @CandidateId ORDER BY id DESC;");

    private static readonly SqlStatement BySitting = SqlStatement.Portable(
        $"SELECT {Columns} FROM registrations WHERE sitting_id = @SittingId ORDER BY id;");

    private const string SummarySelect = """
        SELECT r.id, r.candidate_id AS CandidateId, r.sitting_id AS SittingId, r.sit_part_one AS SitPartOne, r.sit_part_two AS SitPartTwo,
               r.extra_time_part_one AS ExtraTimePartOne, r.extra_time_part_two AS ExtraTimePartTwo, r.rest_breaks AS RestBreaks,
               r.separate_room AS SeparateRoom, r.break_count AS BreakCount, r.break_minutes AS BreakMinutes,
               r.retake_override AS RetakeOverride, r.created_at AS CreatedAt,
               s.title AS SittingTitle, s.form_id AS FormId, s.opens_at AS OpensAt, s.closes_at AS ClosesAt, s.location AS Location,
               s.requires_admission AS RequiresAdmission, s.time_zone AS TimeZone,
               c.candidate_number AS CandidateNumber, c.full_name AS FullName, c.track AS Track,
               (SELECT a.ended_at FROM attempts a WHERE a.registration_id = r.id AND a.status = 'submitted') AS ExamSubmittedAt
        FROM registrations r
        JOIN sittings s ON s.id = r.sitting_id
        JOIN candidates c ON c.id = r.candidate_id
        """;

    private static readonly SqlStatement SummaryById = SqlStatement.Portable($"{SummarySelect} WHERE r.id = @Id;");

    private static readonly SqlStatement SummariesOfCandidate = SqlStatement.Portable(
        $"{SummarySelect} WHERE r.candidate_id = @CandidateId ORDER BY s.opens_at DESC, r.id DESC;");

    private static readonly SqlStatement SummariesOfSitting = SqlStatement.Portable(
        $"{SummarySelect} WHERE r.sitting_id = @SittingId ORDER BY c.candidate_number;");

    private static readonly SqlStatement LiveCode = SqlStatement.Portable("""
        SELECT id, candidate_id AS CandidateId, registration_id AS RegistrationId, code_hash AS CodeHash, valid_from AS ValidFrom,
               valid_until AS ValidUntil, revoked_at AS RevokedAt
        FROM access_codes
        WHERE registration_id = @RegistrationId AND revoked_at IS NULL;
        """);

    private static readonly SqlStatement RevokeCodes = SqlStatement.Portable(
        "UPDATE access_codes SET revoked_at = @At WHERE registration_id = @RegistrationId AND revoked_at IS NULL;");

    private static readonly SqlStatement InsertCode = SqlStatement.Of(d => d.InsertReturningId("""
        INSERT INTO access_codes (candidate_id, registration_id, code_hash, valid_from, valid_until, created_at)
        VALUES (@CandidateId, @RegistrationId, @CodeHash, @ValidFrom, @ValidUntil, @CreatedAt)
        """));

    public Task<long> CreateAsync(DbSession s, Registration r, CancellationToken ct = default) =>
        s.ExecuteScalarAsync<long>(Insert, r with { CreatedAt = clock.GetUtcNow() }, ct);

    /// <summary>As <see cref="CreateAsync"/>; null when the candidate is already registered for the sitting (the key decided).</summary>
    public async Task<long?> TryCreateAsync(DbSession s, Registration r, CancellationToken ct = default)
    {
        try
        {
            return await CreateAsync(s, r, ct);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            return null;
        }
    }

    public Task<Registration?> GetAsync(DbSession s, long id, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<Registration>(ById, new { Id = id }, ct);

    /// <summary>The registration with its row locked to the end of the transaction (issuing a code: one live code at a time).</summary>
    public Task<Registration?> GetForUpdateAsync(DbSession s, long id, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<Registration>(ByIdLocked, new { Id = id }, ct);

    public async Task<IReadOnlyList<Registration>> ForCandidateAsync(DbSession s, long candidateId, CancellationToken ct = default) =>
        (await s.QueryAsync<Registration>(ByCandidate, new { CandidateId = candidateId }, ct)).ToList();

    public async Task<IReadOnlyList<Registration>> ForSittingAsync(DbSession s, long sittingId, CancellationToken ct = default) =>
        (await s.QueryAsync<Registration>(BySitting, new { SittingId = sittingId }, ct)).ToList();

    public Task<RegistrationSummary?> GetSummaryAsync(DbSession s, long id, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<RegistrationSummary>(SummaryById, new { Id = id }, ct);

    /// <summary>The candidate's registrations with their sittings, latest sitting first.</summary>
    public async Task<IReadOnlyList<RegistrationSummary>> SummariesForCandidateAsync(DbSession s, long candidateId, CancellationToken ct = default) =>
        (await s.QueryAsync<RegistrationSummary>(SummariesOfCandidate, new { CandidateId = candidateId }, ct)).ToList();

    /// <summary>The sitting's roster, by candidate number.</summary>
    public async Task<IReadOnlyList<RegistrationSummary>> SummariesForSittingAsync(DbSession s, long sittingId, CancellationToken ct = default) =>
        (await s.QueryAsync<RegistrationSummary>(SummariesOfSitting, new { SittingId = sittingId }, ct)).ToList();

    /// <summary>The registration's one live (not revoked) code, or null; issuing revokes the earlier one, so there is at most one.</summary>
    public Task<StoredAccessCode?> LiveAccessCodeAsync(DbSession s, long registrationId, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<StoredAccessCode>(LiveCode, new { RegistrationId = registrationId }, ct);

    /// <summary>Issues a new access code for the registration; any earlier code of the registration dies.</summary>
    public async Task IssueAccessCodeAsync(
        DbSession s, Registration r, string codeHash, DateTimeOffset validFrom, DateTimeOffset validUntil, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await s.ExecuteAsync(RevokeCodes, new { RegistrationId = r.Id, At = now }, ct);
        await s.ExecuteAsync(InsertCode, new
        {
            r.CandidateId,
            RegistrationId = r.Id,
            CodeHash = codeHash,
            ValidFrom = validFrom,
            ValidUntil = validUntil,
            CreatedAt = now,
        }, ct);
    }
}
