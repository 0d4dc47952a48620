using Exam.Core.Scoring;
using Exam.Data.Database;

namespace Exam.Data.Results;

/// <summary>
/// A result on a candidate's record: per part raw, percent, pass (Part One with domain subscores as JSON), overall.
/// A part the candidate did not sit at this attempt but passed earlier names that earlier result (carried from).
/// </summary>
public sealed record ExamResult
{
    public long Id { get; init; }
    public long CandidateId { get; init; }
    public long AttemptId { get; init; }
    public long SittingId { get; init; }
    public string FormId { get; init; } = "";
    public long? McResultId { get; init; }
    public int? PartOneRaw { get; init; }
    public int? PartOneMax { get; init; }
    public decimal? PartOnePercent { get; init; }
    public bool? PartOnePassed { get; init; }
    public string? PartOneDomains { get; init; }
    public int? PartOneCut { get; init; }
    /// <summary>The adopted raw cut (out of <see cref="PartOneCutOutOf"/> scored items) the Part One met; null: <see cref="PartOneCut"/> percent.</summary>
    public int? PartOneCutRaw { get; init; }
    public int? PartOneCutOutOf { get; init; }
    public decimal? PartTwoRaw { get; init; }
    public int? PartTwoMax { get; init; }
    public decimal? PartTwoPercent { get; init; }
    public bool? PartTwoPassed { get; init; }
    public int? PartTwoCut { get; init; }
    public long? PartOneCarriedFrom { get; init; }
    public long? PartTwoCarriedFrom { get; init; }
    public bool OverallPassed { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public DateTimeOffset? SupersededAt { get; init; }
    public DateTimeOffset? ReleasedAt { get; init; }
    public string? ReleasedBy { get; init; }

    public bool IsReleased => ReleasedAt is not null;

    /// <summary>The Part One pass mark this result met: the adopted raw cut when it carries one, else the published percent.</summary>
    public PassMark PartOneMark() => PassMark.Of(PartOneCutRaw, PartOneCutOutOf, PartOneCut ?? 80);
}

/// <summary>A current result with the candidate and sitting it belongs to, for committee and coordinator lists.</summary>
public sealed record ResultRow
{
    public ExamResult Result { get; init; } = new();
    public string CandidateNumber { get; init; } = "";
    public string FullName { get; init; } = "";
    public string Track { get; init; } = "";
}

public sealed class ExamResultStore
{
    private const string Columns = """
        x.id, x.candidate_id AS CandidateId, x.attempt_id AS AttemptId, x.sitting_id AS SittingId, x.form_id AS FormId,
        x.mc_result_id AS McResultId, x.part_one_raw AS PartOneRaw, x.part_one_max AS PartOneMax, x.part_one_percent AS PartOnePercent,
        x.part_one_passed AS PartOnePassed, x.part_one_domains AS PartOneDomains, x.part_one_cut AS PartOneCut, x.part_one_cut_raw AS PartOneCutRaw,
        x.part_one_cut_out_of AS PartOneCutOutOf,
        x.part_two_raw AS PartTwoRaw, x.part_two_max AS PartTwoMax, x.part_two_percent AS PartTwoPercent, x.part_two_passed AS PartTwoPassed,
        x.part_two_cut AS PartTwoCut, x.part_one_carried_from AS PartOneCarriedFrom, x.part_two_carried_from AS PartTwoCarriedFrom,
        x.overall_passed AS OverallPassed, x.recorded_at AS RecordedAt, x.superseded_at AS SupersededAt,
        x.released_at AS ReleasedAt, x.released_by AS ReleasedBy
        """;

    private static readonly SqlStatement Supersede = SqlStatement.Portable(
        "UPDATE exam_results SET superseded_at = @At WHERE attempt_id = @AttemptId AND superseded_at IS NULL;");

    private static readonly SqlStatement Insert = SqlStatement.Of(d => d.InsertReturningId("""
        INSERT INTO exam_results (candidate_id, attempt_id, sitting_id, form_id, mc_result_id, part_one_raw, part_one_max, part_one_percent,
            part_one_passed, part_one_domains, part_one_cut, part_one_cut_raw, part_one_cut_out_of, part_two_raw, part_two_max, part_two_percent, part_two_passed, part_two_cut,
            part_one_carried_from, part_two_carried_from, overall_passed, recorded_at)
        VALUES (@CandidateId, @AttemptId, @SittingId, @FormId, @McResultId, @PartOneRaw, @PartOneMax, @PartOnePercent,
            @PartOnePassed, @PartOneDomains, @PartOneCut, @PartOneCutRaw, @PartOneCutOutOf, @PartTwoRaw, @PartTwoMax, @PartTwoPercent, @PartTwoPassed, @PartTwoCut,
            @PartOneCarriedFrom, @PartTwoCarriedFrom, @OverallPassed, @RecordedAt)
        """));

    private static readonly SqlStatement CurrentOfAttempt = SqlStatement.Portable(
        $"SELECT {Columns} FROM exam_results x WHERE x.attempt_id = @AttemptId AND x.superseded_at IS NULL;");

    private static readonly SqlStatement ById = SqlStatement.Portable($"SELECT {Columns} FROM exam_results x WHERE x.id = @Id;");

    private static readonly SqlStatement OfCandidate = SqlStatement.Portable(
        $"SELECT {Columns} FROM exam_results x WHERE x.candidate_id = @CandidateId ORDER BY x.id DESC;");

    private static readonly SqlStatement CurrentOfSitting = SqlStatement.Portable($"""
        SELECT {Columns}, c.candidate_number AS CandidateNumber, c.full_name AS FullName, c.track
        FROM exam_results x JOIN candidates c ON c.id = x.candidate_id
        WHERE x.sitting_id = @SittingId AND x.superseded_at IS NULL
        ORDER BY c.candidate_number;
        """);

