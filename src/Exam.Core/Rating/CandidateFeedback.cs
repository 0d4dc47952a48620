namespace Exam.Core.Rating;

/// <summary>How far the feedback on one essay has been reviewed.</summary>
public enum FeedbackState
{
    /// <summary>The raters agreed: their feedback goes out as written unless a reviewer changes it.</summary>
    AsWritten,

    /// <summary>The reads were discrepant: nothing goes out until a lead rater or the committee reviews it.</summary>
    Held,

    Approved,
    Edited,
}

/// <summary>A review of an essay's feedback: of which proposed text (<see cref="Source"/>), and what the candidate gets.</summary>
public sealed record FeedbackReview(string Source, string Text, bool Edited, int Version);

/// <summary>
/// What a candidate reads about one essay: the feedback of the reads that count (EssayResolution.CountingReads), one
/// paragraph per read. After a discrepancy it reaches the candidate only once reviewed, since reads that disagreed on
/// the score may disagree in what they say. A review stands only for the text it was made of: if the reads change, the
/// essay is back to unreviewed.
/// </summary>
public static class CandidateFeedback
{
    /// <summary>An edited text may be as long as the three reads' feedback together.</summary>
    public const int MaxLength = 30_000;

    public static string Proposed(IEnumerable<string?> countingFeedback) =>
        string.Join("\n\n", countingFeedback.Select(f => f?.Trim() ?? "").Where(f => f.Length > 0));

    public static FeedbackState State(string proposed, bool discrepant, FeedbackReview? review) =>
        review is not null && review.Source == proposed ? (review.Edited ? FeedbackState.Edited : FeedbackState.Approved)
        : discrepant ? FeedbackState.Held : FeedbackState.AsWritten;

    /// <summary>What the candidate gets, as paragraphs; null while it is held for review.</summary>
    public static IReadOnlyList<string>? ForCandidate(string proposed, bool discrepant, FeedbackReview? review) =>
        State(proposed, discrepant, review) switch
        {
            FeedbackState.Held => null,
            FeedbackState.AsWritten => Paragraphs(proposed),
            _ => Paragraphs(review!.Text),
        };

    /// <summary>A reviewer's text: an error message, or null when it may be saved.</summary>
    public static string? CheckEdit(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "Write the feedback the candidate will read: it may not be empty."
        : text.Length > MaxLength ? $"Feedback is limited to {MaxLength:N0} characters."
        : null;

    private static List<string> Paragraphs(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
