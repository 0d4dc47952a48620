using System.Net;
using Exam.Core.Accounts;
using Exam.Core.ItemBank;
using Exam.Web.Tests.Fixtures;

namespace Exam.Web.Tests.Pages.Committee;

/// <summary>A committee that asks for two reviewers (ItemBank:RequiredReviewers = 2).</summary>
public sealed class TwoReviewerAppFactory : ExamAppFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["ItemBank:RequiredReviewers"] = "2" };
}

public sealed class TwoReviewerApprovalTests(TwoReviewerAppFactory factory) : IClassFixture<TwoReviewerAppFactory>
{
    [Fact]
    public async Task With_two_reviewers_configured_a_version_is_approved_by_the_second_distinct_reviewer()
    {
        var item = await factory.McqAsync(status: ItemStatus.InReview, author: "item-writer");
        var first = await factory.SessionAsync("committee");
        var (response, _) = await first.ReviewAsync(factory, item.ItemId, "Approve", "one");
        var page = await first.FollowAsync(response);
        Assert.Contains("Your approval of version 1 is recorded; it needs more reviewers before it is approved.", page);
        Assert.Contains("(2 needed to approve)", page);
        Assert.Equal(ItemStatus.InReview, (await factory.LatestAsync(item.ItemId))!.ItemStatus);

        var (twice, html) = await first.ReviewAsync(factory, item.ItemId, "Approve", "again");
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("You have already approved this version; it needs another committee member&#x27;s approval.", html);

        var (user, password) = await factory.CreateStaffAsync(Roles.Committee);
        var second = Browserless.For(factory);
        await second.StaffSignInAsync(user, password);
        var (approved, _) = await second.ReviewAsync(factory, item.ItemId, "Approve", "two");
        Assert.Contains("Version 1 is approved.", await second.FollowAsync(approved));
        Assert.Equal(ItemStatus.Approved, (await factory.LatestAsync(item.ItemId))!.ItemStatus);
    }
}
