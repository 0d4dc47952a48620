using Exam.Data.Database;

namespace Exam.Data.Proctoring;

/// <summary>A rest break taken in a part: started and ended from the console, or ended by the sweeper when overdue.</summary>
public sealed record RestBreak
{
    public long Id { get; init; }
    public long AttemptId { get; init; }
    public int Part { get; init; }
    public int Number { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public int AllowedSeconds { get; init; }
    public string StartedBy { get; init; } = "";
    public DateTimeOffset? EndedAt { get; init; }
    public int? CreditedSeconds { get; init; }
    public string? EndedBy { get; init; }

    public bool IsRunning => EndedAt is null;
    public TimeSpan Allowed => TimeSpan.FromSeconds(AllowedSeconds);
}

/// <summary>
/// Rest breaks. Callers hold the attempt's row lock (the lock order of every attempt transition); the writes are
/// conditional all the same, and the unique number per part is the last word on the limit.
/// </summary>
public sealed class RestBreakStore
{
    private const string Columns = """
        id, attempt_id AS AttemptId, part, number, started_at AS StartedAt, allowed_seconds AS AllowedSeconds,
        started_by AS StartedBy, ended_at AS EndedAt, credited_seconds AS CreditedSeconds, ended_by AS EndedBy
        """;

    private static readonly SqlStatement OfPart = SqlStatement.Portable(
        $"SELECT {Columns} FROM rest_breaks WHERE attempt_id = @AttemptId AND part = @Part ORDER BY number;");

    private static readonly SqlStatement OfAttempts = SqlStatement.Portable(
        $"SELECT {Columns} FROM rest_breaks WHERE attempt_id IN @AttemptIds ORDER BY attempt_id, part, number;");

    private static readonly SqlStatement Insert = SqlStatement.Of(d => d.InsertReturningId("""
        INSERT INTO rest_breaks (attempt_id, part, number, started_at, allowed_seconds, started_by)
        VALUES (@AttemptId, @Part, @Number, @StartedAt, @AllowedSeconds, @StartedBy)
        """));

    private static readonly SqlStatement EndSql = SqlStatement.Portable("""
        UPDATE rest_breaks SET ended_at = @EndedAt, credited_seconds = @CreditedSeconds, ended_by = @EndedBy
        WHERE id = @Id AND ended_at IS NULL;
        """);

    // Running breaks (few at any time): the sweeper ends those past their approved length so the clock runs again.
    private static readonly SqlStatement Running = SqlStatement.Portable(
        $"SELECT {Columns} FROM rest_breaks WHERE ended_at IS NULL ORDER BY started_at;");

    public async Task<IReadOnlyList<RestBreak>> ForPartAsync(DbSession s, long attemptId, int part, CancellationToken ct = default) =>
        (await s.QueryAsync<RestBreak>(OfPart, new { AttemptId = attemptId, Part = part }, ct)).ToList();

    /// <summary>Every break of these attempts (at most <see cref="ProctorStore.MaxIds"/> at a time).</summary>
    public async Task<IReadOnlyList<RestBreak>> ForAttemptsAsync(DbSession s, IReadOnlyCollection<long> attemptIds, CancellationToken ct = default) =>
        attemptIds.Count == 0 ? [] : (await s.QueryAsync<RestBreak>(OfAttempts, new { AttemptIds = attemptIds }, ct)).ToList();

    /// <summary>Records a break; null when that number was taken meanwhile (the key decided).</summary>
    public async Task<long?> TryStartAsync(DbSession s, RestBreak b, CancellationToken ct = default)
    {
        try
        {
            return await s.ExecuteScalarAsync<long>(Insert, b, ct);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            return null;
        }
    }

    /// <summary>Ends a running break; false when it had already ended.</summary>
    public async Task<bool> EndAsync(DbSession s, long id, DateTimeOffset at, TimeSpan credited, string actor, CancellationToken ct = default) =>
        await s.ExecuteAsync(EndSql, new { Id = id, EndedAt = at, CreditedSeconds = (int)credited.TotalSeconds, EndedBy = actor }, ct) == 1;

    /// <summary>Every break still running, oldest first.</summary>
    public async Task<IReadOnlyList<RestBreak>> RunningAsync(DbSession s, CancellationToken ct = default) =>
        (await s.QueryAsync<RestBreak>(Running, null, ct)).ToList();
}
