using Dapper;
using Exam.Core.ItemBank;
using Exam.Data.Audit;
using Exam.Data.ItemBank;
using Exam.Data.Tests.Fixtures;
using Exam.ItemBank.Files;
using Exam.ItemBank.Services;
using Exam.ItemBank.Tests.Fixtures;

namespace Exam.ItemBank.Tests.Services;

/// <summary>Rubrics are versioned and reviewed like items: the same rule, the same service, and files that round-trip.</summary>
public abstract class RubricReviewTests<TFixture> : IAsyncLifetime where TFixture : DatabaseFixture, new()
{
    private const string Rubric = "clinical-vignette";
    private const string File = "rubrics/clinical-vignette.md";
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

    private RubricWorkflowService Service(int requiredReviewers = 1) => new(_db.Db, _store, _audit, new ItemWorkflow(requiredReviewers));

    private async Task<ImportResult> ImportAsync()
    {
        var result = await new ItemBankImporter(_db.Db, _store, _audit).ImportAsync(_bank.Root, "importer");
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        return result;
    }

    private async Task<T> ReadAsync<T>(Func<Exam.Data.Database.DbSession, Task<T>> read)
    {
        await using var s = await _db.Db.OpenAsync();
        return await read(s);
    }

    private Task<StoredRubricVersion> LatestAsync() => ReadAsync(async s => (await _store.LatestRubricVersionAsync(s, Rubric))!);

    /// <summary>The bank imported with its form published, then the rubric's notes edited in its file: version 2 as the file says.</summary>
    private async Task<ImportResult> PublishThenEditAsync(string status = "approved", string reviewers = "[committee-chair]")
    {
        _bank.Edit("forms/form-test.yaml", "status: draft", "status: published");
        await ImportAsync();
        _bank.Edit(File, "what a strong answer covers.", "what a strong answer covers, with examples.");
        _bank.Edit(File, "status: approved", $"status: {status}");
        _bank.Edit(File, "reviewers: [committee-chair]", $"reviewers: {reviewers}");
        return await ImportAsync();
    }

    [SkippableFact]
    public async Task An_edited_rubric_file_is_a_new_version_and_the_published_form_keeps_scoring_on_the_one_it_pinned()
    {
        var result = await PublishThenEditAsync();
        Assert.Equal(1, result.RubricVersionsCreated);
        var versions = await ReadAsync(s => _store.RubricVersionsAsync(s, Rubric));
        Assert.Equal([1, 2], versions.Select(v => v.VersionNo));
        Assert.Equal(ItemStatus.Approved, versions[1].ItemStatus);
        Assert.Equal(TempBank.RubricAuthor, versions[1].Author);
        Assert.Contains("with examples", versions[1].Content.Notes);
        // The published form's essays still point at version 1: rating reads the rubric through that pin.
        var pinned = await ReadAsync(s => s.Connection.QueryAsync<long>(
            "SELECT DISTINCT fe.rubric_version_id FROM form_essays fe JOIN rubric_versions r ON r.id = fe.rubric_version_id WHERE fe.form_id = 'form-test' AND r.rubric_id = @R;",
            new { R = Rubric }, s.Transaction));
        Assert.Equal([versions[0].Id], pinned);
        var rubricRated = await ReadAsync(s => new Exam.Data.Rating.RatingStore().RubricAsync(s, versions[0].Id));
        Assert.DoesNotContain("with examples", rubricRated!.Notes);
        // New forms pin the latest approved version.
        Assert.Equal(2, (await ReadAsync(s => _store.LatestApprovedRubricVersionsAsync(s))).Single(r => r.RubricId == Rubric).VersionNo);
    }

    [SkippableFact]
    public async Task A_rubric_file_claiming_an_approval_without_real_reviewers_lands_as_a_draft()
    {
        var result = await PublishThenEditAsync(reviewers: "[the-chair-we-wish-we-had]");
        Assert.Equal(1, result.Demoted);
        var warning = Assert.Single(result.Warnings, w => w.File == _bank.PathOf(File));
        Assert.Equal(_bank.LineOf(File, "status:"), warning.Line);
        Assert.Equal("lands as draft, not approved: approval needs 1 reviewer who is a committee account other than the author, and none approved it " +
            "('the-chair-we-wish-we-had' is not a staff account); a committee member approves it in the review pages", warning.Message);
        var v2 = await LatestAsync();
        Assert.Equal((2, ItemStatus.Draft), (v2.VersionNo, v2.ItemStatus));
        Assert.Empty(await ReadAsync(s => _store.RubricReviewsAsync(s, v2.Id)));
        // The author cannot approve their own version from a file either.
        _bank.Edit(File, "reviewers: [the-chair-we-wish-we-had]", $"reviewers: [{TempBank.RubricAuthor}]");
        var again = await ImportAsync();
        Assert.Contains(again.Warnings, w => w.Message.Contains($"'{TempBank.RubricAuthor}' is the author", StringComparison.Ordinal));
        Assert.Equal(ItemStatus.Draft, (await LatestAsync()).ItemStatus);
    }

