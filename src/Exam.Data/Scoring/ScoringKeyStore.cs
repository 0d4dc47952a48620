using Exam.Data.Database;

namespace Exam.Data.Scoring;

public sealed record StoredScoringKey
{
    public string FormId { get; init; } = "";
    public int Version { get; init; }
    public string ItemsJson { get; init; } = "[]";
    public string Reason { get; init; } = "";
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>The adopted raw cut and the scored items it was out of, when this version carries one.</summary>
    public int? CutRaw { get; init; }
    public int? CutOutOf { get; init; }
}

/// <summary>A Part One attempt on a form, with its current result: what a key correction may rescore.</summary>
public sealed record ScoredAttempt
{
    public long AttemptId { get; init; }
    public string CandidateNumber { get; init; } = "";
    public int? Raw { get; init; }
    public int? MaxScore { get; init; }
    public bool? Passed { get; init; }
    public int? KeyVersion { get; init; }
}

/// <summary>Corrected scoring keys per form (version 1, the pinned keys, is implicit until a correction stores more).</summary>
public sealed class ScoringKeyStore(TimeProvider clock)
{
    // Scoring reads the key in force with a shared range lock held to its commit, and a correction reads it with an
    // update range lock and then inserts the next version: the insert waits for the scorings in flight (they keep the
    // key they read and are rescored by the correction), and scorings that start later wait for the correction's
    // commit and use the new key. Corrections take turns. No Part One is ever scored with a key that was already
    // superseded and left out of the rescore. (SQLite: BEGIN IMMEDIATE serializes all of it.)
    private static readonly SqlStatement Latest = SqlStatement.Of(d => d.Page($"""
        SELECT form_id AS FormId, version, items_json AS ItemsJson, reason, created_by AS CreatedBy, created_at AS CreatedAt,
               cut_raw AS CutRaw, cut_out_of AS CutOutOf
        FROM scoring_keys{d.Lock(ReadLock.SharedRange)} WHERE form_id = @FormId ORDER BY version DESC
        """));

    private static readonly SqlStatement LatestForCorrection = SqlStatement.Of(d => d.Page($"""
        SELECT form_id AS FormId, version, items_json AS ItemsJson, reason, created_by AS CreatedBy, created_at AS CreatedAt,
               cut_raw AS CutRaw, cut_out_of AS CutOutOf
        FROM scoring_keys{d.Lock(ReadLock.UpdateRange)} WHERE form_id = @FormId ORDER BY version DESC
        """));

    private static readonly SqlStatement History = SqlStatement.Portable("""
        SELECT form_id AS FormId, version, items_json AS ItemsJson, reason, created_by AS CreatedBy, created_at AS CreatedAt,
               cut_raw AS CutRaw, cut_out_of AS CutOutOf
        FROM scoring_keys WHERE form_id = @FormId ORDER BY version;
        """);

    private static readonly SqlStatement Version = SqlStatement.Portable("""
        SELECT form_id AS FormId, version, reason, created_by AS CreatedBy, created_at AS CreatedAt, cut_raw AS CutRaw, cut_out_of AS CutOutOf
        FROM scoring_keys WHERE form_id = @FormId AND version = @Version;
        """);

    private static readonly SqlStatement Insert = SqlStatement.Portable("""
        INSERT INTO scoring_keys (form_id, version, items_json, reason, created_by, created_at, cut_raw, cut_out_of)
        VALUES (@FormId, @Version, @ItemsJson, @Reason, @CreatedBy, @CreatedAt, @CutRaw, @CutOutOf);
        """);

    private static readonly SqlStatement Attempts = SqlStatement.Portable("""
        SELECT a.id AS AttemptId, c.candidate_number AS CandidateNumber, m.raw, m.max_score AS MaxScore, m.passed, m.key_version AS KeyVersion
        FROM attempts a
        JOIN registrations r ON r.id = a.registration_id
        JOIN sittings s ON s.id = r.sitting_id
        JOIN candidates c ON c.id = r.candidate_id
        JOIN attempt_parts p ON p.attempt_id = a.id AND p.part = 1 AND p.submitted_at IS NOT NULL
        LEFT JOIN mc_results m ON m.attempt_id = a.id AND m.superseded_at IS NULL
        WHERE s.form_id = @FormId AND a.status <> 'voided'
        ORDER BY c.candidate_number;
        """);

    /// <summary>The newest stored correction, or null; inside a transaction, nobody adds a version until it commits.</summary>
    public Task<StoredScoringKey?> LatestAsync(DbSession s, string formId, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<StoredScoringKey>(Latest, new { FormId = formId, Skip = 0, Take = 1 }, ct);

    /// <summary>As <see cref="LatestAsync"/>, for the correction that adds the next version: other corrections wait for it.</summary>
    public Task<StoredScoringKey?> LatestForCorrectionAsync(DbSession s, string formId, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<StoredScoringKey>(LatestForCorrection, new { FormId = formId, Skip = 0, Take = 1 }, ct);

    public async Task<IReadOnlyList<StoredScoringKey>> HistoryAsync(DbSession s, string formId, CancellationToken ct = default) =>
        (await s.QueryAsync<StoredScoringKey>(History, new { FormId = formId }, ct)).ToList();

    /// <summary>A stored version without its items (the cut it carries); null for version 1 before any correction.</summary>
    public Task<StoredScoringKey?> VersionAsync(DbSession s, string formId, int version, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<StoredScoringKey>(Version, new { FormId = formId, Version = version }, ct);

    public Task AddAsync(DbSession s, string formId, int version, string itemsJson, string reason, string createdBy, CancellationToken ct = default) =>
        AddAsync(s, formId, version, itemsJson, null, reason, createdBy, ct);

    /// <summary>Stores a key version; <paramref name="cut"/> is the adopted raw cut it carries (null: the form's percent).</summary>
    public Task AddAsync(DbSession s, string formId, int version, string itemsJson, (int Raw, int OutOf)? cut, string reason, string createdBy, CancellationToken ct = default) =>
        s.ExecuteAsync(Insert, new
        {
            FormId = formId, Version = version, ItemsJson = itemsJson, Reason = reason, CreatedBy = createdBy, CreatedAt = clock.GetUtcNow(),
            CutRaw = cut?.Raw, CutOutOf = cut?.OutOf,
        }, ct);

    /// <summary>Every attempt on the form whose Part One was submitted (voided attempts are not scored).</summary>
    public async Task<IReadOnlyList<ScoredAttempt>> PartOneAttemptsAsync(DbSession s, string formId, CancellationToken ct = default) =>
        (await s.QueryAsync<ScoredAttempt>(Attempts, new { FormId = formId }, ct)).ToList();
}
