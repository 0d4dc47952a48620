using Exam.Data.Database;

namespace Exam.Data.Rating;

public static class RatingResponseStatus
{
    public const string Rating = "rating";
    public const string Adjudication = "adjudication";
    public const string Final = "final";
}

public static class RatingTaskStatus
{
    public const string Queued = "queued";
    public const string Claimed = "claimed";
    public const string Submitted = "submitted";
}

/// <summary>One essay response to rate. Only the code ever leaves the server towards a rater.</summary>
public sealed record RatingResponse
{
    public long Id { get; init; }
    public string Code { get; init; } = "";
    public long AttemptId { get; init; }
    public long ItemVersionId { get; init; }
    public long RubricVersionId { get; init; }
    public string EssaySet { get; init; } = "";
    public string FormId { get; init; } = "";
    public string Status { get; init; } = RatingResponseStatus.Rating;
    public decimal? FinalScore { get; init; }
    public bool Adjudicated { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FinalizedAt { get; init; }
}

/// <summary>One read of a response (1 and 2 blind, 3 the lead rater's), with the claim's lease and the rater's work.</summary>
public sealed record RatingTask
{
    public long Id { get; init; }
    public long ResponseId { get; init; }
    public string Code { get; init; } = "";
    public int ReadNo { get; init; }
    public string EssaySet { get; init; } = "";
    public string Status { get; init; } = RatingTaskStatus.Queued;
    public long? RaterId { get; init; }
    public DateTimeOffset? ClaimedAt { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public string? ScoresJson { get; init; }
    public string? Feedback { get; init; }
    public int? Total { get; init; }
    public DateTimeOffset? DraftSavedAt { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    /// <summary>The rater whose claim on this read lapsed (they may take it back while it is free).</summary>
    public long? LapsedFrom { get; init; }
    /// <summary>The one person a lead or the committee assigned this read to, when nobody eligible could take it.</summary>
    public long? AssignedTo { get; init; }
}

public sealed record SetCount
{
    public string EssaySet { get; init; } = "";
    public int Waiting { get; init; }
}

public sealed record RaterConflict
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string Value { get; init; } = "";
}

public sealed record RaterSummary
{
    public long Id { get; init; }
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public bool IsLead { get; init; }
    public IReadOnlyList<string> Sets { get; init; } = [];
}

/// <summary>A submitted read with what monitoring needs: its response's resolution and rubric.</summary>
public sealed record SubmittedRead
{
    public long ResponseId { get; init; }
    public long RubricVersionId { get; init; }
    public int ReadNo { get; init; }
    public long RaterId { get; init; }
    public int Total { get; init; }
    public string ResponseStatus { get; init; } = "";
    public decimal? FinalScore { get; init; }
    public bool Adjudicated { get; init; }
}

public sealed record TaskCount
{
    public string EssaySet { get; init; } = "";
    public int ReadNo { get; init; }
    public string Status { get; init; } = "";
    public int Count { get; init; }
}

internal sealed record RaterSet
{
    public long UserId { get; init; }
    public string EssaySet { get; init; } = "";
}

/// <summary>
/// Rating queues. A claim is one conditional UPDATE inside a write transaction (BEGIN IMMEDIATE on SQLite,
/// UPDLOCK/READPAST on SQL Server), so a task never goes to two raters; a unique index on (response, rater) means
/// a person never holds two reads of one response whatever races.
/// </summary>
public sealed class RatingStore
{
    private const string TaskColumns = """
        t.id, t.response_id AS ResponseId, r.code, t.read_no AS ReadNo, t.essay_set AS EssaySet, t.status, t.rater_id AS RaterId,
        t.claimed_at AS ClaimedAt, t.lease_until AS LeaseUntil, t.scores_json AS ScoresJson, t.feedback, t.total,
        t.draft_saved_at AS DraftSavedAt, t.submitted_at AS SubmittedAt, t.lapsed_from AS LapsedFrom, t.assigned_to AS AssignedTo
        """;

    private const string ResponseColumns = """
        id, code, attempt_id AS AttemptId, item_version_id AS ItemVersionId, rubric_version_id AS RubricVersionId,
        essay_set AS EssaySet, form_id AS FormId, status, final_score AS FinalScore, adjudicated, created_at AS CreatedAt,
        finalized_at AS FinalizedAt
        """;

