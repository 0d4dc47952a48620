using Exam.Data.Database;

namespace Exam.Data.Rating;

public static class ValidityOrigin
{
    public const string Sitting = "sitting";
    public const string Exemplar = "exemplar";
}

public static class ValidityReadKind
{
    public const string Qualification = "qualification";
    public const string Seed = "seed";
}

public static class QualificationStatus
{
    public const string Open = "open";
    public const string Passed = "passed";
    public const string Failed = "failed";
}

/// <summary>A validity paper with its current agreed scores (criterion id → points, as JSON) and rationale.</summary>
public sealed record ValidityPaper
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string Origin { get; init; } = ValidityOrigin.Exemplar;
    public long? SourceResponseId { get; init; }
    public string FormId { get; init; } = "";
    public long ItemVersionId { get; init; }
    public long RubricVersionId { get; init; }
    public string EssaySet { get; init; } = "";
    public string EssayText { get; init; } = "";
    public int Version { get; init; }
    public string ScoresJson { get; init; } = "{}";
    public int Total { get; init; }
    public string Rationale { get; init; } = "";
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed record ValidityPaperVersion
{
    public int Version { get; init; }
    public string ScoresJson { get; init; } = "{}";
    public int Total { get; init; }
    public string Rationale { get; init; } = "";
    public string SavedBy { get; init; } = "";
    public DateTimeOffset SavedAt { get; init; }
}

