using Exam.Data.Database;

namespace Exam.Data.Demo;

/// <summary>A simulated Part One attempt, ready to insert: its answers in the item's own letters, and its score.</summary>
public sealed record SimulatedAttempt(long RegistrationId, long Seed, IReadOnlyList<(int Position, long ItemVersionId, string? OptionId)> Answers,
    int Raw, int Max, decimal Percent, bool Passed, string DomainsJson);

/// <summary>
/// Inserts simulated demo attempts in bulk: the attempt, its submitted Part One, its answers and its result, each
/// table in one batched statement per attempt, all in the caller's transaction. Only the demo seeding uses it.
/// </summary>
public sealed class SimulatedSittingStore
{
    private static readonly SqlStatement InsertAttempt = SqlStatement.Of(d => d.Provider == DatabaseProvider.SqlServer
        ? """
            INSERT INTO attempts (registration_id, seed, status, session_id, current_part, current_position, rules_accepted_at, ended_at, end_reason, created_at)
            OUTPUT INSERTED.id
            VALUES (@RegistrationId, @Seed, 'submitted', 'simulated', 1, 0, @StartedAt, @SubmittedAt, 'candidate', @StartedAt);
            """
        : """
            INSERT INTO attempts (registration_id, seed, status, session_id, current_part, current_position, rules_accepted_at, ended_at, end_reason, created_at)
            VALUES (@RegistrationId, @Seed, 'submitted', 'simulated', 1, 0, @StartedAt, @SubmittedAt, 'candidate', @StartedAt)
            RETURNING id;
            """);

    private static readonly SqlStatement InsertPart = SqlStatement.Portable("""
        INSERT INTO attempt_parts (attempt_id, part, started_at, deadline, extended_seconds, paused_seconds, submitted_at, submit_reason)
        VALUES (@AttemptId, 1, @StartedAt, @Deadline, 0, 0, @SubmittedAt, 'candidate');
        """);

    private static readonly SqlStatement InsertAnswer = SqlStatement.Portable("""
        INSERT INTO mc_answers (attempt_id, position, item_version_id, option_id, flagged, seq, saved_at)
        VALUES (@AttemptId, @Position, @ItemVersionId, @OptionId, 0, @Seq, @SavedAt);
        """);

    private static readonly SqlStatement InsertResult = SqlStatement.Portable("""
        INSERT INTO mc_results (attempt_id, key_version, raw, max_score, percent_score, passed, domains_json, scored_at)
        VALUES (@AttemptId, 1, @Raw, @Max, @Percent, @Passed, @DomainsJson, @SubmittedAt);
        """);

    public async Task AddAsync(DbSession s, IReadOnlyList<SimulatedAttempt> attempts, DateTimeOffset startedAt, TimeSpan partLength, CancellationToken ct = default)
    {
        var submittedAt = startedAt + partLength - TimeSpan.FromMinutes(5);
        var answers = new List<object>();
        var parts = new List<object>();
        var results = new List<object>();
        foreach (var a in attempts)
        {
            var id = await s.ExecuteScalarAsync<long>(InsertAttempt,
                new { a.RegistrationId, a.Seed, StartedAt = startedAt, SubmittedAt = submittedAt }, ct);
            parts.Add(new { AttemptId = id, StartedAt = startedAt, Deadline = startedAt + partLength, SubmittedAt = submittedAt });
            answers.AddRange(a.Answers.Where(x => x.OptionId is not null).Select((x, i) =>
                (object)new { AttemptId = id, x.Position, x.ItemVersionId, x.OptionId, Seq = i + 1, SavedAt = startedAt.AddSeconds(60 * (i + 1)) }));
            results.Add(new { AttemptId = id, a.Raw, a.Max, a.Percent, a.Passed, a.DomainsJson, SubmittedAt = submittedAt });
        }
        // Dapper runs a statement once per element of a list: one prepared statement, many rows, one transaction.
        await s.ExecuteAsync(InsertPart, parts, ct);
        await s.ExecuteAsync(InsertAnswer, answers, ct);
        await s.ExecuteAsync(InsertResult, results, ct);
    }
}