    // What waits for a rater: a read in one of their sets (or assigned to them by name), free or with a lapsed lease,
    // of a response they hold, gave or lapsed no other read of. Their conflicts play no part here, so the counts a
    // rater sees cannot tell them whose essays a declaration matched.
    private const string Waiting = """
        FROM rating_tasks t
        JOIN rating_responses r ON r.id = t.response_id
        WHERE t.read_no BETWEEN @FirstRead AND @LastRead
          AND ((t.assigned_to IS NULL AND t.essay_set IN (SELECT rs.essay_set FROM rater_sets rs WHERE rs.user_id = @RaterId))
            OR t.assigned_to = @RaterId)
          AND (t.status = 'queued' OR (t.status = 'claimed' AND t.lease_until < @Now))
          AND NOT EXISTS (SELECT 1 FROM rating_tasks o WHERE o.response_id = t.response_id AND o.id <> t.id
                AND (o.rater_id = @RaterId OR o.lapsed_from = @RaterId))
        """;

    // What a rater may take: what waits for them, written by no one they declared a conflict with. The candidate is
    // joined only to exclude; names match folded by the app (TextFolding) and compared exactly, so the server's
    // collation plays no part. Standardisation: not while a lead has suspended them in the open window, and in an essay
    // set with an active qualification set only once they have passed it in the open window.
    private static string Claimable(SqlDialect d) => $"""
        {Waiting}
          AND NOT EXISTS (SELECT 1 FROM attempts a
                JOIN registrations g ON g.id = a.registration_id
                JOIN candidates c ON c.id = g.candidate_id
                JOIN rater_conflicts k ON k.user_id = @RaterId
                  AND ((k.kind = 'person' AND k.value = {d.Exact("c.full_name_folded")})
                    OR (k.kind = 'association' AND k.value = {d.Exact("c.association_folded")}))
                WHERE a.id = r.attempt_id)
          AND NOT EXISTS (SELECT 1 FROM rater_suspensions x JOIN rating_windows w ON w.id = x.window_id AND w.is_open = 1
                WHERE x.rater_id = @RaterId AND x.lifted_at IS NULL)
          AND (NOT EXISTS (SELECT 1 FROM qualification_sets q WHERE q.essay_set = t.essay_set AND q.is_active = 1)
            OR EXISTS (SELECT 1 FROM rater_qualifications rq JOIN rating_windows w ON w.id = rq.window_id AND w.is_open = 1
                WHERE rq.rater_id = @RaterId AND rq.essay_set = t.essay_set AND rq.revoked_at IS NULL))
        """;

    private static readonly SqlStatement InsertResponse = SqlStatement.Of(d => d.InsertReturningId("""
        INSERT INTO rating_responses (code, attempt_id, item_version_id, rubric_version_id, essay_set, form_id, status, adjudicated, created_at)
        VALUES (@Code, @AttemptId, @ItemVersionId, @RubricVersionId, @EssaySet, @FormId, 'rating', 0, @CreatedAt)
        """));

    private static readonly SqlStatement InsertTask = SqlStatement.Portable("""
        INSERT INTO rating_tasks (response_id, read_no, essay_set, status, created_at)
        VALUES (@ResponseId, @ReadNo, @EssaySet, 'queued', @CreatedAt);
        """);

    private static readonly SqlStatement ResponsesOfAttempt = SqlStatement.Portable(
        $"SELECT {ResponseColumns} FROM rating_responses WHERE attempt_id = @AttemptId ORDER BY id;");

    // Waits for the transaction that is queueing the attempt's responses (READ_COMMITTED_SNAPSHOT would read around it).
    private static readonly SqlStatement CommittedResponsesOfAttempt = SqlStatement.Of(d =>
        $"SELECT COUNT(*) FROM rating_responses{d.Lock(ReadLock.Committed)} WHERE attempt_id = @AttemptId;");

    private static readonly SqlStatement ResponseById = SqlStatement.Portable(
        $"SELECT {ResponseColumns} FROM rating_responses WHERE id = @Id;");

    private static readonly SqlStatement ResponseByCode = SqlStatement.Portable(
        $"SELECT {ResponseColumns} FROM rating_responses WHERE code = @Code;");

    private static readonly SqlStatement TasksOfResponse = SqlStatement.Portable(
        $"SELECT {TaskColumns} FROM rating_tasks t JOIN rating_responses r ON r.id = t.response_id WHERE t.response_id = @ResponseId ORDER BY t.read_no;");

