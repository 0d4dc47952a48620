using Exam.Core.Accounts;
using Exam.Data.Database;

namespace Exam.Data.Accounts;

/// <summary>A candidate's record.</summary>
public sealed record Candidate
{
    public long Id { get; init; }
    public string CandidateNumber { get; init; } = "";
    public string FullName { get; init; } = "";
    public string Email { get; init; } = "";
    public string Association { get; init; } = "";
    public string Track { get; init; } = "";
    public string? Notes { get; init; }
    public int FailedCount { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public LockoutState Lockout => new(FailedCount, LockedUntil);
}

/// <summary>An access code as stored: only its keyed hash.</summary>
public sealed record StoredAccessCode
{
    public long Id { get; init; }
    public long CandidateId { get; init; }
    public long? RegistrationId { get; init; }
    public string CodeHash { get; init; } = "";
    public DateTimeOffset ValidFrom { get; init; }
    public DateTimeOffset ValidUntil { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
}

public sealed class CandidateStore(TimeProvider clock)
{
    private const string Columns = """
        id, candidate_number AS CandidateNumber, full_name AS FullName, email, association, track, notes,
        failed_count AS FailedCount, locked_until AS LockedUntil, created_at AS CreatedAt
        """;

    private static readonly SqlStatement ById = SqlStatement.Portable($"SELECT {Columns} FROM candidates WHERE id = @Id;");

    private static readonly SqlStatement ByNumber = SqlStatement.Portable($"SELECT {Columns} FROM candidates WHERE candidate_number = @Number;");

    private static readonly SqlStatement Insert = SqlStatement.Of(d => d.InsertReturningId("""
        INSERT INTO candidates (candidate_number, full_name, email, association, track, notes, failed_count, created_at)
        VALUES (@CandidateNumber, @FullName, @Email, @Association, @Track, @Notes, 0, @CreatedAt)
        """));

    private static readonly SqlStatement UpdateLockout = SqlStatement.Portable(
        "UPDATE candidates SET failed_count = @FailedCount, locked_until = @LockedUntil WHERE id = @Id;");

    private static readonly SqlStatement InsertCode = SqlStatement.Of(d => d.InsertReturningId("""
        INSERT INTO access_codes (candidate_id, code_hash, valid_from, valid_until, created_at)
        VALUES (@CandidateId, @CodeHash, @ValidFrom, @ValidUntil, @CreatedAt)
        """));

    private static readonly SqlStatement LiveCodes = SqlStatement.Portable("""
        SELECT id, candidate_id AS CandidateId, registration_id AS RegistrationId, code_hash AS CodeHash, valid_from AS ValidFrom,
               valid_until AS ValidUntil, revoked_at AS RevokedAt
        FROM access_codes
        WHERE candidate_id = @CandidateId AND revoked_at IS NULL
        ORDER BY id DESC;
        """);

    public Task<Candidate?> GetAsync(DbSession s, long id, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<Candidate>(ById, new { Id = id }, ct);

    public Task<Candidate?> FindAsync(DbSession s, string candidateNumber, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<Candidate>(ByNumber, new { Number = candidateNumber }, ct);

    public Task<long> CreateAsync(
        DbSession s, string candidateNumber, string fullName, string email, string association, string track,
        string? notes = null, CancellationToken ct = default) =>
        s.ExecuteScalarAsync<long>(Insert, new
        {
            CandidateNumber = candidateNumber,
            FullName = fullName,
            Email = email,
            Association = association,
            Track = track,
            Notes = notes,
            CreatedAt = clock.GetUtcNow(),
        }, ct);

    public Task SetLockoutAsync(DbSession s, long id, LockoutState state, CancellationToken ct = default) =>
        s.ExecuteAsync(UpdateLockout, new { Id = id, state.FailedCount, state.LockedUntil }, ct);

    public Task<long> AddAccessCodeAsync(
        DbSession s, long candidateId, string codeHash, DateTimeOffset validFrom, DateTimeOffset validUntil, CancellationToken ct = default) =>
        s.ExecuteScalarAsync<long>(InsertCode, new
        {
            CandidateId = candidateId,
            CodeHash = codeHash,
            ValidFrom = validFrom,
            ValidUntil = validUntil,
            CreatedAt = clock.GetUtcNow(),
        }, ct);

    /// <summary>Codes not revoked, newest first; the caller checks the window against the server clock.</summary>
    public async Task<IReadOnlyList<StoredAccessCode>> LiveAccessCodesAsync(DbSession s, long candidateId, CancellationToken ct = default) =>
        (await s.QueryAsync<StoredAccessCode>(LiveCodes, new { CandidateId = candidateId }, ct)).ToList();
}
