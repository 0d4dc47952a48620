using Exam.Core.ItemBank;
using Exam.Data.Audit;
using Exam.Data.ItemBank;
using Exam.Data.Tests.Fixtures;
using Exam.ItemBank.Services;
using Exam.ItemBank.Tests.Fixtures;

namespace Exam.ItemBank.Tests.Services;

public abstract class ItemWorkflowServiceTests<TFixture> : IAsyncLifetime where TFixture : DatabaseFixture, new()
{
    private readonly TFixture _db = new();
    private readonly TempBank _bank = new();
    private ItemBankStore _store = null!;
    private AuditLog _audit = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _store = new ItemBankStore(_db.Clock);
        _audit = new AuditLog(_db.Clock);
        await TempBank.AddCommitteeAsync(_db.Db, _db.Clock);
    }

    public async Task DisposeAsync()
    {
        _bank.Dispose();
        await _db.DisposeAsync();
    }

    private ItemWorkflowService Service(int requiredReviewers = 1) => new(_db.Db, _store, _audit, new ItemWorkflow(requiredReviewers));

    private async Task ImportAsync(bool publishForm = false)
    {
        if (publishForm) _bank.Edit("forms/form-test.yaml", "status: draft", "status: published");
        var result = await new ItemBankImporter(_db.Db, _store, _audit).ImportAsync(_bank.Root, "importer");
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
    }

    private async Task<StoredItemVersion> LatestAsync(string itemId)
    {
        await using var s = await _db.Db.OpenAsync();
        return (await _store.LatestItemVersionAsync(s, itemId))!;
    }

    [SkippableFact]
    public async Task Nobody_approves_a_version_they_authored()
    {
        await ImportAsync();
        var outcome = await Service().ApproveAsync("ref-002", "item-writer-3", "Looks fine to me.");
        Assert.False(outcome.Succeeded);
        Assert.Contains("cannot approve", outcome.Error);
        Assert.Equal(ItemStatus.InReview, (await LatestAsync("ref-002")).ItemStatus);
    }

    [SkippableFact]
    public async Task A_reviewer_approves_a_version_in_review_with_a_comment_and_it_is_audited()
    {
        await ImportAsync();
        var outcome = await Service().ApproveAsync("ref-002", "committee-chair", "Clear stem, good distractors.");
        Assert.True(outcome.Succeeded);
        Assert.Equal(ItemStatus.Approved, outcome.Status);
        var version = await LatestAsync("ref-002");
        Assert.Equal(ItemStatus.Approved, version.ItemStatus);
        await using var s = await _db.Db.OpenAsync();
        var review = Assert.Single(await _store.ReviewsAsync(s, version.Id));
        Assert.Equal(("committee-chair", ReviewDecisions.Approved, "Clear stem, good distractors."), (review.Reviewer, review.Decision, review.Comment));
        var audit = (await _audit.RecentAsync(s, subjectType: "item", subjectId: "ref-002"))[0];
        Assert.Equal(ItemBankAuditActions.ItemStatusChanged, audit.Action);
        Assert.Equal("committee-chair", audit.Actor);
        Assert.Equal("Clear stem, good distractors.", audit.Detail);
    }

    [SkippableFact]
    public async Task With_two_reviewers_required_a_version_stays_in_review_until_the_second_approves()
    {
        await ImportAsync();
        var service = Service(requiredReviewers: 2);
        var first = await service.ApproveAsync("ref-002", "committee-chair", "Yes.");
        Assert.True(first.Succeeded);
        Assert.Equal(ItemStatus.InReview, (await LatestAsync("ref-002")).ItemStatus);
        var again = await service.ApproveAsync("ref-002", "committee-chair", "Yes, again.");
        Assert.False(again.Succeeded);
        var second = await service.ApproveAsync("ref-002", "committee-member", "Agreed.");
        Assert.Equal(ItemStatus.Approved, second.Status);
        Assert.Equal(ItemStatus.Approved, (await LatestAsync("ref-002")).ItemStatus);
    }

    [SkippableFact]
    public async Task Requesting_changes_sends_it_back_to_draft_and_it_can_be_resubmitted()
    {
        await ImportAsync();
        var service = Service();
        Assert.Equal(ItemStatus.Draft, (await service.RequestChangesAsync("ref-002", "committee-chair", "Option C is also defensible.")).Status);
        Assert.False((await service.ApproveAsync("ref-002", "committee-chair", "Oops.")).Succeeded);
        Assert.Equal(ItemStatus.InReview, (await service.SubmitAsync("ref-002", "item-writer-3", "Reworded C.")).Status);
        Assert.True((await service.CommentAsync("ref-002", "committee-member", "Fine now.")).Succeeded);
    }

    [SkippableFact]
    public async Task Retired_is_final()
    {
        await ImportAsync();
        var service = Service();
        Assert.Equal(ItemStatus.Retired, (await service.RetireAsync("tf-003", "committee-chair", "Outdated reference.")).Status);
        Assert.False((await service.SubmitAsync("tf-003", "item-writer-1", "Again?")).Succeeded);
        Assert.False((await service.RetireAsync("tf-003", "committee-chair", "Twice.")).Succeeded);
    }

    [SkippableFact]
    public async Task Retiring_an_item_a_published_form_pins_warns_until_confirmed()
    {
        await ImportAsync(publishForm: true);
        var service = Service();
        var warned = await service.RetireAsync("tf-001", "committee-chair", "Key disputed.");
        Assert.False(warned.Succeeded);
        Assert.True(warned.NeedsConfirmation);
        Assert.Equal(["form-test"], warned.PublishedForms);
        Assert.Contains("form-test", warned.Warning);
        Assert.Equal(ItemStatus.Approved, (await LatestAsync("tf-001")).ItemStatus);

        var confirmed = await service.RetireAsync("tf-001", "committee-chair", "Key disputed; confirmed.", confirmed: true);
        Assert.True(confirmed.Succeeded);
        Assert.Equal(["form-test"], confirmed.PublishedForms);
        Assert.Equal(ItemStatus.Retired, (await LatestAsync("tf-001")).ItemStatus);

        // The published form still lints and imports: it pinned an approved version, since retired.
        await new ItemBankExporter(_db.Db, _store).ExportAsync(_bank.Root);
        var again = await new ItemBankImporter(_db.Db, _store, _audit).ImportAsync(_bank.Root, "importer");
        Assert.True(again.Succeeded, string.Join("\n", again.Problems));
        Assert.True(again.ChangedNothing);
    }

    [SkippableFact]
    public async Task An_unknown_item_is_an_error()
    {
        await ImportAsync();
        Assert.Equal("there is no item 'nope'", (await Service().SubmitAsync("nope", "someone", null)).Error);
    }
}

public sealed class SqliteItemWorkflowServiceTests : ItemWorkflowServiceTests<SqliteFixture>;

public sealed class SqlServerItemWorkflowServiceTests : ItemWorkflowServiceTests<SqlServerFixture>;
