using Exam.Core.Rating;

namespace Exam.Core.Tests.Rating;

public sealed class CandidateFeedbackTests
{
    private static readonly string Proposed = CandidateFeedback.Proposed([" Good observation. ", null, "", "Say more about theory."]);

    [Fact]
    public void The_proposal_is_the_counting_reads_feedback_one_paragraph_each() =>
        Assert.Equal("Good observation.\n\nSay more about theory.", Proposed);

    [Fact]
    public void Agreeing_reads_go_out_as_written_until_reviewed()
    {
        Assert.Equal(FeedbackState.AsWritten, CandidateFeedback.State(Proposed, discrepant: false, review: null));
        Assert.Equal(["Good observation.", "Say more about theory."], CandidateFeedback.ForCandidate(Proposed, false, null));
    }

    [Fact]
    public void Discrepant_reads_are_held_until_a_review_of_this_very_text()
    {
        Assert.Null(CandidateFeedback.ForCandidate(Proposed, discrepant: true, review: null));
        Assert.Equal(FeedbackState.Held, CandidateFeedback.State(Proposed, true, new FeedbackReview("an older proposal", "Old.", false, 1)));
        var approved = new FeedbackReview(Proposed, Proposed, Edited: false, Version: 1);
        Assert.Equal(FeedbackState.Approved, CandidateFeedback.State(Proposed, true, approved));
        Assert.Equal(["Good observation.", "Say more about theory."], CandidateFeedback.ForCandidate(Proposed, true, approved));
        var edited = new FeedbackReview(Proposed, "One reviewed paragraph.", Edited: true, Version: 2);
        Assert.Equal(FeedbackState.Edited, CandidateFeedback.State(Proposed, true, edited));
        Assert.Equal(["One reviewed paragraph."], CandidateFeedback.ForCandidate(Proposed, true, edited));
    }

    [Fact]
    public void A_review_of_reads_that_changed_since_no_longer_stands() =>
        Assert.Equal(["Raw."], CandidateFeedback.ForCandidate("Raw.", false, new FeedbackReview("Before.", "Edited.", true, 1)));

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void An_empty_edit_is_refused(string? text) => Assert.NotNull(CandidateFeedback.CheckEdit(text));

    [Fact]
    public void An_overlong_edit_is_refused_and_a_fair_one_accepted()
    {
        Assert.NotNull(CandidateFeedback.CheckEdit(new string('x', CandidateFeedback.MaxLength + 1)));
        Assert.Null(CandidateFeedback.CheckEdit("Clear and kind."));
    }
}