    private static readonly SqlStatement ReleaseSql = SqlStatement.Portable("""
        UPDATE exam_results SET released_at = @At, released_by = @By
        WHERE sitting_id = @SittingId AND superseded_at IS NULL AND released_at IS NULL;
        """);

    // Parts passed at other attempts, newest first: a later attempt may count them while they are valid.
    private static readonly SqlStatement EarlierPasses = SqlStatement.Portable($"""
        SELECT {Columns} FROM exam_results x
        WHERE x.candidate_id = @CandidateId AND x.attempt_id <> @AttemptId AND x.superseded_at IS NULL
          AND x.recorded_at >= @Since AND (x.part_one_passed = 1 OR x.part_two_passed = 1)
        ORDER BY x.recorded_at DESC;
        """);

    private static readonly SqlStatement SubmittedAttemptsOfSitting = SqlStatement.Portable("""
        SELECT a.id FROM attempts a JOIN registrations g ON g.id = a.registration_id
        WHERE g.sitting_id = @SittingId AND a.status = 'submitted'
        ORDER BY a.id;
        """);

    private static readonly SqlStatement SittingsWithResults = SqlStatement.Portable("""
        SELECT sitting_id AS SittingId, COUNT(*) AS Recorded, SUM(CASE WHEN released_at IS NULL THEN 0 ELSE 1 END) AS Released
        FROM exam_results WHERE superseded_at IS NULL GROUP BY sitting_id;
        """);

    public async Task<long> RecordAsync(DbSession s, ExamResult result, CancellationToken ct = default)
    {
        await s.ExecuteAsync(Supersede, new { result.AttemptId, At = result.RecordedAt }, ct);
        return await s.ExecuteScalarAsync<long>(Insert, result, ct);
    }

    public Task<ExamResult?> CurrentAsync(DbSession s, long attemptId, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<ExamResult>(CurrentOfAttempt, new { AttemptId = attemptId }, ct);

    public Task<ExamResult?> GetAsync(DbSession s, long id, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<ExamResult>(ById, new { Id = id }, ct);

    /// <summary>Every result of the candidate, current and superseded, newest first.</summary>
    public async Task<IReadOnlyList<ExamResult>> HistoryAsync(DbSession s, long candidateId, CancellationToken ct = default) =>
        (await s.QueryAsync<ExamResult>(OfCandidate, new { CandidateId = candidateId }, ct)).ToList();

    public async Task<IReadOnlyList<ResultRow>> ForSittingAsync(DbSession s, long sittingId, CancellationToken ct = default) =>
        (await s.Connection.QueryRowsAsync(CurrentOfSitting.For(s.Dialect), new { SittingId = sittingId }, s.Transaction, ct)).ToList();

    /// <summary>Candidates of the sitting whose current result is unreleased though an earlier one of the same attempt was released.</summary>
    public Task<int> ChangedAfterReleaseAsync(DbSession s, long sittingId, CancellationToken ct = default) =>
        s.ExecuteScalarAsync<int>(ChangedAfterRelease, new { SittingId = sittingId }, ct);

    private static readonly SqlStatement ChangedAfterRelease = SqlStatement.Portable("""
        SELECT COUNT(DISTINCT x.candidate_id) FROM exam_results x
        WHERE x.sitting_id = @SittingId AND x.superseded_at IS NULL AND x.released_at IS NULL
          AND EXISTS (SELECT 1 FROM exam_results e WHERE e.attempt_id = x.attempt_id AND e.released_at IS NOT NULL);
        """);

    /// <summary>Releases the sitting's current unreleased results; the number released.</summary>
    public Task<int> ReleaseAsync(DbSession s, long sittingId, string by, DateTimeOffset at, CancellationToken ct = default) =>
        s.ExecuteAsync(ReleaseSql, new { SittingId = sittingId, By = by, At = at }, ct);

    public async Task<IReadOnlyList<ExamResult>> EarlierPassesAsync(
        DbSession s, long candidateId, long attemptId, DateTimeOffset since, CancellationToken ct = default) =>
        (await s.QueryAsync<ExamResult>(EarlierPasses, new { CandidateId = candidateId, AttemptId = attemptId, Since = since }, ct)).ToList();

    public async Task<IReadOnlyList<long>> SubmittedAttemptsAsync(DbSession s, long sittingId, CancellationToken ct = default) =>
        (await s.QueryAsync<long>(SubmittedAttemptsOfSitting, new { SittingId = sittingId }, ct)).ToList();

    public async Task<IReadOnlyDictionary<long, (int Recorded, int Released)>> SittingCountsAsync(DbSession s, CancellationToken ct = default) =>
        (await s.QueryAsync<SittingCount>(SittingsWithResults, ct: ct)).ToDictionary(c => c.SittingId, c => (c.Recorded, c.Released));

    private sealed record SittingCount
    {
        public long SittingId { get; init; }
        public int Recorded { get; init; }
        public int Released { get; init; }
    }
}

internal static class ResultRowReader
{
    /// <summary>Reads the result columns and the candidate columns that follow them into one row.</summary>
    public static async Task<IEnumerable<ResultRow>> QueryRowsAsync(
        this System.Data.Common.DbConnection connection, string sql, object param, System.Data.Common.DbTransaction? tx, CancellationToken ct) =>
        await Dapper.SqlMapper.QueryAsync<ExamResult, ResultRow, ResultRow>(connection,
            new Dapper.CommandDefinition(sql, param, tx, cancellationToken: ct),
            (result, row) => row with { Result = result }, splitOn: "CandidateNumber");
}