    [SkippableFact]
    public async Task Review_follows_the_item_rule_every_step_audited_and_export_round_trips()
    {
        await PublishThenEditAsync(status: "draft", reviewers: "[]");
        var service = Service();
        Assert.Equal("only a version in review can be approved; this one is draft",
            (await service.ApproveAsync(Rubric, "committee-chair", null)).Error);
        Assert.True((await service.SubmitAsync(Rubric, TempBank.RubricAuthor, "Examples added.")).Succeeded);
        var own = await service.ApproveAsync(Rubric, TempBank.RubricAuthor, "Fine by me.");
        Assert.Equal($"{TempBank.RubricAuthor} wrote this version and cannot approve it", own.Error);
        Assert.True((await service.RequestChangesAsync(Rubric, "committee-member", "Say which examples.")).Succeeded);
        Assert.Equal(ItemStatus.Draft, (await LatestAsync()).ItemStatus);
        Assert.True((await service.SubmitAsync(Rubric, TempBank.RubricAuthor, null)).Succeeded);
        var approved = await service.ApproveAsync(Rubric, "committee-chair", "Clear descriptors.");
        Assert.Equal((true, ItemStatus.Approved), (approved.Succeeded, approved.Status!.Value));

        var audit = await ReadAsync(s => _audit.RecentAsync(s, take: 20, subjectType: "rubric", subjectId: Rubric));
        Assert.Equal(
            [ItemBankAuditActions.RubricStatusChanged, ItemBankAuditActions.RubricStatusChanged, ItemBankAuditActions.RubricStatusChanged,
             ItemBankAuditActions.RubricStatusChanged, ItemBankAuditActions.RubricVersionCreated, ItemBankAuditActions.RubricVersionCreated],
            audit.Select(a => a.Action));
        Assert.Equal(("committee-chair", "Clear descriptors."), (audit[0].Actor, audit[0].Detail));
        Assert.Contains("\"status\":\"approved\"", audit[0].AfterJson);

        // Export writes the reviewed state into the file; importing it back changes nothing.
        await new ItemBankExporter(_db.Db, _store).ExportAsync(_bank.Root);
        var text = _bank.Read(File);
        Assert.Contains($"status: approved\nauthor: {TempBank.RubricAuthor}\nreviewers: [committee-chair]\n", text);
        Assert.True((await ImportAsync()).ChangedNothing);

        // Retiring warns while a published form pins the rubric; retired is final.
        var warned = await service.RetireAsync(Rubric, "committee-chair", "Superseded.");
        Assert.True(warned.NeedsConfirmation);
        Assert.Equal(["form-test"], warned.PublishedForms);
        Assert.True((await service.RetireAsync(Rubric, "committee-chair", "Superseded.", confirmed: true)).Succeeded);
        Assert.Equal("cannot submit for review a version that is retired", (await service.SubmitAsync(Rubric, TempBank.RubricAuthor, null)).Error);
        Assert.DoesNotContain(await ReadAsync(s => _store.LatestApprovedRubricVersionsAsync(s)), r => r.RubricId == Rubric);
    }

    [SkippableFact]
    public async Task With_two_reviewers_required_a_rubric_stays_in_review_until_the_second_approves()
    {
        await PublishThenEditAsync(status: "in-review", reviewers: "[]");
        var service = Service(requiredReviewers: 2);
        Assert.Equal(ItemStatus.InReview, (await service.ApproveAsync(Rubric, "committee-chair", null)).Status);
        Assert.Equal("Committee-Chair has already approved this version", (await service.ApproveAsync(Rubric, "Committee-Chair", null)).Error);
        Assert.Equal(ItemStatus.Approved, (await service.ApproveAsync(Rubric, "committee-member", null)).Status);
    }

    [SkippableFact]
    public async Task A_status_move_read_before_another_node_moved_it_changes_nothing()
    {
        await PublishThenEditAsync(status: "draft", reviewers: "[]");
        var v2 = await LatestAsync();
        await using (var s = await _db.Db.BeginAsync())
        {
            // Read as in-review by a node whose read is stale: the conditional update touches no row.
            Assert.False(await _store.MoveRubricStatusAsync(s, v2.Id, ItemStatus.InReview, ItemStatus.Approved));
            Assert.True(await _store.MoveRubricStatusAsync(s, v2.Id, ItemStatus.Draft, ItemStatus.InReview));
            await s.CommitAsync();
        }
        Assert.Equal(ItemStatus.InReview, (await LatestAsync()).ItemStatus);
    }

    [SkippableFact]
    public async Task A_file_cannot_rename_the_author_of_a_stored_rubric_version_to_approve_its_own_work()
    {
        await ImportAsync();
        _bank.Edit(File, $"author: {TempBank.RubricAuthor}", "author: someone-else");
        var stored = await ReadAsync(s => StoredBank.LoadAsync(_store, s));
        var problem = Assert.Single(new ItemBankLinter().Lint(_bank.ReadBank(), stored), p => p.File == _bank.PathOf(File));
        Assert.Equal(_bank.LineOf(File, "author:"), problem.Line);
        Assert.StartsWith($"author cannot change: the stored version {Rubric}@", problem.Message);
    }
}

public sealed class SqliteRubricReviewTests : RubricReviewTests<SqliteFixture>;

public sealed class SqlServerRubricReviewTests : RubricReviewTests<SqlServerFixture>;
