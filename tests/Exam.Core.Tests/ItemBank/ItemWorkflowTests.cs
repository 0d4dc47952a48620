using Exam.Core.ItemBank;

namespace Exam.Core.Tests.ItemBank;

public sealed class ItemWorkflowTests
{
    private readonly ItemWorkflow _one = new();
    private readonly ItemWorkflow _two = new(requiredReviewers: 2);

    [Theory]
    [InlineData(ItemStatus.Draft, ItemStatus.InReview, true)]
    [InlineData(ItemStatus.InReview, ItemStatus.Approved, true)]
    [InlineData(ItemStatus.InReview, ItemStatus.Draft, true)]
    [InlineData(ItemStatus.Approved, ItemStatus.Retired, true)]
    [InlineData(ItemStatus.Draft, ItemStatus.Approved, false)]
    [InlineData(ItemStatus.Approved, ItemStatus.Draft, false)]
    [InlineData(ItemStatus.Approved, ItemStatus.InReview, false)]
    [InlineData(ItemStatus.Retired, ItemStatus.Approved, false)]
    [InlineData(ItemStatus.Retired, ItemStatus.Draft, false)]
    [InlineData(ItemStatus.Draft, ItemStatus.Retired, false)]
    public void Only_the_workflow_steps_are_allowed(ItemStatus from, ItemStatus to, bool allowed) =>
        Assert.Equal(allowed, ItemWorkflow.IsAllowed(from, to));

    [Fact]
    public void Retired_is_final()
    {
        foreach (var to in Enum.GetValues<ItemStatus>().Where(s => s != ItemStatus.Retired))
        {
            Assert.False(ItemWorkflow.IsAllowed(ItemStatus.Retired, to));
            Assert.False(ItemWorkflow.IsAllowedFileChange(ItemStatus.Retired, to));
        }
        Assert.False(_one.Submit(ItemStatus.Retired).Succeeded);
    }

    [Fact]
    public void Nobody_approves_a_version_they_authored()
    {
        var result = _one.Approve(ItemStatus.InReview, "writer-1", [], "Writer-1");
        Assert.False(result.Succeeded);
        Assert.Equal(ItemStatus.InReview, result.Status);
        Assert.Contains("wrote this version", result.Error);
    }

    [Fact]
    public void One_reviewer_approves_by_default()
    {
        var result = _one.Approve(ItemStatus.InReview, "writer-1", [], "chair");
        Assert.True(result.Succeeded);
        Assert.Equal(ItemStatus.Approved, result.Status);
    }

    [Fact]
    public void With_two_reviewers_required_the_first_approval_keeps_the_version_in_review()
    {
        var first = _two.Approve(ItemStatus.InReview, "writer-1", [], "chair");
        Assert.True(first.Succeeded);
        Assert.Equal(ItemStatus.InReview, first.Status);
        var second = _two.Approve(ItemStatus.InReview, "writer-1", ["chair"], "member");
        Assert.Equal(ItemStatus.Approved, second.Status);
    }

    [Fact]
    public void The_same_reviewer_cannot_approve_twice_to_reach_two()
    {
        var again = _two.Approve(ItemStatus.InReview, "writer-1", ["chair"], "CHAIR");
        Assert.False(again.Succeeded);
        Assert.Contains("already approved", again.Error);
    }

    [Fact]
    public void Only_a_version_in_review_can_be_approved()
    {
        Assert.False(_one.Approve(ItemStatus.Draft, "writer-1", [], "chair").Succeeded);
        Assert.False(_one.Approve(ItemStatus.Approved, "writer-1", [], "chair").Succeeded);
    }

    [Fact]
    public void Requesting_changes_sends_a_version_in_review_back_to_draft()
    {
        Assert.Equal(ItemStatus.Draft, _one.RequestChanges(ItemStatus.InReview).Status);
        Assert.False(_one.RequestChanges(ItemStatus.Approved).Succeeded);
    }

    [Fact]
    public void Only_an_approved_version_can_be_retired()
    {
        Assert.Equal(ItemStatus.Retired, _one.Retire(ItemStatus.Approved).Status);
        Assert.False(_one.Retire(ItemStatus.Draft).Succeeded);
    }

    [Fact]
    public void A_file_stating_approved_needs_enough_reviewers_none_the_author()
    {
        Assert.Null(_one.CheckReviewers(ItemStatus.Approved, "writer-1", ["chair"]));
        Assert.Contains("needs 1 reviewer", _one.CheckReviewers(ItemStatus.Approved, "writer-1", []));
        Assert.Contains("needs 2 reviewers", _two.CheckReviewers(ItemStatus.Approved, "writer-1", ["chair", "Chair"]));
        Assert.Null(_two.CheckReviewers(ItemStatus.Approved, "writer-1", ["chair", "member"]));
        Assert.Contains("author 'writer-1' is among the reviewers", _one.CheckReviewers(ItemStatus.Approved, "writer-1", ["writer-1"]));
        Assert.Null(_one.CheckReviewers(ItemStatus.InReview, "writer-1", []));
    }

    [Fact]
    public void A_file_may_move_a_stored_version_forward_but_not_back()
    {
        Assert.True(ItemWorkflow.IsAllowedFileChange(ItemStatus.Draft, ItemStatus.Approved));
        Assert.True(ItemWorkflow.IsAllowedFileChange(ItemStatus.InReview, ItemStatus.Draft));
        Assert.False(ItemWorkflow.IsAllowedFileChange(ItemStatus.Approved, ItemStatus.InReview));
    }
}