    private static readonly SqlStatement WaitingSql = SqlStatement.Portable(
        $"SELECT t.essay_set AS EssaySet, COUNT(DISTINCT t.response_id) AS Waiting {Waiting} GROUP BY t.essay_set;");

    private static readonly SqlStatement NextClaimable = SqlStatement.Of(d => d.Provider == DatabaseProvider.SqlServer
        ? $"SELECT TOP (1) t.id {Claimable(d).Replace("FROM rating_tasks t", "FROM rating_tasks t WITH (UPDLOCK, ROWLOCK, READPAST)", StringComparison.Ordinal)} ORDER BY t.response_id, t.read_no;"
        : d.Page($"SELECT t.id {Claimable(d)} ORDER BY t.response_id, t.read_no", "0", "1"));

    // The WHERE repeats the claimable state, so a task taken in between is not taken twice. Another rater's draft
    // is cleared: a new claimer starts blank. Taking over another's lapsed lease records whose it was (see lapsed_from).
    private static readonly SqlStatement ClaimSql = SqlStatement.Portable("""
        UPDATE rating_tasks SET
            scores_json = CASE WHEN rater_id = @RaterId THEN scores_json ELSE NULL END,
            feedback = CASE WHEN rater_id = @RaterId THEN feedback ELSE NULL END,
            draft_saved_at = CASE WHEN rater_id = @RaterId THEN draft_saved_at ELSE NULL END,
            lapsed_from = CASE WHEN rater_id IS NOT NULL AND rater_id <> @RaterId THEN rater_id
                               WHEN lapsed_from = @RaterId THEN NULL ELSE lapsed_from END,
            status = 'claimed', rater_id = @RaterId, claimed_at = @Now, lease_until = @Until
        WHERE id = @Id AND (status = 'queued' OR (status = 'claimed' AND lease_until < @Now));
        """);

    // Whether this rater may take this read now (the claim rule, for one read they are taking back).
    private static readonly SqlStatement ClaimableById = SqlStatement.Of(d => $"SELECT COUNT(*) {Claimable(d)} AND t.id = @Id;");

    private static readonly SqlStatement RenewLease = SqlStatement.Portable("""
        UPDATE rating_tasks SET lease_until = @Until WHERE id = @Id AND rater_id = @RaterId AND status = 'claimed';
        """);

    private static readonly SqlStatement AssignSql = SqlStatement.Portable("""
        UPDATE rating_tasks SET assigned_to = @To
        WHERE id = @Id AND (status = 'queued' OR (status = 'claimed' AND lease_until < @Now));
        """);

    private static readonly SqlStatement TaskById = SqlStatement.Portable(
        $"SELECT {TaskColumns} FROM rating_tasks t JOIN rating_responses r ON r.id = t.response_id WHERE t.id = @Id;");

    private static readonly SqlStatement ClaimsOf = SqlStatement.Portable($"""
        SELECT {TaskColumns} FROM rating_tasks t JOIN rating_responses r ON r.id = t.response_id
        WHERE t.rater_id = @RaterId AND t.status = 'claimed' AND t.lease_until >= @Now
        ORDER BY t.claimed_at, t.id;
        """);

    // The read this rater holds or gave, else the one whose claim lapsed from them (at most one: see Waiting).
    private static readonly SqlStatement TaskOfRater = SqlStatement.Of(d => d.Page($"""
        SELECT {TaskColumns} FROM rating_tasks t JOIN rating_responses r ON r.id = t.response_id
        WHERE r.code = @Code AND (t.rater_id = @RaterId OR t.lapsed_from = @RaterId)
        ORDER BY CASE WHEN t.rater_id = @RaterId THEN 0 ELSE 1 END, t.read_no
        """, "0", "1"));

    private static readonly SqlStatement Renew = SqlStatement.Portable("""
        UPDATE rating_tasks SET scores_json = @ScoresJson, feedback = @Feedback, draft_saved_at = @Now, lease_until = @Until
        WHERE id = @Id AND rater_id = @RaterId AND status = 'claimed';
        """);

    private static readonly SqlStatement SubmitSql = SqlStatement.Portable("""
        UPDATE rating_tasks SET scores_json = @ScoresJson, feedback = @Feedback, total = @Total, status = 'submitted',
               submitted_at = @Now, lease_until = NULL
        WHERE id = @Id AND rater_id = @RaterId AND status = 'claimed';
        """);

