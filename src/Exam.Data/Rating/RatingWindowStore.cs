using Exam.Data.Database;

namespace Exam.Data.Rating;

/// <summary>A period of live rating, opened and closed by the committee.</summary>
public sealed record RatingWindow
{
    public long Id { get; init; }
    public DateTimeOffset OpenedAt { get; init; }
    public string OpenedBy { get; init; } = "";
    public DateTimeOffset? ClosedAt { get; init; }
    public string? ClosedBy { get; init; }
}

public static class ConflictRequestStatus
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Declined = "declined";
}

/// <summary>A rater's request, made during a window, to declare or remove a conflict of interest.</summary>
public sealed record ConflictRequest
{
    public long Id { get; init; }
    public long UserId { get; init; }
    public string RaterName { get; init; } = "";
    public string Action { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Value { get; init; } = "";
    public string Status { get; init; } = ConflictRequestStatus.Pending;
    public DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? DecidedBy { get; init; }
}

/// <summary>A response in the rating queues written by a candidate a declaration names: for the lead's eyes only.</summary>
public sealed record ConflictMatch
{
    public string Code { get; init; } = "";
    public string CandidateName { get; init; } = "";
    public string EssaySet { get; init; } = "";
    public string ResponseStatus { get; init; } = "";
    /// <summary>The read the requesting rater holds or gave of it ("claimed", "submitted"), or null.</summary>
    public string? RaterRead { get; init; }
}

/// <summary>Rating windows and the conflict requests raters make while one is open.</summary>
public sealed class RatingWindowStore
{
    private const string WindowColumns = "id, opened_at AS OpenedAt, opened_by AS OpenedBy, closed_at AS ClosedAt, closed_by AS ClosedBy";

    // A shared range lock on SQL Server: a claim or a declaration that reads "open" (or "closed") holds it until it
    // commits, so the committee's open or close waits for it rather than slipping in between the read and the write.
    private static readonly SqlStatement OpenWindow = SqlStatement.Of(d =>
        $"SELECT {WindowColumns} FROM rating_windows{d.Lock(ReadLock.SharedRange)} WHERE is_open = 1;");

    private static readonly SqlStatement RecentWindows = SqlStatement.Of(d =>
        d.Page($"SELECT {WindowColumns} FROM rating_windows ORDER BY id DESC", "0", "10"));

    private static readonly SqlStatement InsertWindow = SqlStatement.Of(d => d.InsertReturningId(
        "INSERT INTO rating_windows (is_open, opened_at, opened_by) VALUES (1, @At, @By);"));

    private static readonly SqlStatement CloseWindow = SqlStatement.Portable(
        "UPDATE rating_windows SET is_open = NULL, closed_at = @At, closed_by = @By WHERE id = @Id AND is_open = 1;");

    private const string RequestColumns = """
        q.id, q.user_id AS UserId, u.display_name AS RaterName, q.action, q.kind, q.value, q.status, q.requested_at AS RequestedAt,
        q.decided_at AS DecidedAt, q.decided_by AS DecidedBy
        """;

    private static readonly SqlStatement InsertRequest = SqlStatement.Of(d => d.InsertReturningId("""
        INSERT INTO rater_conflict_requests (user_id, action, kind, value, status, requested_at)
        VALUES (@UserId, @Action, @Kind, @Value, 'pending', @At);
        """));

    private static readonly SqlStatement PendingDuplicate = SqlStatement.Of(d => $"""
        SELECT COUNT(*) FROM rater_conflict_requests{d.Lock(ReadLock.UpdateRange)}
        WHERE user_id = @UserId AND action = @Action AND kind = @Kind AND {d.Exact("value")} = @Value AND status = 'pending';
        """);

    private static readonly SqlStatement PendingRequests = SqlStatement.Portable($"""
        SELECT {RequestColumns} FROM rater_conflict_requests q JOIN staff_users u ON u.id = q.user_id
        WHERE q.status = 'pending' ORDER BY q.requested_at, q.id;
        """);

    private static readonly SqlStatement RequestsOfRater = SqlStatement.Portable($"""
        SELECT {RequestColumns} FROM rater_conflict_requests q JOIN staff_users u ON u.id = q.user_id
        WHERE q.user_id = @UserId ORDER BY q.requested_at DESC, q.id DESC;
        """);