public sealed record QualificationSet
{
    public long Id { get; init; }
    public string EssaySet { get; init; } = "";
    public string Title { get; init; } = "";
    public bool IsActive { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed record QualificationAttempt
{
    public long Id { get; init; }
    public long SetId { get; init; }
    public long WindowId { get; init; }
    public long RaterId { get; init; }
    public string Status { get; init; } = QualificationStatus.Open;
    public int? WithinCount { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
}

/// <summary>A rater's read of a validity paper (qualification or seeded), with the lease and work of a live read.</summary>
public sealed record ValidityRead
{
    public long Id { get; init; }
    public string Code { get; init; } = "";
    public string Kind { get; init; } = ValidityReadKind.Seed;
    public long PaperId { get; init; }
    public int PaperVersion { get; init; }
    public long RaterId { get; init; }
    public long WindowId { get; init; }
    public long? AttemptId { get; init; }
    public string EssaySet { get; init; } = "";
    public string Status { get; init; } = RatingTaskStatus.Queued;
    public DateTimeOffset? ClaimedAt { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public string? ScoresJson { get; init; }
    public string? Feedback { get; init; }
    public int? Total { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
}

/// <summary>A submitted validity read beside the paper's current agreed scores: what accuracy is computed from.</summary>
public sealed record ScoredValidityRead
{
    public long RaterId { get; init; }
    public string Kind { get; init; } = "";
    public string ScoresJson { get; init; } = "{}";
    public string AgreedJson { get; init; } = "{}";
}

public sealed record RaterWindowState
{
    public long RaterId { get; init; }
    public string? QualifiedSets { get; init; }
    public bool Suspended { get; init; }
}

/// <summary>
/// Validity papers, qualification sets and attempts, raters' validity reads (qualification and seeded), rater
/// qualification per window and suspension. Every state change is a conditional statement whose row count is checked.
/// </summary>
public sealed class ValidityStore
{
    private const string PaperColumns = """
        p.id, p.title, p.origin, p.source_response_id AS SourceResponseId, p.form_id AS FormId, p.item_version_id AS ItemVersionId,
        p.rubric_version_id AS RubricVersionId, p.essay_set AS EssaySet, p.essay_text AS EssayText, p.version,
        v.scores_json AS ScoresJson, v.total, v.rationale, p.created_by AS CreatedBy, p.created_at AS CreatedAt
        FROM validity_papers p JOIN validity_paper_versions v ON v.paper_id = p.id AND v.version = p.version
        """;

    private const string ReadColumns = """
        id, code, kind, paper_id AS PaperId, paper_version AS PaperVersion, rater_id AS RaterId, window_id AS WindowId,
        attempt_id AS AttemptId, essay_set AS EssaySet, status, claimed_at AS ClaimedAt, lease_until AS LeaseUntil,
        scores_json AS ScoresJson, feedback, total, submitted_at AS SubmittedAt
        """;

    private const string AttemptColumns = """
        id, set_id AS SetId, window_id AS WindowId, rater_id AS RaterId, status, within_count AS WithinCount,
        started_at AS StartedAt, finished_at AS FinishedAt
        """;

    private static readonly SqlStatement InsertPaper = SqlStatement.Of(d => d.InsertReturningId("""
        INSERT INTO validity_papers (title, origin, source_response_id, form_id, item_version_id, rubric_version_id, essay_set, essay_text, version, created_by, created_at)
        VALUES (@Title, @Origin, @SourceResponseId, @FormId, @ItemVersionId, @RubricVersionId, @EssaySet, @EssayText, 1, @CreatedBy, @CreatedAt);
        """));

    private static readonly SqlStatement InsertVersion = SqlStatement.Portable("""
        INSERT INTO validity_paper_versions (paper_id, version, scores_json, total, rationale, saved_by, saved_at)
        VALUES (@PaperId, @Version, @ScoresJson, @Total, @Rationale, @By, @At);
        """);

    // Moves the paper to the next version only from the version the editor saw: of two editors, the second is refused.
    private static readonly SqlStatement BumpVersion = SqlStatement.Portable(
        "UPDATE validity_papers SET version = version + 1 WHERE id = @Id AND version = @Expected;");

    private static readonly SqlStatement Papers = SqlStatement.Portable($"SELECT {PaperColumns} ORDER BY p.essay_set, p.id;");
    private static readonly SqlStatement PaperById = SqlStatement.Portable($"SELECT {PaperColumns} WHERE p.id = @Id;");

    private static readonly SqlStatement VersionsOf = SqlStatement.Portable("""
        SELECT version, scores_json AS ScoresJson, total, rationale, saved_by AS SavedBy, saved_at AS SavedAt
        FROM validity_paper_versions WHERE paper_id = @Id ORDER BY version DESC;
        """);

    private static readonly SqlStatement DeactivateSets = SqlStatement.Portable(
        "UPDATE qualification_sets SET is_active = NULL WHERE essay_set = @EssaySet AND is_active = 1;");

    private static readonly SqlStatement InsertSet = SqlStatement.Of(d => d.InsertReturningId("""
        INSERT INTO qualification_sets (essay_set, title, is_active, created_by, created_at) VALUES (@EssaySet, @Title, 1, @By, @At);
        """));

    private static readonly SqlStatement InsertSetPaper = SqlStatement.Portable(
        "INSERT INTO qualification_set_papers (set_id, paper_id, position) VALUES (@SetId, @PaperId, @Position);");

    private const string SetColumns = "id, essay_set AS EssaySet, title, CASE WHEN is_active = 1 THEN 1 ELSE 0 END AS IsActive, created_by AS CreatedBy, created_at AS CreatedAt";

    private static readonly SqlStatement Sets = SqlStatement.Portable($"SELECT {SetColumns} FROM qualification_sets ORDER BY essay_set, id DESC;");

    private static readonly SqlStatement ActiveSet = SqlStatement.Portable(
        $"SELECT {SetColumns} FROM qualification_sets WHERE essay_set = @EssaySet AND is_active = 1;");

    private static readonly SqlStatement SetById = SqlStatement.Portable($"SELECT {SetColumns} FROM qualification_sets WHERE id = @Id;");

    private static readonly SqlStatement PapersOfSet = SqlStatement.Portable($"""
        SELECT {PaperColumns} JOIN qualification_set_papers sp ON sp.paper_id = p.id WHERE sp.set_id = @SetId ORDER BY sp.position;
        """);

    private static readonly SqlStatement InsertAttempt = SqlStatement.Of(d => d.InsertReturningId("""
        INSERT INTO qualification_attempts (set_id, window_id, rater_id, status, started_at) VALUES (@SetId, @WindowId, @RaterId, 'open', @At);
        """));

    private static readonly SqlStatement AttemptsOf = SqlStatement.Portable(
        $"SELECT {AttemptColumns} FROM qualification_attempts WHERE rater_id = @RaterId AND window_id = @WindowId ORDER BY id DESC;");

    private static readonly SqlStatement AttemptById = SqlStatement.Portable($"SELECT {AttemptColumns} FROM qualification_attempts WHERE id = @Id;");

    private static readonly SqlStatement FinishAttempt = SqlStatement.Portable("""
        UPDATE qualification_attempts SET status = @Status, within_count = @Within, finished_at = @At WHERE id = @Id AND status = 'open';
        """);

    private static readonly SqlStatement InsertRead = SqlStatement.Portable("""
        INSERT INTO validity_reads (code, kind, paper_id, paper_version, rater_id, window_id, attempt_id, essay_set, status, created_at)
        VALUES (@Code, @Kind, @PaperId, @PaperVersion, @RaterId, @WindowId, @AttemptId, @EssaySet, 'queued', @At);
        """);

    private static readonly SqlStatement ReadOfRater = SqlStatement.Portable(
        $"SELECT {ReadColumns} FROM validity_reads WHERE code = @Code AND rater_id = @RaterId;");

    private static readonly SqlStatement ReadById = SqlStatement.Portable($"SELECT {ReadColumns} FROM validity_reads WHERE id = @Id;");

    private static readonly SqlStatement ReadsOfAttempt = SqlStatement.Portable(
        $"SELECT {ReadColumns} FROM validity_reads WHERE attempt_id = @AttemptId ORDER BY id;");

    // A seed waits like a live read: queued, or claimed with its lease lapsed.
    private const string SeedWaiting = """
        FROM validity_reads WHERE kind = 'seed' AND rater_id = @RaterId AND window_id = @WindowId
          AND (status = 'queued' OR (status = 'claimed' AND lease_until < @Now))
        """;

    private static readonly SqlStatement SeedCounts = SqlStatement.Portable(
        $"SELECT essay_set AS EssaySet, COUNT(*) AS Waiting {SeedWaiting} GROUP BY essay_set;");

    private static readonly SqlStatement NextSeed = SqlStatement.Of(d => d.Page($"SELECT id {SeedWaiting} ORDER BY id", "0", "1"));

    private static readonly SqlStatement SeedClaims = SqlStatement.Portable($"""
        SELECT {ReadColumns} FROM validity_reads
        WHERE kind = 'seed' AND rater_id = @RaterId AND status = 'claimed' AND lease_until >= @Now ORDER BY claimed_at, id;
        """);

    private static readonly SqlStatement ClaimSeed = SqlStatement.Portable("""
        UPDATE validity_reads SET status = 'claimed', claimed_at = @Now, lease_until = @Until
        WHERE id = @Id AND rater_id = @RaterId AND (status = 'queued' OR (status = 'claimed' AND lease_until < @Now));
        """);

    // A seed is only ever its rater's: a lapsed lease is simply renewed (no one else can have taken it).
    private static readonly SqlStatement SaveReadDraft = SqlStatement.Portable("""
        UPDATE validity_reads SET scores_json = @ScoresJson, feedback = @Feedback, draft_saved_at = @Now, lease_until = @Until
        WHERE id = @Id AND rater_id = @RaterId AND status = 'claimed';
        """);

    private static readonly SqlStatement RenewRead = SqlStatement.Portable(
        "UPDATE validity_reads SET lease_until = @Until WHERE id = @Id AND rater_id = @RaterId AND status = 'claimed';");

    private static readonly SqlStatement SubmitRead = SqlStatement.Portable("""
        UPDATE validity_reads SET scores_json = @ScoresJson, feedback = @Feedback, total = @Total, status = 'submitted',
               submitted_at = @Now, lease_until = NULL
        WHERE id = @Id AND rater_id = @RaterId AND status = @From;
        """);

    private static readonly SqlStatement ReleaseRead = SqlStatement.Portable("""
        UPDATE validity_reads SET status = 'queued', claimed_at = NULL, lease_until = NULL, scores_json = NULL, feedback = NULL, draft_saved_at = NULL
        WHERE id = @Id AND rater_id = @RaterId AND status = 'claimed';
        """);

    // The rater's claims in the window so far (live blind reads and seeds): the ordinal the seeding plan is asked about.
    private static readonly SqlStatement ClaimOrdinal = SqlStatement.Portable("""
        SELECT (SELECT COUNT(*) FROM rating_tasks WHERE rater_id = @RaterId AND read_no < 3 AND claimed_at >= @Since)
             + (SELECT COUNT(*) FROM validity_reads WHERE rater_id = @RaterId AND window_id = @WindowId AND kind = 'seed' AND status <> 'queued');
        """);

    private static readonly SqlStatement UnseenPapers = SqlStatement.Portable($"""
        SELECT {PaperColumns} WHERE p.essay_set = @EssaySet
          AND NOT EXISTS (SELECT 1 FROM validity_reads x WHERE x.paper_id = p.id AND x.rater_id = @RaterId AND x.window_id = @WindowId)
        ORDER BY p.id;
        """);

    private static readonly SqlStatement SubmittedReads = SqlStatement.Portable("""
        SELECT r.rater_id AS RaterId, r.kind, r.scores_json AS ScoresJson, v.scores_json AS AgreedJson
        FROM validity_reads r
        JOIN validity_papers p ON p.id = r.paper_id
        JOIN validity_paper_versions v ON v.paper_id = p.id AND v.version = p.version
        WHERE r.status = 'submitted'
        ORDER BY r.rater_id, r.id;
        """);

    private static readonly SqlStatement UpdateQualification = SqlStatement.Portable("""
        UPDATE rater_qualifications SET attempt_id = @AttemptId, qualified_at = @At, revoked_at = NULL
        WHERE window_id = @WindowId AND rater_id = @RaterId AND essay_set = @EssaySet;
        """);

    private static readonly SqlStatement InsertQualification = SqlStatement.Portable("""
        INSERT INTO rater_qualifications (window_id, rater_id, essay_set, attempt_id, qualified_at) VALUES (@WindowId, @RaterId, @EssaySet, @AttemptId, @At);
        """);

    private static readonly SqlStatement QualifiedSetsOf = SqlStatement.Portable("""
        SELECT essay_set FROM rater_qualifications WHERE window_id = @WindowId AND rater_id = @RaterId AND revoked_at IS NULL ORDER BY essay_set;
        """);

    private static readonly SqlStatement InsertSuspension = SqlStatement.Portable("""
        INSERT INTO rater_suspensions (window_id, rater_id, reason, suspended_by, suspended_at) VALUES (@WindowId, @RaterId, @Reason, @By, @At);
        """);

    private static readonly SqlStatement RevokeQualifications = SqlStatement.Portable(
        "UPDATE rater_qualifications SET revoked_at = @At WHERE window_id = @WindowId AND rater_id = @RaterId AND revoked_at IS NULL;");

    private static readonly SqlStatement LiftSuspension = SqlStatement.Portable("""
        UPDATE rater_suspensions SET lifted_at = @At, lifted_by = @By WHERE window_id = @WindowId AND rater_id = @RaterId AND lifted_at IS NULL;
        """);

    private static readonly SqlStatement SuspendedCount = SqlStatement.Portable(
        "SELECT COUNT(*) FROM rater_suspensions WHERE window_id = @WindowId AND rater_id = @RaterId AND lifted_at IS NULL;");

    private static readonly SqlStatement WindowStates = SqlStatement.Portable("""
        SELECT rater_id AS RaterId, essay_set AS EssaySet FROM rater_qualifications WHERE window_id = @WindowId AND revoked_at IS NULL;
        SELECT rater_id FROM rater_suspensions WHERE window_id = @WindowId AND lifted_at IS NULL;
        """);

    // ---- papers

    public async Task<long> CreatePaperAsync(DbSession s, ValidityPaper p, CancellationToken ct = default)
    {
        var id = await s.ExecuteScalarAsync<long>(InsertPaper, p, ct);
        await s.ExecuteAsync(InsertVersion, new { PaperId = id, Version = 1, p.ScoresJson, p.Total, p.Rationale, By = p.CreatedBy, At = p.CreatedAt }, ct);
        return id;
    }

    /// <summary>Saves new agreed scores as the next version; false when someone saved a version since <paramref name="expectedVersion"/>.</summary>
    public async Task<bool> ReviseAsync(
        DbSession s, long id, int expectedVersion, string scoresJson, int total, string rationale, string by, DateTimeOffset at, CancellationToken ct = default)
    {
        if (await s.ExecuteAsync(BumpVersion, new { Id = id, Expected = expectedVersion }, ct) != 1) return false;
        await s.ExecuteAsync(InsertVersion, new { PaperId = id, Version = expectedVersion + 1, ScoresJson = scoresJson, Total = total, Rationale = rationale, By = by, At = at }, ct);
        return true;
    }

    public async Task<IReadOnlyList<ValidityPaper>> PapersAsync(DbSession s, CancellationToken ct = default) =>
        (await s.QueryAsync<ValidityPaper>(Papers, ct: ct)).ToList();

    public Task<ValidityPaper?> PaperAsync(DbSession s, long id, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<ValidityPaper>(PaperById, new { Id = id }, ct);

    public async Task<IReadOnlyList<ValidityPaperVersion>> VersionsAsync(DbSession s, long id, CancellationToken ct = default) =>
        (await s.QueryAsync<ValidityPaperVersion>(VersionsOf, new { Id = id }, ct)).ToList();

    // ---- qualification sets and attempts

    /// <summary>Makes the set the active one of its essay set (the one before stays on record, inactive).</summary>
    public async Task<long> CreateSetAsync(DbSession s, string essaySet, string title, IReadOnlyList<long> paperIds, string by, DateTimeOffset at, CancellationToken ct = default)
    {
        await s.ExecuteAsync(DeactivateSets, new { EssaySet = essaySet }, ct);
        var id = await s.ExecuteScalarAsync<long>(InsertSet, new { EssaySet = essaySet, Title = title, By = by, At = at }, ct);
        for (var i = 0; i < paperIds.Count; i++)
            await s.ExecuteAsync(InsertSetPaper, new { SetId = id, PaperId = paperIds[i], Position = i + 1 }, ct);
        return id;
    }

    /// <summary>Keeps the essay set's qualification sets on record but none active (no pass is then asked for).</summary>
    public Task RetireSetsAsync(DbSession s, string essaySet, CancellationToken ct = default) =>
        s.ExecuteAsync(DeactivateSets, new { EssaySet = essaySet }, ct);

    public async Task<IReadOnlyList<QualificationSet>> SetsAsync(DbSession s, CancellationToken ct = default) =>
        (await s.QueryAsync<QualificationSet>(Sets, ct: ct)).ToList();

    public Task<QualificationSet?> ActiveSetAsync(DbSession s, string essaySet, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<QualificationSet>(ActiveSet, new { EssaySet = essaySet }, ct);

    public Task<QualificationSet?> SetAsync(DbSession s, long id, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<QualificationSet>(SetById, new { Id = id }, ct);

    public async Task<IReadOnlyList<ValidityPaper>> PapersOfSetAsync(DbSession s, long setId, CancellationToken ct = default) =>
        (await s.QueryAsync<ValidityPaper>(PapersOfSet, new { SetId = setId }, ct)).ToList();

    /// <summary>Starts an attempt; null when the rater already has one open for this set and window (the unique index decides races).</summary>
    public async Task<long?> StartAttemptAsync(DbSession s, long setId, long windowId, long raterId, DateTimeOffset at, CancellationToken ct = default)
    {
        try
        {
            return await s.ExecuteScalarAsync<long>(InsertAttempt, new { SetId = setId, WindowId = windowId, RaterId = raterId, At = at }, ct);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<QualificationAttempt>> AttemptsAsync(DbSession s, long raterId, long windowId, CancellationToken ct = default) =>
        (await s.QueryAsync<QualificationAttempt>(AttemptsOf, new { RaterId = raterId, WindowId = windowId }, ct)).ToList();

    public Task<QualificationAttempt?> AttemptAsync(DbSession s, long id, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<QualificationAttempt>(AttemptById, new { Id = id }, ct);

    /// <summary>Closes an open attempt as passed or failed; false when it was closed already.</summary>
    public async Task<bool> FinishAttemptAsync(DbSession s, long id, string status, int within, DateTimeOffset at, CancellationToken ct = default) =>
        await s.ExecuteAsync(FinishAttempt, new { Id = id, Status = status, Within = within, At = at }, ct) == 1;

    // ---- reads

    public Task AddReadAsync(DbSession s, ValidityRead r, DateTimeOffset at, CancellationToken ct = default) =>
        s.ExecuteAsync(InsertRead, new { r.Code, r.Kind, r.PaperId, r.PaperVersion, r.RaterId, r.WindowId, r.AttemptId, r.EssaySet, At = at }, ct);

    /// <summary>This rater's validity read with this code; null for anyone else's code.</summary>
    public Task<ValidityRead?> ReadAsync(DbSession s, string code, long raterId, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<ValidityRead>(ReadOfRater, new { Code = code, RaterId = raterId }, ct);

    public async Task<IReadOnlyList<ValidityRead>> ReadsOfAttemptAsync(DbSession s, long attemptId, CancellationToken ct = default) =>
        (await s.QueryAsync<ValidityRead>(ReadsOfAttempt, new { AttemptId = attemptId }, ct)).ToList();

    /// <summary>Seeds waiting for this rater in the window, per essay set.</summary>
    public async Task<IReadOnlyList<SetCount>> SeedsWaitingAsync(DbSession s, long raterId, long windowId, DateTimeOffset now, CancellationToken ct = default) =>
        (await s.QueryAsync<SetCount>(SeedCounts, new { RaterId = raterId, WindowId = windowId, Now = now }, ct)).ToList();

    public async Task<IReadOnlyList<ValidityRead>> SeedClaimsAsync(DbSession s, long raterId, DateTimeOffset now, CancellationToken ct = default) =>
        (await s.QueryAsync<ValidityRead>(SeedClaims, new { RaterId = raterId, Now = now }, ct)).ToList();

    /// <summary>Claims the rater's oldest waiting seed in the window, or returns null. Call inside a write transaction.</summary>
    public async Task<ValidityRead?> ClaimSeedAsync(DbSession s, long raterId, long windowId, DateTimeOffset now, DateTimeOffset until, CancellationToken ct = default)
    {
        var id = await s.QuerySingleOrDefaultAsync<long?>(NextSeed, new { RaterId = raterId, WindowId = windowId, Now = now }, ct);
        if (id is null || await s.ExecuteAsync(ClaimSeed, new { Id = id.Value, RaterId = raterId, Now = now, Until = until }, ct) != 1) return null;
        return await s.QuerySingleOrDefaultAsync<ValidityRead>(ReadById, new { Id = id.Value }, ct);
    }

    /// <summary>Takes back this rater's own seed whose lease lapsed (nobody else can hold it); false if it is not theirs to take.</summary>
    public async Task<bool> RetakeSeedAsync(DbSession s, long id, long raterId, DateTimeOffset now, DateTimeOffset until, CancellationToken ct = default) =>
        await s.ExecuteAsync(ClaimSeed, new { Id = id, RaterId = raterId, Now = now, Until = until }, ct) == 1;

    public async Task<bool> SaveDraftAsync(DbSession s, long id, long raterId, string scoresJson, string? feedback, DateTimeOffset now, DateTimeOffset until, CancellationToken ct = default) =>
        await s.ExecuteAsync(SaveReadDraft, new { Id = id, RaterId = raterId, ScoresJson = scoresJson, Feedback = feedback, Now = now, Until = until }, ct) == 1;

    public async Task<bool> RenewAsync(DbSession s, long id, long raterId, DateTimeOffset until, CancellationToken ct = default) =>
        await s.ExecuteAsync(RenewRead, new { Id = id, RaterId = raterId, Until = until }, ct) == 1;

    /// <summary>Submits a read from <paramref name="from"/> (a seed is claimed; a qualification read is queued until submitted).</summary>
    public async Task<bool> SubmitAsync(
        DbSession s, long id, long raterId, string from, string scoresJson, string feedback, int total, DateTimeOffset now, CancellationToken ct = default) =>
        await s.ExecuteAsync(SubmitRead, new { Id = id, RaterId = raterId, From = from, ScoresJson = scoresJson, Feedback = feedback, Total = total, Now = now }, ct) == 1;

    public async Task<bool> ReleaseAsync(DbSession s, long id, long raterId, CancellationToken ct = default) =>
        await s.ExecuteAsync(ReleaseRead, new { Id = id, RaterId = raterId }, ct) == 1;

    public Task<int> ClaimOrdinalAsync(DbSession s, long raterId, long windowId, DateTimeOffset windowOpenedAt, CancellationToken ct = default) =>
        s.ExecuteScalarAsync<int>(ClaimOrdinal, new { RaterId = raterId, WindowId = windowId, Since = windowOpenedAt }, ct);

    /// <summary>Papers of the essay set this rater has not met in the window (in qualification or as a seed).</summary>
    public async Task<IReadOnlyList<ValidityPaper>> UnseenPapersAsync(DbSession s, string essaySet, long raterId, long windowId, CancellationToken ct = default) =>
        (await s.QueryAsync<ValidityPaper>(UnseenPapers, new { EssaySet = essaySet, RaterId = raterId, WindowId = windowId }, ct)).ToList();

    public async Task<IReadOnlyList<ScoredValidityRead>> SubmittedReadsAsync(DbSession s, CancellationToken ct = default) =>
        (await s.QueryAsync<ScoredValidityRead>(SubmittedReads, ct: ct)).ToList();

    // ---- qualification and suspension per window

    public async Task QualifyAsync(DbSession s, long windowId, long raterId, string essaySet, long attemptId, DateTimeOffset at, CancellationToken ct = default)
    {
        var args = new { WindowId = windowId, RaterId = raterId, EssaySet = essaySet, AttemptId = attemptId, At = at };
        if (await s.ExecuteAsync(UpdateQualification, args, ct) == 1) return;
        try
        {
            await s.ExecuteAsync(InsertQualification, args, ct);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            await s.ExecuteAsync(UpdateQualification, args, ct); // inserted a moment ago by another node: now it updates
        }
    }

    public async Task<IReadOnlyList<string>> QualifiedSetsAsync(DbSession s, long windowId, long raterId, CancellationToken ct = default) =>
        (await s.QueryAsync<string>(QualifiedSetsOf, new { WindowId = windowId, RaterId = raterId }, ct)).ToList();

    /// <summary>Suspends the rater from live rating in the window and revokes their passes; false when already suspended.</summary>
    public async Task<bool> SuspendAsync(DbSession s, long windowId, long raterId, string reason, string by, DateTimeOffset at, CancellationToken ct = default)
    {
        try
        {
            await s.ExecuteAsync(InsertSuspension, new { WindowId = windowId, RaterId = raterId, Reason = reason, By = by, At = at }, ct);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            return false;
        }
        await s.ExecuteAsync(RevokeQualifications, new { WindowId = windowId, RaterId = raterId, At = at }, ct);
        return true;
    }

    /// <summary>Ends the rater's suspension in the window; false when there was none.</summary>
    public async Task<bool> LiftSuspensionAsync(DbSession s, long windowId, long raterId, string by, DateTimeOffset at, CancellationToken ct = default) =>
        await s.ExecuteAsync(LiftSuspension, new { WindowId = windowId, RaterId = raterId, By = by, At = at }, ct) == 1;

    public async Task<bool> IsSuspendedAsync(DbSession s, long windowId, long raterId, CancellationToken ct = default) =>
        await s.ExecuteScalarAsync<int>(SuspendedCount, new { WindowId = windowId, RaterId = raterId }, ct) > 0;

    /// <summary>Per rater in the window: the essay sets they are qualified for (comma-separated) and whether suspended.</summary>
    public async Task<IReadOnlyDictionary<long, RaterWindowState>> WindowStatesAsync(DbSession s, long windowId, CancellationToken ct = default)
    {
        using var grid = await s.QueryMultipleAsync(WindowStates, new { WindowId = windowId }, ct);
        var qualified = (await grid.ReadAsync<(long RaterId, string EssaySet)>()).ToLookup(x => x.RaterId, x => x.EssaySet);
        var suspended = (await grid.ReadAsync<long>()).ToHashSet();
        return qualified.Select(g => g.Key).Union(suspended).ToDictionary(id => id, id => new RaterWindowState
        {
            RaterId = id, QualifiedSets = qualified[id].Any() ? string.Join(", ", qualified[id].Order(StringComparer.Ordinal)) : null, Suspended = suspended.Contains(id),
        });
    }
}