    private static readonly SqlStatement ReleaseSql = SqlStatement.Portable("""
        UPDATE rating_tasks SET status = 'queued', rater_id = NULL, claimed_at = NULL, lease_until = NULL,
               scores_json = NULL, feedback = NULL, draft_saved_at = NULL
        WHERE id = @Id AND rater_id = @RaterId AND status = 'claimed';
        """);

    private static readonly SqlStatement ExpiredSql = SqlStatement.Portable($"""
        SELECT {TaskColumns} FROM rating_tasks t JOIN rating_responses r ON r.id = t.response_id
        WHERE t.status = 'claimed' AND t.lease_until < @Now;
        """);

    private static readonly SqlStatement ReleaseExpiredSql = SqlStatement.Portable("""
        UPDATE rating_tasks SET status = 'queued', lapsed_from = rater_id, rater_id = NULL, claimed_at = NULL, lease_until = NULL,
               scores_json = NULL, feedback = NULL, draft_saved_at = NULL
        WHERE id = @Id AND status = 'claimed' AND lease_until < @Now;
        """);

    private static readonly SqlStatement UpdateResponse = SqlStatement.Portable("""
        UPDATE rating_responses SET status = @Status, final_score = @FinalScore, adjudicated = @Adjudicated, finalized_at = @FinalizedAt
        WHERE id = @Id;
        """);

    private static readonly SqlStatement SetsOf = SqlStatement.Portable(
        "SELECT essay_set FROM rater_sets WHERE user_id = @UserId ORDER BY essay_set;");

    private static readonly SqlStatement DeleteSets = SqlStatement.Portable("DELETE FROM rater_sets WHERE user_id = @UserId;");

    // The rater's account row, locked first: two committee members assigning at once take turns (else both delete, both
    // insert, and the second insert breaks the key).
    private static readonly SqlStatement LockRater = SqlStatement.Of(d => $"SELECT id FROM staff_users{d.Lock(ReadLock.Update)} WHERE id = @UserId;");

    private static readonly SqlStatement InsertSet = SqlStatement.Portable(
        "INSERT INTO rater_sets (user_id, essay_set, assigned_by, assigned_at) VALUES (@UserId, @EssaySet, @By, @At);");

    private static readonly SqlStatement Raters = SqlStatement.Portable("""
        SELECT u.id, u.user_name AS UserName, u.display_name AS DisplayName,
               CASE WHEN EXISTS (SELECT 1 FROM staff_roles l WHERE l.user_id = u.id AND l.role = 'LeadRater') THEN 1 ELSE 0 END AS IsLead
        FROM staff_users u
        WHERE u.is_disabled = 0 AND EXISTS (SELECT 1 FROM staff_roles x WHERE x.user_id = u.id AND x.role IN ('Rater', 'LeadRater'))
        ORDER BY u.user_name;
        SELECT user_id AS UserId, essay_set AS EssaySet FROM rater_sets;
        """);

    private static readonly SqlStatement ConflictsOf = SqlStatement.Portable(
        "SELECT id, kind, value FROM rater_conflicts WHERE user_id = @UserId ORDER BY kind, value;");

    private static readonly SqlStatement ConflictExists = SqlStatement.Of(d =>
        $"SELECT COUNT(*) FROM rater_conflicts WHERE user_id = @UserId AND kind = @Kind AND {d.Exact("value")} = @Value;");

    private static readonly SqlStatement InsertConflict = SqlStatement.Portable(
        "INSERT INTO rater_conflicts (user_id, kind, value, created_at) VALUES (@UserId, @Kind, @Value, @At);");

    private static readonly SqlStatement DeleteConflict = SqlStatement.Portable(
        "DELETE FROM rater_conflicts WHERE id = @Id AND user_id = @UserId;");

    private static readonly SqlStatement SubmittedReadsSql = SqlStatement.Portable("""
        SELECT t.response_id AS ResponseId, r.rubric_version_id AS RubricVersionId, t.read_no AS ReadNo, t.rater_id AS RaterId,
               t.total, r.status AS ResponseStatus, r.final_score AS FinalScore, r.adjudicated
        FROM rating_tasks t JOIN rating_responses r ON r.id = t.response_id
        WHERE t.status = 'submitted'
        ORDER BY t.response_id, t.read_no;
        """);

