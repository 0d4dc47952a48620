using Exam.Data.Database;

namespace Exam.Data.Delivery;

public sealed record McAnswer
{
    public int Position { get; init; }
    public long ItemVersionId { get; init; }
    public string? OptionId { get; init; }
    public bool Flagged { get; init; }
    public long Seq { get; init; }
    public DateTimeOffset SavedAt { get; init; }
}

public sealed record EssayAnswer
{
    public long ItemVersionId { get; init; }
    public bool Chosen { get; init; }
    public string Body { get; init; } = "";
    public int WordCount { get; init; }
    public long Seq { get; init; }
    public DateTimeOffset SavedAt { get; init; }
}

/// <summary>What became of a save: applied now, already applied (a retry), or older than what is stored.</summary>
public enum SaveOutcome { Applied, AlreadyApplied, Stale }

/// <summary>
/// Answers, each row carrying the sequence number of the change that wrote it. A change applies only when its
/// sequence is newer than the row's: a retry is a no-op and an older change (another tab, a late packet) never
/// overwrites a newer one. Call inside a transaction; the caller acknowledges only after commit.
/// </summary>
public sealed class AnswerStore
{
    private static readonly SqlStatement UpdateMc = SqlStatement.Portable("""
        UPDATE mc_answers SET option_id = @OptionId, flagged = @Flagged, seq = @Seq, saved_at = @At
        WHERE attempt_id = @AttemptId AND position = @Position AND seq < @Seq;
        """);

    private static readonly SqlStatement InsertMc = SqlStatement.Of(d => $"""
        INSERT INTO mc_answers (attempt_id, position, item_version_id, option_id, flagged, seq, saved_at)
        SELECT @AttemptId, @Position, @ItemVersionId, @OptionId, @Flagged, @Seq, @At
        WHERE NOT EXISTS (SELECT 1 FROM mc_answers {Locked(d)} WHERE attempt_id = @AttemptId AND position = @Position);
        """);

    // A retry carries the same sequence and the same content; the same sequence with other content is not a retry.
    private static readonly SqlStatement McSame = SqlStatement.Portable("""
        SELECT COUNT(*) FROM mc_answers
        WHERE attempt_id = @AttemptId AND position = @Position AND seq = @Seq AND flagged = @Flagged
          AND (option_id = @OptionId OR (option_id IS NULL AND @OptionId IS NULL));
        """);

    private static readonly SqlStatement UpdateEssay = SqlStatement.Portable("""
        UPDATE essay_answers SET chosen = @Chosen, body = @Body, word_count = @WordCount, seq = @Seq, saved_at = @At
        WHERE attempt_id = @AttemptId AND item_version_id = @ItemVersionId AND seq < @Seq;
        """);

    private static readonly SqlStatement InsertEssay = SqlStatement.Of(d => $"""
        INSERT INTO essay_answers (attempt_id, item_version_id, chosen, body, word_count, seq, saved_at)
        SELECT @AttemptId, @ItemVersionId, @Chosen, @Body, @WordCount, @Seq, @At
        WHERE NOT EXISTS (SELECT 1 FROM essay_answers {Locked(d)} WHERE attempt_id = @AttemptId AND item_version_id = @ItemVersionId);
        """);

    private static readonly SqlStatement EssaySame = SqlStatement.Portable("""
        SELECT COUNT(*) FROM essay_answers
        WHERE attempt_id = @AttemptId AND item_version_id = @ItemVersionId AND seq = @Seq AND chosen = @Chosen AND body = @Body;
        """);

    private static readonly SqlStatement TouchAttempt = SqlStatement.Portable("""
        UPDATE attempts SET last_seq = CASE WHEN last_seq < @Seq THEN @Seq ELSE last_seq END, last_saved_at = @At
        WHERE id = @AttemptId;
        """);

    private static readonly SqlStatement All = SqlStatement.Portable("""
        SELECT position, item_version_id AS ItemVersionId, option_id AS OptionId, flagged, seq, saved_at AS SavedAt
        FROM mc_answers WHERE attempt_id = @AttemptId ORDER BY position;
        SELECT item_version_id AS ItemVersionId, chosen, body, word_count AS WordCount, seq, saved_at AS SavedAt
        FROM essay_answers WHERE attempt_id = @AttemptId ORDER BY item_version_id;
        """);

    // On SQL Server two first saves of one row could both pass NOT EXISTS; the range lock makes the second wait.
    private static string Locked(SqlDialect d) => d.Provider == DatabaseProvider.SqlServer ? "WITH (UPDLOCK, HOLDLOCK)" : "";

    public async Task<SaveOutcome> SaveMcAsync(
        DbSession s, long attemptId, int position, long itemVersionId, string? optionId, bool flagged, long seq, DateTimeOffset at,
        CancellationToken ct = default)
    {
        var args = new { AttemptId = attemptId, Position = position, ItemVersionId = itemVersionId, OptionId = optionId, Flagged = flagged, Seq = seq, At = at };
        var outcome = await UpsertAsync(s, UpdateMc, InsertMc, McSame, args, ct);
        if (outcome == SaveOutcome.Applied) await s.ExecuteAsync(TouchAttempt, new { AttemptId = attemptId, Seq = seq, At = at }, ct);
        return outcome;
    }

    public async Task<SaveOutcome> SaveEssayAsync(
        DbSession s, long attemptId, long itemVersionId, bool chosen, string body, int wordCount, long seq, DateTimeOffset at,
        CancellationToken ct = default)
    {
        var args = new { AttemptId = attemptId, ItemVersionId = itemVersionId, Chosen = chosen, Body = body, WordCount = wordCount, Seq = seq, At = at };
        var outcome = await UpsertAsync(s, UpdateEssay, InsertEssay, EssaySame, args, ct);
        if (outcome == SaveOutcome.Applied) await s.ExecuteAsync(TouchAttempt, new { AttemptId = attemptId, Seq = seq, At = at }, ct);
        return outcome;
    }

    public async Task<(IReadOnlyList<McAnswer> Mc, IReadOnlyList<EssayAnswer> Essays)> LoadAsync(DbSession s, long attemptId, CancellationToken ct = default)
    {
        using var grid = await s.QueryMultipleAsync(All, new { AttemptId = attemptId }, ct);
        var mc = (await grid.ReadAsync<McAnswer>()).ToList();
        var essays = (await grid.ReadAsync<EssayAnswer>()).ToList();
        return (mc, essays);
    }

    private static async Task<SaveOutcome> UpsertAsync(
        DbSession s, SqlStatement update, SqlStatement insert, SqlStatement same, object args, CancellationToken ct)
    {
        if (await s.ExecuteAsync(update, args, ct) == 1) return SaveOutcome.Applied;
        if (await s.ExecuteAsync(insert, args, ct) == 1) return SaveOutcome.Applied;
        return await s.ExecuteScalarAsync<int>(same, args, ct) == 1 ? SaveOutcome.AlreadyApplied : SaveOutcome.Stale;
    }
}