    private static readonly SqlStatement RequestById = SqlStatement.Portable($"""
        SELECT {RequestColumns} FROM rater_conflict_requests q JOIN staff_users u ON u.id = q.user_id WHERE q.id = @Id;
        """);

    private static readonly SqlStatement Decide = SqlStatement.Portable("""
        UPDATE rater_conflict_requests SET status = @Status, decided_at = @At, decided_by = @By
        WHERE id = @Id AND status = 'pending';
        """);

    // Matched as the claim query matches (folded by the app, compared exactly), over responses still being rated.
    private static readonly SqlStatement Matches = SqlStatement.Of(d => $"""
        SELECT r.code, c.full_name AS CandidateName, r.essay_set AS EssaySet, r.status AS ResponseStatus,
               (SELECT MAX(t.status) FROM rating_tasks t WHERE t.response_id = r.id AND t.rater_id = @UserId) AS RaterRead
        FROM rating_responses r
        JOIN attempts a ON a.id = r.attempt_id
        JOIN registrations g ON g.id = a.registration_id
        JOIN candidates c ON c.id = g.candidate_id
        WHERE r.status <> 'final'
          AND ((@Kind = 'person' AND {d.Exact("c.full_name_folded")} = @Value)
            OR (@Kind = 'association' AND {d.Exact("c.association_folded")} = @Value))
        ORDER BY r.code;
        """);

    /// <summary>The open window, if any. Inside a write transaction the read holds until commit (see <see cref="OpenWindow"/>).</summary>
    public Task<RatingWindow?> OpenAsync(DbSession s, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<RatingWindow>(OpenWindow, ct: ct);

    public async Task<IReadOnlyList<RatingWindow>> RecentAsync(DbSession s, CancellationToken ct = default) =>
        (await s.QueryAsync<RatingWindow>(RecentWindows, ct: ct)).ToList();

    /// <summary>Opens a window; null when one is open already (the unique index settles a race).</summary>
    public async Task<long?> OpenWindowAsync(DbSession s, string by, DateTimeOffset at, CancellationToken ct = default)
    {
        if (await OpenAsync(s, ct) is not null) return null;
        try
        {
            return await s.ExecuteScalarAsync<long>(InsertWindow, new { By = by, At = at }, ct);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            return null;
        }
    }

    public async Task<bool> CloseWindowAsync(DbSession s, long id, string by, DateTimeOffset at, CancellationToken ct = default) =>
        await s.ExecuteAsync(CloseWindow, new { Id = id, By = by, At = at }, ct) == 1;

    /// <summary>Files a request; false when the same one is pending already.</summary>
    public async Task<bool> AddRequestAsync(DbSession s, long userId, string action, string kind, string value, DateTimeOffset at, CancellationToken ct = default)
    {
        var args = new { UserId = userId, Action = action, Kind = kind, Value = value, At = at };
        if (await s.ExecuteScalarAsync<int>(PendingDuplicate, args, ct) > 0) return false;
        await s.ExecuteScalarAsync<long>(InsertRequest, args, ct);
        return true;
    }

    public async Task<IReadOnlyList<ConflictRequest>> PendingAsync(DbSession s, CancellationToken ct = default) =>
        (await s.QueryAsync<ConflictRequest>(PendingRequests, ct: ct)).ToList();

    public async Task<IReadOnlyList<ConflictRequest>> RequestsOfAsync(DbSession s, long userId, CancellationToken ct = default) =>
        (await s.QueryAsync<ConflictRequest>(RequestsOfRater, new { UserId = userId }, ct)).ToList();

    public Task<ConflictRequest?> RequestAsync(DbSession s, long id, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<ConflictRequest>(RequestById, new { Id = id }, ct);

    /// <summary>Approves or declines a pending request; false when someone decided it first.</summary>
    public async Task<bool> DecideAsync(DbSession s, long id, string status, string by, DateTimeOffset at, CancellationToken ct = default) =>
        await s.ExecuteAsync(Decide, new { Id = id, Status = status, By = by, At = at }, ct) == 1;

    /// <summary>Responses still being rated whose candidate the (folded) declaration names, and the rater's read of each.</summary>
    public async Task<IReadOnlyList<ConflictMatch>> MatchesAsync(DbSession s, long userId, string kind, string value, CancellationToken ct = default) =>
        (await s.QueryAsync<ConflictMatch>(Matches, new { UserId = userId, Kind = kind, Value = value }, ct)).ToList();
}
