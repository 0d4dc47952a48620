using System.Globalization;
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


    // A blank query lists everyone; otherwise a substring of the name, number, email or association, wildcards escaped.
    private static readonly SqlStatement Search = SqlStatement.Of(d => d.Page($"""
        SELECT {Columns} FROM candidates
        WHERE @Pattern IS NULL
           OR full_name LIKE @Pattern ESCAPE '\' OR candidate_number LIKE @Pattern ESCAPE '\'
           OR email LIKE @Pattern ESCAPE '\' OR association LIKE @Pattern ESCAPE '\'
        ORDER BY candidate_number
        """));

    private static readonly SqlStatement UpdateRecord = SqlStatement.Portable("""
        UPDATE candidates SET full_name = @FullName, email = @Email, association = @Association, track = @Track, notes = @Notes
        WHERE id = @Id;
        """);

    // The highest six-digit number in use. On SQL Server the range stays locked to the end of the transaction,
    // so two coordinators creating at once cannot both take the same number; SQLite's BEGIN IMMEDIATE already
    // serializes writers.
    private static readonly SqlStatement MaxSixDigitNumber = SqlStatement.Of(d => d.Provider == DatabaseProvider.SqlServer
        ? "SELECT MAX(candidate_number) FROM candidates WITH (UPDLOCK, HOLDLOCK) WHERE candidate_number LIKE '[1-9][0-9][0-9][0-9][0-9][0-9]';"
        : "SELECT MAX(candidate_number) FROM candidates WHERE candidate_number GLOB '[1-9][0-9][0-9][0-9][0-9][0-9]';");

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

    public const int FirstCandidateNumber = 100001;
    public const int LastCandidateNumber = 999999;

    /// <summary>Candidates whose name, number, email or association contains <paramref name="query"/>, by number.</summary>
    public async Task<IReadOnlyList<Candidate>> SearchAsync(
        DbSession s, string? query, int take = 50, int skip = 0, CancellationToken ct = default) =>
        (await s.QueryAsync<Candidate>(Search, new { Pattern = LikePattern(query), Take = take, Skip = skip }, ct)).ToList();

    /// <summary>
    /// The number the next candidate gets: one above the highest six-digit number in use, from 100001.
    /// Call it in the transaction that inserts the candidate.
    /// </summary>
    public async Task<string> NextCandidateNumberAsync(DbSession s, CancellationToken ct = default)
    {
        var max = await s.ExecuteScalarAsync<string?>(MaxSixDigitNumber, ct: ct);
        var next = max is null ? FirstCandidateNumber : Math.Max(FirstCandidateNumber, int.Parse(max, CultureInfo.InvariantCulture) + 1);
        if (next > LastCandidateNumber) throw new InvalidOperationException("The six-digit candidate numbers are used up.");
        return next.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Changes the record's details; the number, lockout and codes stay as they are.</summary>
    public async Task<bool> UpdateAsync(
        DbSession s, long id, string fullName, string email, string association, string track, string? notes, CancellationToken ct = default) =>
        await s.ExecuteAsync(UpdateRecord, new { Id = id, FullName = fullName, Email = email, Association = association, Track = track, Notes = notes }, ct) == 1;

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

    private static string? LikePattern(string? query)
    {
        if (string.IsNullOrWhiteSpace(query)) return null;
        var escaped = query.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal);
        return "%" + escaped + "%";
    }
}
