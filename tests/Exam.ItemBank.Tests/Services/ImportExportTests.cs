using Dapper;
using Exam.Core.ItemBank;
using Exam.Data.Audit;
using Exam.Data.ItemBank;
using Exam.Data.Tests.Fixtures;
using Exam.ItemBank.Files;
using Exam.ItemBank.Services;
using Exam.ItemBank.Tests.Fixtures;

namespace Exam.ItemBank.Tests.Services;

/// <summary>Import, export and versioning against a real database of each provider; a fresh database per test.</summary>
public abstract class ImportExportTests<TFixture> : IAsyncLifetime where TFixture : DatabaseFixture, new()
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

    private ItemBankImporter Importer(int requiredReviewers = 1) =>
        new(_db.Db, _store, _audit, new LintOptions { RequiredReviewers = requiredReviewers });

    private ItemBankExporter Exporter() => new(_db.Db, _store);

    private async Task<T> ReadAsync<T>(Func<Exam.Data.Database.DbSession, Task<T>> read)
    {
        await using var s = await _db.Db.OpenAsync();
        return await read(s);
    }

    private Task<int> CountAsync(string table) =>
        ReadAsync(s => s.Connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM {table};"));

    private static Dictionary<string, string> Snapshot(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllText);

    [SkippableFact]
    public async Task A_file_that_claims_an_approval_without_real_reviewers_lands_as_a_draft()
    {
        _bank.Edit("items/tf-003.md", "reviewers: [committee-chair]", "reviewers: [someone-we-never-met]");
        _bank.Edit("items/tf-002.md", "reviewers: [committee-chair]", "reviewers: [item-writer-1, committee-chair]");
        var result = await Importer().ImportAsync(_bank.Root, "importer");
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(1, result.Demoted);
        var warning = Assert.Single(result.Warnings, w => w.File == _bank.PathOf("items/tf-003.md"));
        Assert.Equal(_bank.LineOf("items/tf-003.md", "status:"), warning.Line);
        Assert.Equal("lands as draft, not approved: approval needs 1 reviewer who is a committee account other than the author, and none approved it " +
            "('someone-we-never-met' is not a staff account); a committee member approves it in the review pages", warning.Message);
        var tf3 = await ReadAsync(s => _store.LatestItemVersionAsync(s, "tf-003"));
        Assert.Equal(ItemStatus.Draft, tf3!.ItemStatus);
        Assert.Empty(await ReadAsync(s => _store.ReviewsAsync(s, tf3.Id)));
        // The author among the reviewers is not recorded; the real committee member is, and approves.
        var tf2 = await ReadAsync(s => _store.LatestItemVersionAsync(s, "tf-002"));
        Assert.Equal(ItemStatus.Approved, tf2!.ItemStatus);
        Assert.Equal(["committee-chair"], (await ReadAsync(s => _store.ReviewsAsync(s, tf2.Id))).Select(r => r.Reviewer));
        Assert.Contains(result.Warnings, w => w.File == _bank.PathOf("items/tf-002.md") && w.Message.Contains("'item-writer-1' is the author"));
    }

    [SkippableFact]
    public async Task A_form_that_pins_a_version_whose_approval_does_not_hold_stops_the_import()
    {
        _bank.Edit("items/tf-001.md", "reviewers: [committee-chair]", "reviewers: [committee-chair-typo]");
        _bank.Edit("forms/form-test.yaml", "status: draft", "status: published");
        var result = await Importer().ImportAsync(_bank.Root, "importer");
        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.File == _bank.PathOf("forms/form-test.yaml") && p.Message.Contains("which is draft, not approved"));
        Assert.Contains(result.Warnings, w => w.File == _bank.PathOf("items/tf-001.md") && w.Message.StartsWith("lands as draft", StringComparison.Ordinal));
        Assert.Equal(0, await CountAsync("item_versions"));
    }

    [SkippableFact]
    public async Task Import_records_the_blueprint_once_and_audits_the_import()
    {
        var first = await Importer().ImportAsync(_bank.Root, "importer");
        Assert.True(first.BlueprintChanged);
        var again = await Importer().ImportAsync(_bank.Root, "importer");
        Assert.False(again.BlueprintChanged);
        Assert.Equal(1, await CountAsync("bank_blueprints"));
        Assert.Equal(1, await ReadAsync(s => s.Connection.ExecuteScalarAsync<int>( // the second import changed nothing
            "SELECT COUNT(*) FROM audit_log WHERE action = @A AND actor = 'importer';", new { A = ItemBankAuditActions.BankImported })));
    }

    [SkippableFact]
    public async Task Import_of_a_clean_bank_stores_every_version_review_rubric_and_form()
    {
        var result = await Importer().ImportAsync(_bank.Root, "importer");
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(9, result.ItemVersionsCreated);
        Assert.Equal(10, result.ReviewsRecorded); // 8 item versions and 2 rubric versions, one reviewer each
        Assert.Equal(2, result.RubricVersionsCreated);
        Assert.Equal(2, await CountAsync("rubric_reviews"));
        Assert.Equal(1, result.FormsCreated);
        Assert.Equal(9, await CountAsync("item_versions"));
        Assert.Equal(4, await CountAsync("form_items"));
        Assert.Equal(5, await CountAsync("form_essays"));
        var audits = await ReadAsync(s => _audit.RecentAsync(s, take: 100, action: ItemBankAuditActions.ItemVersionCreated));
        Assert.Equal(9, audits.Count);
        Assert.All(audits, a => Assert.Equal("importer", a.Actor));
        Assert.Contains(audits, a => a.SubjectId == "tf-001" && a.AfterJson!.Contains(TempBank.Pin("tf-001").Hash, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Import_of_a_bank_with_one_bad_file_imports_nothing()
    {
        _bank.Edit("items/tf-003.md", "key: C", "key: E");
        var result = await Importer().ImportAsync(_bank.Root, "importer");
        Assert.False(result.Succeeded);
        Assert.Equal($"{_bank.PathOf("items/tf-003.md")}:{_bank.LineOf("items/tf-003.md", "key: E")}: key 'E' is not among the options A, B, C, D",
            Assert.Single(result.Problems).ToString());
        Assert.Equal(0, await CountAsync("items"));
        Assert.Equal(0, await CountAsync("item_versions"));
        Assert.Equal(0, await CountAsync("rubric_versions"));
        Assert.Equal(0, await CountAsync("forms"));
        Assert.Equal(0, await CountAsync("audit_log"));
    }

    [SkippableFact]
    public async Task Importing_twice_in_a_row_creates_nothing_new()
    {
        await Importer().ImportAsync(_bank.Root, "importer");
        var audits = await CountAsync("audit_log");
        var again = await Importer().ImportAsync(_bank.Root, "importer");
        Assert.True(again.Succeeded);
        Assert.True(again.ChangedNothing, again.ToString());
        Assert.Equal(audits, await CountAsync("audit_log"));
        Assert.Equal(9, await CountAsync("item_versions"));
        Assert.Equal(8, await CountAsync("item_reviews"));
    }

    [SkippableFact]
    public async Task Export_of_an_unchanged_bank_reproduces_the_files_byte_for_byte()
    {
        var before = Snapshot(_bank.Root);
        await Importer().ImportAsync(_bank.Root, "importer");
        var target = Path.Combine(_bank.Root, "..", Guid.NewGuid().ToString("N"));
        try
        {
            var exported = await Exporter().ExportAsync(target);
            Assert.Equal(new ExportResult(9, 2, 1, 13), exported); // 12 bank files and blueprint.yaml
            Assert.Equal(before, Snapshot(target));
            var intoSame = await Exporter().ExportAsync(_bank.Root);
            Assert.Equal(0, intoSame.FilesChanged);
        }
        finally
        {
            Directory.Delete(target, recursive: true);
        }
    }

    [SkippableFact]
    public async Task Import_export_import_is_a_no_op()
    {
        // A non-canonical but valid layout: export rewrites it canonically, and importing that changes nothing.
        _bank.Edit("items/tf-002.md", "domains: [theoretical-foundations]", "domains:\n  - theoretical-foundations");
        Assert.True((await Importer().ImportAsync(_bank.Root, "importer")).Succeeded);
        await Exporter().ExportAsync(_bank.Root);
        Assert.Contains("domains: [theoretical-foundations]", _bank.Read("items/tf-002.md"));
        var again = await Importer().ImportAsync(_bank.Root, "importer");
        Assert.True(again.Succeeded, string.Join("\n", again.Problems));
        Assert.True(again.ChangedNothing, again.ToString());
    }

    [SkippableFact]
    public async Task Editing_content_makes_a_new_version_and_a_published_form_still_pins_the_old_one()
    {
        _bank.Edit("forms/form-test.yaml", "status: draft", "status: published");
        Assert.True((await Importer().ImportAsync(_bank.Root, "chair")).Succeeded);
        var oldPin = TempBank.Pin("tf-001");

        _bank.Edit("items/tf-001.md", "Which of the following", "Which one of the following");
        _bank.Edit("items/tf-001.md", "status: approved", "status: in-review");
        _bank.Edit("items/tf-001.md", "reviewers: [committee-chair]\n", "");
        var result = await Importer().ImportAsync(_bank.Root, "writer");
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(1, result.ItemVersionsCreated);
        Assert.Equal(0, result.FormsUpdated);

        var versions = await ReadAsync(s => _store.ItemVersionsAsync(s, "tf-001"));
        Assert.Equal([1, 2], versions.Select(v => v.VersionNo));
        Assert.Equal(ItemStatus.Approved, versions[0].ItemStatus);
        Assert.Equal(ItemStatus.InReview, versions[1].ItemStatus);
        var (partOne, _) = await ReadAsync(s => _store.FormPinsAsync(s, "form-test"));
        Assert.Equal(versions[0].Id, partOne[0].ItemVersionId);
        Assert.Equal(oldPin.Hash, versions[0].ContentHash);

        // Export writes the latest version of the item and the form as it was: the pair still lints clean against the database.
        await Exporter().ExportAsync(_bank.Root);
        Assert.Contains("Which one of the following", _bank.Read("items/tf-001.md"));
        Assert.Contains(oldPin.ToString(), _bank.Read("forms/form-test.yaml"));
        Assert.True((await Importer().ImportAsync(_bank.Root, "writer")).ChangedNothing);
    }

    [SkippableFact]
    public async Task A_changed_published_form_is_refused()
    {
        _bank.Edit("forms/form-test.yaml", "status: draft", "status: published");
        await Importer().ImportAsync(_bank.Root, "chair");
        _bank.Edit("forms/form-test.yaml", "title: Test form", "title: Test form, corrected");
        _bank.Edit("items/tf-003.md", "Which of the following", "Which one of the following");
        var result = await Importer().ImportAsync(_bank.Root, "chair");
        var problem = Assert.Single(result.Problems);
        Assert.Equal("published form form-test changed; publish a new form", problem.Message);
        Assert.Equal(_bank.PathOf("forms/form-test.yaml"), problem.File);
        Assert.Single(await ReadAsync(s => _store.ItemVersionsAsync(s, "tf-003"))); // nothing else imported either
    }

    [SkippableFact]
    public async Task A_draft_form_can_change_and_be_published_by_import()
    {
        await Importer().ImportAsync(_bank.Root, "chair");
        _bank.Edit("forms/form-test.yaml", "title: Test form", "title: Test form, renamed");
        _bank.Edit("forms/form-test.yaml", "status: draft", "status: published");
        var result = await Importer().ImportAsync(_bank.Root, "chair");
        Assert.Equal(1, result.FormsUpdated);
        Assert.Equal(1, result.FormStatusChanges);
        var form = await ReadAsync(s => _store.GetFormAsync(s, "form-test"));
        Assert.Equal(FormStatus.Published, form!.FormStatus);
        Assert.Equal("chair", form.PublishedBy);
        Assert.Equal("Test form, renamed", form.Title);
        var audits = await ReadAsync(s => _audit.RecentAsync(s, subjectType: "form", subjectId: "form-test"));
        Assert.Equal([ItemBankAuditActions.FormStatusChanged, ItemBankAuditActions.FormUpdated, ItemBankAuditActions.FormCreated],
            audits.Select(a => a.Action));
        Assert.Contains("draft", audits[0].BeforeJson);
        Assert.Contains("published", audits[0].AfterJson);
    }

    [SkippableFact]
    public async Task A_status_change_in_a_file_is_recorded_with_its_reviewer_and_audited()
    {
        await Importer().ImportAsync(_bank.Root, "importer");
        _bank.Edit("items/ref-002.md", "status: in-review", "status: approved\nreviewers: [committee-chair]");
        var result = await Importer().ImportAsync(_bank.Root, "importer");
        Assert.Equal(1, result.ItemStatusChanges);
        Assert.Equal(1, result.ReviewsRecorded);
        Assert.Equal(0, result.ItemVersionsCreated);
        var version = await ReadAsync(s => _store.LatestItemVersionAsync(s, "ref-002"));
        Assert.Equal(ItemStatus.Approved, version!.ItemStatus);
        var reviews = await ReadAsync(s => _store.ReviewsAsync(s, version.Id));
        Assert.Equal("committee-chair", Assert.Single(reviews).Reviewer);
        var audit = Assert.Single(await ReadAsync(s => _audit.RecentAsync(s, action: ItemBankAuditActions.ItemStatusChanged)));
        Assert.Contains("in-review", audit.BeforeJson);
        Assert.Contains("approved", audit.AfterJson);
    }

    [SkippableFact]
    public async Task A_file_cannot_move_a_stored_version_back()
    {
        await Importer().ImportAsync(_bank.Root, "importer");
        _bank.Edit("items/tf-003.md", "status: approved", "status: in-review");
        var result = await Importer().ImportAsync(_bank.Root, "importer");
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("status cannot go from approved to in-review", problem.Message);
        Assert.Equal(_bank.LineOf("items/tf-003.md", "status:"), problem.Line);
    }

    [SkippableFact]
    public async Task A_form_may_pin_a_stored_version_that_is_no_longer_in_the_files()
    {
        await Importer().ImportAsync(_bank.Root, "importer");
        _bank.Edit("items/dss-001.md", "Which of the following", "Which one of the following");
        // Lint without the database cannot find the old version; with it, the pin is a stored approved version.
        Assert.Contains(_bank.Lint(), p => p.Message.Contains("no database was consulted", StringComparison.Ordinal));
        var stored = await ReadAsync(s => StoredBank.LoadAsync(_store, s));
        Assert.Empty(_bank.Lint(stored));
    }

    [SkippableFact]
    public async Task Enemies_import_audited_export_unchanged_and_drop_when_both_files_drop_them()
    {
        foreach (var (item, enemy) in new[] { ("tf-001", "tf-003"), ("tf-003", "tf-001") })
            _bank.WriteItem(TempBank.Items().Single(d => d.Content.Id == item) with { Enemies = [enemy] });
        var before = Snapshot(_bank.Root);
        var result = await Importer().ImportAsync(_bank.Root, "importer");
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(1, result.EnemyChanges); // the pair lands with the first file; the second agrees
        Assert.Equal(1, await CountAsync("item_enemies"));
        Assert.Equal(1, await ReadAsync(s => s.Connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'item.enemies-changed' AND actor = 'importer' AND subject_id = 'tf-001';")));
        Assert.True((await ReadAsync(s => new ItemEnemyStore(_db.Clock).AllAsync(s))).AreEnemies("tf-003", "tf-001"));

        Assert.Equal(0, (await Exporter().ExportAsync(_bank.Root)).FilesChanged);
        Assert.Equal(before, Snapshot(_bank.Root));
        Assert.True((await Importer().ImportAsync(_bank.Root, "importer")).ChangedNothing);

        foreach (var item in new[] { "tf-001", "tf-003" }) _bank.WriteItem(TempBank.Items().Single(d => d.Content.Id == item));
        var dropped = await Importer().ImportAsync(_bank.Root, "importer");
        Assert.Equal(1, dropped.EnemyChanges);
        Assert.Equal(0, await CountAsync("item_enemies"));
    }

    [SkippableFact]
    public async Task Two_reviewers_can_be_required_for_import()
    {
        // Every approved version (8 items, 2 rubrics) names one reviewer: none lands as approved, so the form pinning them stops the import.
        var result = await Importer(requiredReviewers: 2).ImportAsync(_bank.Root, "importer");
        Assert.Equal(10, result.Warnings.Count(w => w.Message.StartsWith("lands as in-review, not approved: approval needs 2 reviewers", StringComparison.Ordinal)));
        Assert.NotEmpty(result.Problems);
        Assert.All(result.Problems, p => Assert.Equal(_bank.PathOf("forms/form-test.yaml"), p.File));
        Assert.Equal(0, await CountAsync("item_versions"));

        _bank.Delete("forms/form-test.yaml");
        var withoutForm = await Importer(requiredReviewers: 2).ImportAsync(_bank.Root, "importer");
        Assert.True(withoutForm.Succeeded);
        Assert.Equal(10, withoutForm.Demoted);
        // In review, each with its one real approval recorded: a second committee member completes it in the review pages.
        Assert.Equal(8, await CountAsync("item_reviews"));
        Assert.Equal(2, await CountAsync("rubric_reviews"));
        var tf1 = await ReadAsync(s => _store.LatestItemVersionAsync(s, "tf-001"));
        Assert.Equal(ItemStatus.InReview, tf1!.ItemStatus);
    }
}

public sealed class SqliteImportExportTests : ImportExportTests<SqliteFixture>;

public sealed class SqlServerImportExportTests : ImportExportTests<SqlServerFixture>;
