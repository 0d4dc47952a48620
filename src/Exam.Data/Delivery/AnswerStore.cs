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

/// <summary>
/// What became of a save: applied now, already applied (a retry), older than what is stored, or refused because
/// the guard did not hold (nothing was written).
/// </summary>
public enum SaveOutcome { Applied, AlreadyApplied, Stale, Refused }

/// <summary>
/// What must still hold for a candidate's save to change an answer, checked by the very statement that writes it:
/// the attempt is in this part on this session, the part is not submitted, and it is paused or its deadline is not
/// before <paramref name="NotBefore"/> (the later of when the change was made and now less the window for delayed changes).
/// </summary>
/// <param name="MadeAt">When the change was made, as the page counted it; recorded when it is delivered late.</param>
public sealed record SaveGuard(string SessionId, int Part, DateTimeOffset NotBefore, DateTimeOffset? MadeAt = null)
{
    // Held in UTC, as every instant the server writes: SQLite compares instants as text, where a time written behind
    // UTC (a page's claim of when it made a change) would read as earlier than the deadline it is after.
    public DateTimeOffset NotBefore { get; } = NotBefore.ToUniversalTime();
    public DateTimeOffset? MadeAt { get; } = MadeAt?.ToUniversalTime();
}

/// <summary>A change taken although it reached the server after its part's deadline: made before it, delivered within the window.</summary>
public sealed record LateDelivery
{
    public long AttemptId { get; init; }
    public int Part { get; init; }
    public long Seq { get; init; }
    public int? Position { get; init; }
    public long ItemVersionId { get; init; }
    public DateTimeOffset MadeAt { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>
/// Answers, each row carrying the sequence number of the change that wrote it. A change applies only when its
/// sequence is newer than the row's: a retry is a no-op and an older change (another tab, a late packet) never
/// overwrites a newer one. Each save is one guarded upsert, so the check and the write cannot be told apart by a
/// pause, a submission or the sweeper. Call inside a transaction; the caller acknowledges only after commit.
/// </summary>
public sealed class AnswerStore
{
    // The guard as a condition on the attempt and its running part; @Unguarded = 1 skips it (seeding, tests). On SQL Server
    // it reads the attempt's row under an update lock held to the commit: every transition of the attempt (a submission,
    // a void, a re-admission) takes that lock first, so a save and a submission take turns and a save is never
    // acknowledged after the submission read the answers. Only the attempt's row is locked here (the lock order: the
    // attempt before its parts and answers); a part is submitted, voided or re-bound only together with a change of the
    // attempt's status or session, which this read sees. SQLite: BEGIN IMMEDIATE already serializes the writers.
    private static string Guard(SqlDialect d) => $"""
        (@Unguarded = 1 OR EXISTS (
            SELECT 1 FROM attempts a{d.Lock(ReadLock.Update)} JOIN attempt_parts p ON p.attempt_id = a.id AND p.part = a.current_part
            WHERE a.id = @AttemptId AND a.status = 'in-part' AND a.current_part = @Part AND a.session_id = @SessionId
              AND p.submitted_at IS NULL AND (p.paused_since IS NOT NULL OR p.deadline >= @NotBefore)))
        """;

    // Whether the change was delivered after its part's deadline (taken because it was made before it, within the
    // window): returned with an applied change, so a change on time costs no second statement.
    private const string Late = """
        (SELECT COUNT(*) FROM attempt_parts p
         WHERE p.attempt_id = @AttemptId AND p.part = @Part AND p.paused_since IS NULL AND p.deadline < @At)
        """;

    // SQL Server: one row (the late flag) when the MERGE wrote, none when it did not.
    private const string LateIfApplied = $"IF @@ROWCOUNT = 1 SELECT {Late} AS late;";

    private static readonly SqlStatement UpsertMc = SqlStatement.Of(d => d.Provider == DatabaseProvider.SqlServer
        ? $"""
            MERGE mc_answers WITH (HOLDLOCK) AS t
            USING (SELECT @AttemptId AS attempt_id, @Position AS position WHERE {Guard(d)}) AS src
            ON t.attempt_id = src.attempt_id AND t.position = src.position
            WHEN MATCHED AND t.seq < @Seq THEN UPDATE SET option_id = @OptionId, flagged = @Flagged, seq = @Seq, saved_at = @At
            WHEN NOT MATCHED THEN INSERT (attempt_id, position, item_version_id, option_id, flagged, seq, saved_at)
                VALUES (@AttemptId, @Position, @ItemVersionId, @OptionId, @Flagged, @Seq, @At);
            {LateIfApplied}
            """
        : $"""
            INSERT INTO mc_answers (attempt_id, position, item_version_id, option_id, flagged, seq, saved_at)
            SELECT @AttemptId, @Position, @ItemVersionId, @OptionId, @Flagged, @Seq, @At WHERE {Guard(d)}
            ON CONFLICT (attempt_id, position) DO UPDATE
            SET option_id = excluded.option_id, flagged = excluded.flagged, seq = excluded.seq, saved_at = excluded.saved_at
            WHERE mc_answers.seq < excluded.seq
            RETURNING {Late} AS late;
            """);

    private static readonly SqlStatement StoredMc = SqlStatement.Portable("""
        SELECT seq, CASE WHEN flagged = @Flagged AND (option_id = @OptionId OR (option_id IS NULL AND @OptionId IS NULL)) THEN 1 ELSE 0 END AS same
        FROM mc_answers WHERE attempt_id = @AttemptId AND position = @Position;
        """);

    private static readonly SqlStatement UpsertEssay = SqlStatement.Of(d => d.Provider == DatabaseProvider.SqlServer
        ? $"""
            MERGE essay_answers WITH (HOLDLOCK) AS t
            USING (SELECT @AttemptId AS attempt_id, @ItemVersionId AS item_version_id WHERE {Guard(d)}) AS src
            ON t.attempt_id = src.attempt_id AND t.item_version_id = src.item_version_id
            WHEN MATCHED AND t.seq < @Seq THEN UPDATE SET chosen = @Chosen, body = @Body, word_count = @WordCount, seq = @Seq, saved_at = @At
            WHEN NOT MATCHED THEN INSERT (attempt_id, item_version_id, chosen, body, word_count, seq, saved_at)
                VALUES (@AttemptId, @ItemVersionId, @Chosen, @Body, @WordCount, @Seq, @At);
            {LateIfApplied}
            """
        : $"""
            INSERT INTO essay_answers (attempt_id, item_version_id, chosen, body, word_count, seq, saved_at)
            SELECT @AttemptId, @ItemVersionId, @Chosen, @Body, @WordCount, @Seq, @At WHERE {Guard(d)}
            ON CONFLICT (attempt_id, item_version_id) DO UPDATE
            SET chosen = excluded.chosen, body = excluded.body, word_count = excluded.word_count, seq = excluded.seq, saved_at = excluded.saved_at
            WHERE essay_answers.seq < excluded.seq
            RETURNING {Late} AS late;
            """);

    // Essay text compares exactly (a retry is the same text, not the same text in another case), whatever the collation.
    private static readonly SqlStatement StoredEssay = SqlStatement.Of(d => $"""
        SELECT seq, CASE WHEN chosen = @Chosen AND {d.Exact("body")} = @Body THEN 1 ELSE 0 END AS same
        FROM essay_answers WHERE attempt_id = @AttemptId AND item_version_id = @ItemVersionId;
        """);

    // An applied change that came late is recorded as delivered late. The attempt's row is not written: its last save
    // is read from the answers (AttemptStore.LastSave), so a save writes its answer's row and nothing else.
    private static readonly SqlStatement RecordLate = SqlStatement.Portable("""
        INSERT INTO late_deliveries (attempt_id, part, seq, position, item_version_id, made_at, received_at)
        VALUES (@AttemptId, @Part, @Seq, @Position, @ItemVersionId, @MadeAt, @At);
        """);

    private static readonly SqlStatement LateOfSitting = SqlStatement.Portable("""
        SELECT l.attempt_id AS AttemptId, l.part, l.seq, l.position, l.item_version_id AS ItemVersionId, l.made_at AS MadeAt,
               l.received_at AS ReceivedAt
        FROM late_deliveries l JOIN attempts a ON a.id = l.attempt_id JOIN registrations r ON r.id = a.registration_id
        WHERE r.sitting_id = @SittingId ORDER BY l.received_at, l.attempt_id, l.seq;
        """);

    // The attempt's row under an update lock first (the lock order), so two saves that each tick an essay take turns and
    // the second sees the first's choice. SQLite: BEGIN IMMEDIATE already serializes the writers.
    private static readonly SqlStatement OtherChosenEssays = SqlStatement.Of(d => $"""
        SELECT id FROM attempts{d.Lock(ReadLock.Update)} WHERE id = @AttemptId;
        SELECT item_version_id FROM essay_answers WHERE attempt_id = @AttemptId AND chosen = 1 AND item_version_id <> @ItemVersionId;
        """);

    private static readonly SqlStatement All = SqlStatement.Portable("""
        SELECT position, item_version_id AS ItemVersionId, option_id AS OptionId, flagged, seq, saved_at AS SavedAt
        FROM mc_answers WHERE attempt_id = @AttemptId ORDER BY position;
        SELECT item_version_id AS ItemVersionId, chosen, body, word_count AS WordCount, seq, saved_at AS SavedAt
        FROM essay_answers WHERE attempt_id = @AttemptId ORDER BY item_version_id;
        """);

    /// <summary>Saves a Part One answer; with a guard, only while it holds (else <see cref="SaveOutcome.Refused"/>).</summary>
    public Task<SaveOutcome> SaveMcAsync(
        DbSession s, long attemptId, int position, long itemVersionId, string? optionId, bool flagged, long seq, DateTimeOffset at,
        SaveGuard? guard = null, CancellationToken ct = default) =>
        SaveAsync(s, UpsertMc, StoredMc, new
        {
            AttemptId = attemptId, Position = position, ItemVersionId = itemVersionId, OptionId = optionId, Flagged = flagged, Seq = seq, At = at,
            Unguarded = guard is null, guard?.SessionId, Part = guard?.Part ?? 0, NotBefore = guard?.NotBefore ?? at,
        }, new Delivery(attemptId, guard?.Part ?? 0, seq, position, itemVersionId, guard?.MadeAt ?? at, at), ct);

    /// <summary>Saves a Part Two essay; with a guard, only while it holds (else <see cref="SaveOutcome.Refused"/>).</summary>
    public Task<SaveOutcome> SaveEssayAsync(
        DbSession s, long attemptId, long itemVersionId, bool chosen, string body, int wordCount, long seq, DateTimeOffset at,
        SaveGuard? guard = null, CancellationToken ct = default) =>
        SaveAsync(s, UpsertEssay, StoredEssay, new
        {
            AttemptId = attemptId, ItemVersionId = itemVersionId, Chosen = chosen, Body = body, WordCount = wordCount, Seq = seq, At = at,
            Unguarded = guard is null, guard?.SessionId, Part = guard?.Part ?? 0, NotBefore = guard?.NotBefore ?? at,
        }, new Delivery(attemptId, guard?.Part ?? 0, seq, null, itemVersionId, guard?.MadeAt ?? at, at), ct);

    /// <summary>The essays this attempt has ticked as answered, other than the one named; call in the save's transaction.</summary>
    public async Task<IReadOnlyList<long>> OtherChosenEssaysAsync(DbSession s, long attemptId, long itemVersionId, CancellationToken ct = default)
    {
        using var grid = await s.QueryMultipleAsync(OtherChosenEssays, new { AttemptId = attemptId, ItemVersionId = itemVersionId }, ct);
        await grid.ReadAsync<long>();
        return (await grid.ReadAsync<long>()).ToList();
    }

    public async Task<(IReadOnlyList<McAnswer> Mc, IReadOnlyList<EssayAnswer> Essays)> LoadAsync(DbSession s, long attemptId, CancellationToken ct = default)
    {
        using var grid = await s.QueryMultipleAsync(All, new { AttemptId = attemptId }, ct);
        var mc = (await grid.ReadAsync<McAnswer>()).ToList();
        var essays = (await grid.ReadAsync<EssayAnswer>()).ToList();
        return (mc, essays);
    }

    /// <summary>
    /// One upsert, which says whether it wrote and, if so, whether the change came late; when it wrote nothing, the
    /// stored row says why: a row at this sequence or newer makes it a retry or stale, anything else means the guard
    /// refused it.
    /// </summary>
    private static async Task<SaveOutcome> SaveAsync(
        DbSession s, SqlStatement upsert, SqlStatement stored, object args, Delivery delivery, CancellationToken ct)
    {
        if (await s.QuerySingleOrDefaultAsync<int?>(upsert, args, ct) is { } late)
        {
            if (late > 0) await s.ExecuteAsync(RecordLate, delivery, ct);
            return SaveOutcome.Applied;
        }
        var row = await s.QuerySingleOrDefaultAsync<StoredRow>(stored, args, ct);
        return row is null || row.Seq < delivery.Seq ? SaveOutcome.Refused
            : row.Seq == delivery.Seq && row.Same ? SaveOutcome.AlreadyApplied : SaveOutcome.Stale;
    }

    /// <summary>The changes of a sitting that were delivered after their part's deadline and taken, oldest first.</summary>
    public async Task<IReadOnlyList<LateDelivery>> LateOfSittingAsync(DbSession s, long sittingId, CancellationToken ct = default) =>
        (await s.QueryAsync<LateDelivery>(LateOfSitting, new { SittingId = sittingId }, ct)).ToList();

    private sealed record Delivery(long AttemptId, int Part, long Seq, int? Position, long ItemVersionId, DateTimeOffset MadeAt, DateTimeOffset At);

    private sealed record StoredRow
    {
        public long Seq { get; init; }
        public bool Same { get; init; }
    }
}
