using Exam.Data.Database;

namespace Exam.Data.Rating;

/// <summary>A submitted read of a final response, with what the candidate's feedback and criterion scores are made of.</summary>
public sealed record FinalRead
{
    public long ResponseId { get; init; }
    public string Code { get; init; } = "";
    public long AttemptId { get; init; }
    public long ItemVersionId { get; init; }
    public long RubricVersionId { get; init; }
    public string EssaySet { get; init; } = "";
    public string FormId { get; init; } = "";
    public decimal? FinalScore { get; init; }
    public bool Adjudicated { get; init; }
    public int ReadNo { get; init; }
    public int Total { get; init; }
    public string? ScoresJson { get; init; }
    public string? Feedback { get; init; }
}

/// <summary>A stored review of an essay's feedback (see Exam.Core.Rating.CandidateFeedback).</summary>
public sealed record StoredFeedbackReview
{
    public long ResponseId { get; init; }
    public string Source { get; init; } = "";
    public string Feedback { get; init; } = "";
    public bool Edited { get; init; }
    public int Version { get; init; }
    public string ReviewedBy { get; init; } = "";
    public DateTimeOffset ReviewedAt { get; init; }
}

/// <summary>
/// The reads of final responses and their feedback reviews, by sitting, attempt or response code. A review is saved
/// with a version check (insert when there was none, else update the version the reviewer saw), so two reviewers saving
/// at once on two nodes never overwrite each other unseen.
/// </summary>
public sealed class FeedbackReviewStore
{
    private const string ReadColumns = """
        r.id AS ResponseId, r.code, r.attempt_id AS AttemptId, r.item_version_id AS ItemVersionId, r.rubric_version_id AS RubricVersionId,
        r.essay_set AS EssaySet, r.form_id AS FormId, r.final_score AS FinalScore, r.adjudicated, t.read_no AS ReadNo, t.total,
        t.scores_json AS ScoresJson, t.feedback
        """;

    private const string ReviewColumns = """
        v.response_id AS ResponseId, v.source, v.feedback, v.edited, v.version, v.reviewed_by AS ReviewedBy, v.reviewed_at AS ReviewedAt
        """;

    private const string OfSitting =
        "r.attempt_id IN (SELECT a.id FROM attempts a JOIN registrations g ON g.id = a.registration_id WHERE g.sitting_id = @Key)";

    private static SqlStatement Reads(string where) => SqlStatement.Portable($"""
        SELECT {ReadColumns} FROM rating_responses r JOIN rating_tasks t ON t.response_id = r.id
        WHERE r.status = 'final' AND t.status = 'submitted' AND {where}
        ORDER BY r.id, t.read_no;
        """);

    private static SqlStatement Reviews(string where) => SqlStatement.Portable($"""
        SELECT {ReviewColumns} FROM feedback_reviews v JOIN rating_responses r ON r.id = v.response_id WHERE {where};
        """);

    private static readonly SqlStatement ReadsOfSitting = Reads(OfSitting);
    private static readonly SqlStatement ReadsOfAttempt = Reads("r.attempt_id = @Key");
    private static readonly SqlStatement ReadsOfCode = Reads("r.code = @Key");
    private static readonly SqlStatement ReviewsOfSitting = Reviews(OfSitting);
    private static readonly SqlStatement ReviewsOfAttempt = Reviews("r.attempt_id = @Key");
    private static readonly SqlStatement ReviewsOfCode = Reviews("r.code = @Key");

    private static readonly SqlStatement Insert = SqlStatement.Portable("""
        INSERT INTO feedback_reviews (response_id, source, feedback, edited, version, reviewed_by, reviewed_at)
        VALUES (@ResponseId, @Source, @Feedback, @Edited, 1, @ReviewedBy, @ReviewedAt);
        """);

    private static readonly SqlStatement Update = SqlStatement.Portable("""
        UPDATE feedback_reviews SET source = @Source, feedback = @Feedback, edited = @Edited, version = version + 1,
               reviewed_by = @ReviewedBy, reviewed_at = @ReviewedAt
        WHERE response_id = @ResponseId AND version = @Version;
        """);

    public Task<(IReadOnlyList<FinalRead>, IReadOnlyList<StoredFeedbackReview>)> OfSittingAsync(DbSession s, long sittingId, CancellationToken ct = default) =>
        LoadAsync(s, ReadsOfSitting, ReviewsOfSitting, sittingId, ct);

    public Task<(IReadOnlyList<FinalRead>, IReadOnlyList<StoredFeedbackReview>)> OfAttemptAsync(DbSession s, long attemptId, CancellationToken ct = default) =>
        LoadAsync(s, ReadsOfAttempt, ReviewsOfAttempt, attemptId, ct);

    public Task<(IReadOnlyList<FinalRead>, IReadOnlyList<StoredFeedbackReview>)> OfCodeAsync(DbSession s, string code, CancellationToken ct = default) =>
        LoadAsync(s, ReadsOfCode, ReviewsOfCode, code, ct);

    /// <summary>
    /// Saves a review over the version the reviewer saw (0: none yet); false when someone else saved one meanwhile.
    /// </summary>
    public async Task<bool> SaveAsync(DbSession s, StoredFeedbackReview review, CancellationToken ct = default)
    {
        if (review.Version > 0) return await s.ExecuteAsync(Update, review, ct) == 1;
        try
        {
            return await s.ExecuteAsync(Insert, review, ct) == 1;
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            return false;
        }
    }

    private static async Task<(IReadOnlyList<FinalRead>, IReadOnlyList<StoredFeedbackReview>)> LoadAsync(
        DbSession s, SqlStatement reads, SqlStatement reviews, object key, CancellationToken ct)
    {
        var r = (await s.QueryAsync<FinalRead>(reads, new { Key = key }, ct)).ToList();
        var v = (await s.QueryAsync<StoredFeedbackReview>(reviews, new { Key = key }, ct)).ToList();
        return (r, v);
    }
}
