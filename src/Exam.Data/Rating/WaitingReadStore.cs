using Exam.Core.Rating;
using Exam.Data.Database;

namespace Exam.Data.Rating;

/// <summary>
/// Every read waiting in the queues with the facts eligibility needs (see <see cref="ReadEligibility"/>): who read the
/// response already and whose conflicts match its candidate. For leads and the committee: conflicts are matched here.
/// </summary>
public sealed class WaitingReadStore
{
    private sealed record Row
    {
        public long TaskId { get; init; }
        public long ResponseId { get; init; }
        public string Code { get; init; } = "";
        public string EssaySet { get; init; } = "";
        public int ReadNo { get; init; }
        public long? AssignedTo { get; init; }
    }

    private sealed record Pair
    {
        public long ResponseId { get; init; }
        public long RaterId { get; init; }
    }

    private sealed record Reader
    {
        public long TaskId { get; init; }
        public long ResponseId { get; init; }
        public long RaterId { get; init; }
    }

    private static readonly SqlStatement Waiting = SqlStatement.Of(d => $"""
        SELECT t.id AS TaskId, t.response_id AS ResponseId, r.code, t.essay_set AS EssaySet, t.read_no AS ReadNo, t.assigned_to AS AssignedTo
        FROM rating_tasks t JOIN rating_responses r ON r.id = t.response_id
        WHERE t.status = 'queued' OR (t.status = 'claimed' AND t.lease_until < @Now)
        ORDER BY t.response_id, t.read_no;
        SELECT o.id AS TaskId, o.response_id AS ResponseId, o.rater_id AS RaterId FROM rating_tasks o
        JOIN rating_responses r ON r.id = o.response_id WHERE r.status <> 'final' AND o.rater_id IS NOT NULL
        UNION
        SELECT o.id, o.response_id, o.lapsed_from FROM rating_tasks o
        JOIN rating_responses r ON r.id = o.response_id WHERE r.status <> 'final' AND o.lapsed_from IS NOT NULL;
        SELECT r.id AS ResponseId, k.user_id AS RaterId
        FROM rating_responses r
        JOIN attempts a ON a.id = r.attempt_id
        JOIN registrations g ON g.id = a.registration_id
        JOIN candidates c ON c.id = g.candidate_id
        JOIN rater_conflicts k ON (k.kind = 'person' AND k.value = {d.Exact("c.full_name_folded")})
                               OR (k.kind = 'association' AND k.value = {d.Exact("c.association_folded")})
        WHERE r.status <> 'final';
        """);

    /// <summary>The reads anyone could claim now (free, or with a lapsed lease), with who read and who is conflicted.</summary>
    public async Task<IReadOnlyList<WaitingRead>> WaitingAsync(DbSession s, DateTimeOffset now, CancellationToken ct = default)
    {
        using var grid = await s.QueryMultipleAsync(Waiting, new { Now = now }, ct);
        var rows = (await grid.ReadAsync<Row>()).ToList();
        var readers = (await grid.ReadAsync<Reader>()).ToLookup(p => p.ResponseId);
        var conflicted = (await grid.ReadAsync<Pair>()).ToLookup(p => p.ResponseId, p => p.RaterId);
        // As the claim rule: the read's own (lapsed) holder does not count, only other reads of the response.
        return rows.Select(r => new WaitingRead(r.TaskId, r.Code, r.EssaySet, r.ReadNo, r.AssignedTo,
            readers[r.ResponseId].Where(x => x.TaskId != r.TaskId).Select(x => x.RaterId).ToHashSet(),
            conflicted[r.ResponseId].ToHashSet())).ToList();
    }
}
