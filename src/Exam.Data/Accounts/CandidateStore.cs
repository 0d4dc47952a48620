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
    internal const string Columns = """
        id, candidate_number AS CandidateNumber, full_name AS FullName, email, association, track, notes,
        failed_count AS FailedCount, locked_until AS LockedUntil, created_at AS CreatedAt
        """;

    private static readonly SqlStatement ById = SqlStatement.Portable($"SELECT {Columns} FROM candidates WHERE id = @Id;");

    private static readonly SqlStatement ByNumber = SqlStatement.Portable($"SELECT {Columns} FROM candidates WHERE candidate_number = @Number;");

    private static readonly SqlStatement ByEmail = SqlStatement.Portable(
        $"SELECT {Columns} FROM candidates WHERE LOWER(email) = LOWER(@Email) ORDER BY candidate_number;");


    // The candidate's row, locked for the rest of the transaction: registrations, lockout counts and record changes
    // of one candidate take their turns (the first lock in the lock order; see the README).
    private static readonly SqlStatement ByIdLocked = SqlStatement.Of(d => $"SELECT {Columns} FROM candidates{d.Lock(ReadLock.Update)} WHERE id = @Id;");

    private static readonly SqlStatement ByNumberLocked = SqlStatement.Of(d =>
        $"SELECT {Columns} FROM candidates{d.Lock(ReadLock.Update)} WHERE candidate_number = @Number;");

    // A blank query lists everyone; otherwise a substring of the name, number, email or association (case ignored
    // whatever the server's collation), wildcards escaped.
    private static readonly SqlStatement Search = SqlStatement.Of(d => d.Page($"""
        SELECT {Columns} FROM candidates
        WHERE @Pattern IS NULL
           OR {d.LikeIgnoringCase("full_name", "@Pattern")} OR {d.LikeIgnoringCase("candidate_number", "@Pattern")}
           OR {d.LikeIgnoringCase("email", "@Pattern")} OR {d.LikeIgnoringCase("association", "@Pattern")}
        ORDER BY candidate_number
        """));

    private static readonly SqlStatement UpdateRecord = SqlStatement.Portable("""
        UPDATE candidates SET full_name = @FullName, email = @Email, association = @Association, track = @Track, notes = @Notes,
               full_name_folded = @FullNameFolded, association_folded = @AssociationFolded
        WHERE id = @Id;
        """);

    private static readonly SqlStatement Unfolded = SqlStatement.Portable(
        "SELECT id, full_name AS FullName, association FROM candidates WHERE full_name_folded IS NULL OR association_folded IS NULL;");

    private static readonly SqlStatement SetFolded = SqlStatement.Portable(
        "UPDATE candidates SET full_name_folded = @FullNameFolded, association_folded = @AssociationFolded WHERE id = @Id;");

    // The highest six-digit number in use. On SQL Server the range stays locked to the end of the transaction,
    // so two coordinators creating at once cannot both take the same number; SQLite's BEGIN IMMEDIATE already
    // serializes writers.
    private static readonly SqlStatement MaxSixDigitNumber = SqlStatement.Of(d => d.Provider == DatabaseProvider.SqlServer
        ? "SELECT MAX(candidate_number) FROM candidates WITH (UPDLOCK, HOLDLOCK) WHERE candidate_number LIKE '[1-9][0-9][0-9][0-9][0-9][0-9]';"
        : "SELECT MAX(candidate_number) FROM candidates WHERE candidate_number GLOB '[1-9][0-9][0-9][0-9][0-9][0-9]';");

    private static readonly SqlStatement Insert = SqlStatement.Of(d => d.InsertReturningId("""
        INSERT INTO candidates (candidate_number, full_name, email, association, track, notes, failed_count, created_at,
                                full_name_folded, association_folded)
        VALUES (@CandidateNumber, @FullName, @Email, @Association, @Track, @Notes, 0, @CreatedAt, @FullNameFolded, @AssociationFolded)
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

    /// <summary>The candidate, with their row locked to the end of the transaction (a sign-in counting failures, a registration).</summary>
    public Task<Candidate?> GetForUpdateAsync(DbSession s, long id, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<Candidate>(ByIdLocked, new { Id = id }, ct);

    /// <summary>The first record (by number) with this email, whatever its case: an import does not make a second record of a person.</summary>
    public async Task<Candidate?> FindByEmailAsync(DbSession s, string email, CancellationToken ct = default) =>
        (await s.QueryAsync<Candidate>(ByEmail, new { Email = email }, ct)).FirstOrDefault();

    /// <summary>As <see cref="GetForUpdateAsync"/>, by candidate number.</summary>
    public Task<Candidate?> FindForUpdateAsync(DbSession s, string candidateNumber, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<Candidate>(ByNumberLocked, new { Number = candidateNumber }, ct);

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
        await s.ExecuteAsync(UpdateRecord, new
        {
            Id = id, FullName = fullName, Email = email, Association = association, Track = track, Notes = notes,
            FullNameFolded = TextFolding.Fold(fullName), AssociationFolded = TextFolding.Fold(association),
        }, ct) == 1;

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
            FullNameFolded = TextFolding.Fold(fullName),
            AssociationFolded = TextFolding.Fold(association),
        }, ct);

    /// <summary>Fills the folded names of rows written before they were stored (migration 0017); nothing on later starts.</summary>
    public static async Task FoldPendingNamesAsync(Db db, CancellationToken ct = default)
    {
        await using var s = await db.BeginAsync(ct: ct);
        foreach (var c in (await s.QueryAsync<Candidate>(Unfolded, ct: ct)).ToList())
            await s.ExecuteAsync(SetFolded, new
            {
                c.Id, FullNameFolded = TextFolding.Fold(c.FullName), AssociationFolded = TextFolding.Fold(c.Association),
            }, ct);
        await s.CommitAsync(ct);
    }

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