    private static readonly SqlStatement CountsByStatus = SqlStatement.Portable("""
        SELECT t.essay_set AS EssaySet, t.read_no AS ReadNo, t.status, COUNT(*) AS Count
        FROM rating_tasks t GROUP BY t.essay_set, t.read_no, t.status;
        """);

    // The attempt's row first, then the response's: the lock order of every path (README), so a rating that completes a
    // result and the committee recording results never wait for each other in a circle.
    private static readonly SqlStatement LockResponse = SqlStatement.Portable("""
        UPDATE attempts SET status = status WHERE id = (SELECT r.attempt_id FROM rating_responses r WHERE r.id = @Id);
        UPDATE rating_responses SET status = status WHERE id = @Id;
        """);

    private static readonly SqlStatement RubricJson = SqlStatement.Portable(
        "SELECT content_json FROM rubric_versions WHERE id = @Id;");

    /// <summary>Blind reads are 1 and 2; the adjudication read is 3.</summary>
    private static (int FirstRead, int LastRead) Reads(bool adjudication) => adjudication ? (3, 3) : (1, 2);

    public Task<long> CreateResponseAsync(DbSession s, RatingResponse r, CancellationToken ct = default) =>
        s.ExecuteScalarAsync<long>(InsertResponse, r, ct);

    public Task AddTaskAsync(DbSession s, long responseId, int readNo, string essaySet, DateTimeOffset now, CancellationToken ct = default) =>
        s.ExecuteAsync(InsertTask, new { ResponseId = responseId, ReadNo = readNo, EssaySet = essaySet, CreatedAt = now }, ct);

    public async Task<IReadOnlyList<RatingResponse>> ResponsesOfAttemptAsync(DbSession s, long attemptId, CancellationToken ct = default) =>
        (await s.QueryAsync<RatingResponse>(ResponsesOfAttempt, new { AttemptId = attemptId }, ct)).ToList();

    /// <summary>How many responses the attempt has once the transaction queueing them has ended (0 if it rolled back).</summary>
    public Task<int> CountResponsesAfterCommitAsync(DbSession s, long attemptId, CancellationToken ct = default) =>
        s.ExecuteScalarAsync<int>(CommittedResponsesOfAttempt, new { AttemptId = attemptId }, ct);

