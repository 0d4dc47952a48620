using Exam.Data.Database;

namespace Exam.Data.Delivery;

public sealed record McResult
{
    public long Id { get; init; }
    public long AttemptId { get; init; }
    public int KeyVersion { get; init; }
    public int Raw { get; init; }
    public int MaxScore { get; init; }
    public decimal PercentScore { get; init; }
    public bool Passed { get; init; }
    public string DomainsJson { get; init; } = "[]";
    public DateTimeOffset ScoredAt { get; init; }
    public DateTimeOffset? SupersededAt { get; init; }
}

/// <summary>Part One results. A rescore supersedes the current result and keeps it in the history.</summary>
public sealed class ResultStore
{
    private const string Columns = """
        id, attempt_id AS AttemptId, key_version AS KeyVersion, raw, max_score AS MaxScore, percent_score AS PercentScore,
        passed, domains_json AS DomainsJson, scored_at AS ScoredAt, superseded_at AS SupersededAt
        """;

    private static readonly SqlStatement Supersede = SqlStatement.Portable(
        "UPDATE mc_results SET superseded_at = @At WHERE attempt_id = @AttemptId AND superseded_at IS NULL;");

    private static readonly SqlStatement Insert = SqlStatement.Portable("""
        INSERT INTO mc_results (attempt_id, key_version, raw, max_score, percent_score, passed, domains_json, scored_at)
        VALUES (@AttemptId, @KeyVersion, @Raw, @MaxScore, @PercentScore, @Passed, @DomainsJson, @ScoredAt);
        """);

    private static readonly SqlStatement Current = SqlStatement.Portable(
        $"SELECT {Columns} FROM mc_results WHERE attempt_id = @AttemptId AND superseded_at IS NULL;");

    private static readonly SqlStatement History = SqlStatement.Portable(
        $"SELECT {Columns} FROM mc_results WHERE attempt_id = @AttemptId ORDER BY id;");

    /// <summary>Records a result as the current one; an earlier current result becomes history.</summary>
    public async Task RecordAsync(DbSession s, McResult result, CancellationToken ct = default)
    {
        await s.ExecuteAsync(Supersede, new { result.AttemptId, At = result.ScoredAt }, ct);
        await s.ExecuteAsync(Insert, result, ct);
    }

    public Task<McResult?> CurrentAsync(DbSession s, long attemptId, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<McResult>(Current, new { AttemptId = attemptId }, ct);

    public async Task<IReadOnlyList<McResult>> HistoryAsync(DbSession s, long attemptId, CancellationToken ct = default) =>
        (await s.QueryAsync<McResult>(History, new { AttemptId = attemptId }, ct)).ToList();
}