    public Task<RatingResponse?> ResponseAsync(DbSession s, long id, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<RatingResponse>(ResponseById, new { Id = id }, ct);

    public Task<RatingResponse?> ResponseByCodeAsync(DbSession s, string code, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<RatingResponse>(ResponseByCode, new { Code = code }, ct);

    public async Task<IReadOnlyList<RatingTask>> TasksAsync(DbSession s, long responseId, CancellationToken ct = default) =>
        (await s.QueryAsync<RatingTask>(TasksOfResponse, new { ResponseId = responseId }, ct)).ToList();

    /// <summary>How many responses wait for this rater, per essay set, whatever their declared conflicts.</summary>
    public async Task<IReadOnlyList<SetCount>> WaitingAsync(DbSession s, long raterId, bool adjudication, DateTimeOffset now, CancellationToken ct = default) =>
        (await s.QueryAsync<SetCount>(WaitingSql, Args(raterId, adjudication, now), ct)).ToList();

    /// <summary>Claims the oldest read this rater may take, or returns null. Call inside a write transaction.</summary>
    public async Task<RatingTask?> ClaimNextAsync(
        DbSession s, long raterId, bool adjudication, DateTimeOffset now, DateTimeOffset until, CancellationToken ct = default)
    {
        var args = Args(raterId, adjudication, now);
        for (var tries = 0; tries < 5; tries++)
        {
            var id = await s.QuerySingleOrDefaultAsync<long?>(NextClaimable, args, ct);
            if (id is null) return null;
            try
            {
                if (await s.ExecuteAsync(ClaimSql, new { Id = id.Value, RaterId = raterId, Now = now, Until = until }, ct) == 1)
                    return await TaskAsync(s, id.Value, ct);
            }
            catch (Exception e) when (DbErrors.IsUniqueViolation(e))
            {
                // The same rater claimed the response's other read a moment ago (two tabs, two nodes): the index on
                // (response, rater) refused this one. The statement alone rolled back; look for another read.
            }
        }
        return null;
    }

    private static object Args(long raterId, bool adjudication, DateTimeOffset now)
    {
        var (first, last) = Reads(adjudication);
        return new { RaterId = raterId, FirstRead = first, LastRead = last, Now = now };
    }

    public Task<RatingTask?> TaskAsync(DbSession s, long id, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<RatingTask>(TaskById, new { Id = id }, ct);

    /// <summary>The rater's live claims (leases not lapsed).</summary>
    public async Task<IReadOnlyList<RatingTask>> ClaimsAsync(DbSession s, long raterId, DateTimeOffset now, CancellationToken ct = default) =>
        (await s.QueryAsync<RatingTask>(ClaimsOf, new { RaterId = raterId, Now = now }, ct)).ToList();

    /// <summary>
    /// The read of the response with this code that this rater holds or submitted, else the one whose claim lapsed from
    /// them (check <see cref="RatingTask.RaterId"/>); null for anyone else.
    /// </summary>
    public Task<RatingTask?> TaskOfRaterAsync(DbSession s, string code, long raterId, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<RatingTask>(TaskOfRater, new { Code = code, RaterId = raterId }, ct);

    /// <summary>Saves the draft and renews the lease; false when the claim is no longer this rater's.</summary>
    public async Task<bool> SaveDraftAsync(
        DbSession s, long taskId, long raterId, string scoresJson, string? feedback, DateTimeOffset now, DateTimeOffset until, CancellationToken ct = default) =>
        await s.ExecuteAsync(Renew, new { Id = taskId, RaterId = raterId, ScoresJson = scoresJson, Feedback = feedback, Now = now, Until = until }, ct) == 1;

    /// <summary>Keeps the claim alive while the rating page is open; false when it is no longer this rater's.</summary>
    public async Task<bool> RenewLeaseAsync(DbSession s, long taskId, long raterId, DateTimeOffset until, CancellationToken ct = default) =>
        await s.ExecuteAsync(RenewLease, new { Id = taskId, RaterId = raterId, Until = until }, ct) == 1;

    /// <summary>
    /// Takes back a read whose claim lapsed from this rater, when it is still free and they may still take it (sets,
    /// conflicts, other reads); false otherwise. Call inside a write transaction.
    /// </summary>
    public async Task<bool> RetakeAsync(DbSession s, RatingTask lapsed, long raterId, DateTimeOffset now, DateTimeOffset until, CancellationToken ct = default)
    {
        var (first, last) = Reads(lapsed.ReadNo == 3);
        var args = new { Id = lapsed.Id, RaterId = raterId, FirstRead = first, LastRead = last, Now = now, Until = until };
        if (await s.ExecuteScalarAsync<int>(ClaimableById, args, ct) == 0) return false;
        return await s.ExecuteAsync(ClaimSql, args, ct) == 1;
    }

    /// <summary>Reserves a free read for one named person; false when it has been claimed meanwhile.</summary>
    public async Task<bool> AssignAsync(DbSession s, long taskId, long to, DateTimeOffset now, CancellationToken ct = default) =>
        await s.ExecuteAsync(AssignSql, new { Id = taskId, To = to, Now = now }, ct) == 1;

    public async Task<bool> SubmitAsync(
        DbSession s, long taskId, long raterId, string scoresJson, string feedback, int total, DateTimeOffset now, CancellationToken ct = default) =>
        await s.ExecuteAsync(SubmitSql, new { Id = taskId, RaterId = raterId, ScoresJson = scoresJson, Feedback = feedback, Total = total, Now = now }, ct) == 1;

    public async Task<bool> ReleaseAsync(DbSession s, long taskId, long raterId, CancellationToken ct = default) =>
        await s.ExecuteAsync(ReleaseSql, new { Id = taskId, RaterId = raterId }, ct) == 1;

    /// <summary>Returns lapsed claims to the queue; the released tasks as they were.</summary>
    public async Task<IReadOnlyList<RatingTask>> ReleaseExpiredAsync(DbSession s, DateTimeOffset now, CancellationToken ct = default)
    {
        var released = new List<RatingTask>();
        foreach (var t in await s.QueryAsync<RatingTask>(ExpiredSql, new { Now = now }, ct))
            if (await s.ExecuteAsync(ReleaseExpiredSql, new { t.Id, Now = now }, ct) == 1) released.Add(t);
        return released;
    }

    public Task SetResponseStateAsync(
        DbSession s, long responseId, string status, decimal? finalScore, bool adjudicated, DateTimeOffset? finalizedAt, CancellationToken ct = default) =>
        s.ExecuteAsync(UpdateResponse, new { Id = responseId, Status = status, FinalScore = finalScore, Adjudicated = adjudicated, FinalizedAt = finalizedAt }, ct);

    public async Task<IReadOnlyList<string>> SetsAsync(DbSession s, long userId, CancellationToken ct = default) =>
        (await s.QueryAsync<string>(SetsOf, new { UserId = userId }, ct)).ToList();

    /// <summary>Replaces the rater's sets; the sets before, read under the rater's row lock.</summary>
    public async Task<IReadOnlyList<string>> SetSetsAsync(DbSession s, long userId, IEnumerable<string> sets, string by, DateTimeOffset at, CancellationToken ct = default)
    {
        await s.QuerySingleOrDefaultAsync<long?>(LockRater, new { UserId = userId }, ct);
        var before = await SetsAsync(s, userId, ct);
        await s.ExecuteAsync(DeleteSets, new { UserId = userId }, ct);
        foreach (var set in sets.Distinct(StringComparer.Ordinal))
            await s.ExecuteAsync(InsertSet, new { UserId = userId, EssaySet = set, By = by, At = at }, ct);
        return before;
    }

    public async Task<IReadOnlyList<RaterSummary>> RatersAsync(DbSession s, CancellationToken ct = default)
    {
        using var grid = await s.QueryMultipleAsync(Raters, ct: ct);
        var raters = (await grid.ReadAsync<RaterSummary>()).ToList();
        var sets = (await grid.ReadAsync<RaterSet>()).ToLookup(x => x.UserId, x => x.EssaySet);
        return raters.Select(r => r with { Sets = sets[r.Id].Order(StringComparer.Ordinal).ToList() }).ToList();
    }

    public async Task<IReadOnlyList<RaterConflict>> ConflictsAsync(DbSession s, long userId, CancellationToken ct = default) =>
        (await s.QueryAsync<RaterConflict>(ConflictsOf, new { UserId = userId }, ct)).ToList();

    /// <summary>Adds a declaration (already normalised); false when it was there (also when it arrived a moment ago from elsewhere).</summary>
    public async Task<bool> AddConflictAsync(DbSession s, long userId, string kind, string value, DateTimeOffset at, CancellationToken ct = default)
    {
        if (await s.ExecuteScalarAsync<int>(ConflictExists, new { UserId = userId, Kind = kind, Value = value }, ct) > 0) return false;
        try
        {
            await s.ExecuteAsync(InsertConflict, new { UserId = userId, Kind = kind, Value = value, At = at }, ct);
            return true;
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            return false;
        }
    }

    public async Task<bool> RemoveConflictAsync(DbSession s, long userId, long id, CancellationToken ct = default) =>
        await s.ExecuteAsync(DeleteConflict, new { Id = id, UserId = userId }, ct) == 1;

    public async Task<IReadOnlyList<SubmittedRead>> SubmittedReadsAsync(DbSession s, CancellationToken ct = default) =>
        (await s.QueryAsync<SubmittedRead>(SubmittedReadsSql, ct: ct)).ToList();

    public async Task<IReadOnlyList<TaskCount>> TaskCountsAsync(DbSession s, CancellationToken ct = default) =>
        (await s.QueryAsync<TaskCount>(CountsByStatus, ct: ct)).ToList();

    /// <summary>Takes the row locks of the response's attempt and of the response for the rest of the transaction; read the response afresh after.</summary>
    public Task LockResponseAsync(DbSession s, long responseId, CancellationToken ct = default) =>
        s.ExecuteAsync(LockResponse, new { Id = responseId }, ct);

    /// <summary>The rubric version a response is scored on.</summary>
    public async Task<Exam.Core.ItemBank.Rubric?> RubricAsync(DbSession s, long rubricVersionId, CancellationToken ct = default) =>
        await s.QuerySingleOrDefaultAsync<string>(RubricJson, new { Id = rubricVersionId }, ct) is { } json
            ? Exam.Core.ItemBank.Rubric.FromJson(json) : null;

    /// <summary>How a declared name or association is stored and matched: trimmed, inner spaces collapsed, lower case.</summary>
    public static string Normalize(string value) => TextFolding.Fold(value);
}
