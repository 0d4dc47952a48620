using Dapper;
using Exam.Core.ItemBank;
using Exam.Data.ItemBank;
using Exam.Data.Tests.Fixtures;

namespace Exam.Data.Tests.ItemBank;

public abstract class ItemBankStoreTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : DatabaseFixture
{
    private readonly ItemBankStore _store = new(fixture.Clock);

    private static string UniqueId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    private static ItemContent Mcq(string id, string body = "Which of the following?") => new()
    {
        Id = id,
        Type = ItemType.Mcq,
        Level = Level.Both,
        Designation = Designation.A,
        Domains = ["theoretical-foundations"],
        Author = "writer-1",
        References = ["A reference."],
        Key = "A",
        Options = [new("A", "a", "ra"), new("B", "b", "rb"), new("C", "c", "rc"), new("D", "d", "rd")],
        Body = body,
    };

    private static ItemContent Essay(string id) => new()
    {
        Id = id,
        Type = ItemType.Essay,
        Level = Level.Both,
        Designation = Designation.C,
        Domains = ["reflection"],
        Author = "writer-6",
        EssaySet = EssaySet.Clinical,
        Rubric = "clinical-vignette",
        Body = "A vignette.",
    };

    private static Rubric SampleRubric(string id, string notes = "Notes.") => new()
    {
        Id = id,
        Title = "Clinical vignette",
        EssaySet = EssaySet.Clinical,
        Criteria = [new("observation", "Observation", ["direct-service-skills"], ["0", "1", "2", "3"])],
        Notes = notes,
    };

    [SkippableFact]
    public async Task Versions_are_numbered_per_item_and_found_by_hash()
    {
        var id = UniqueId("tf");
        StoredItemVersion first, second;
        await using (var s = await fixture.Db.BeginAsync())
        {
            first = await _store.AddItemVersionAsync(s, Mcq(id), ItemStatus.Draft);
            second = await _store.AddItemVersionAsync(s, Mcq(id, "Edited stem?"), ItemStatus.InReview);
            await s.CommitAsync();
        }
        Assert.Equal(1, first.VersionNo);
        Assert.Equal(2, second.VersionNo);
        await using var read = await fixture.Db.OpenAsync();
        var found = await _store.FindItemVersionAsync(read, id, Mcq(id).Version);
        Assert.NotNull(found);
        Assert.Equal(first.Id, found.Id);
        Assert.Equal(ItemStatus.Draft, found.ItemStatus);
        Assert.Equal(Mcq(id).ToCanonicalJson(), found.Content.ToCanonicalJson());
        Assert.Equal(second.Id, (await _store.LatestItemVersionAsync(read, id))!.Id);
        Assert.Equal([1, 2], (await _store.ItemVersionsAsync(read, id)).Select(v => v.VersionNo));
        Assert.Contains(await _store.LatestItemVersionsAsync(read), v => v.Id == second.Id);
        Assert.DoesNotContain(await _store.LatestItemVersionsAsync(read), v => v.Id == first.Id);
    }

    [SkippableFact]
    public async Task The_same_content_cannot_be_stored_twice_for_an_item()
    {
        var id = UniqueId("tf");
        await using var s = await fixture.Db.BeginAsync();
        await _store.AddItemVersionAsync(s, Mcq(id), ItemStatus.Draft);
        await Assert.ThrowsAnyAsync<Exception>(() => _store.AddItemVersionAsync(s, Mcq(id), ItemStatus.Draft));
    }

    [SkippableFact]
    public async Task A_version_content_never_changes_in_the_database()
    {
        var id = UniqueId("tf");
        await using var s = await fixture.Db.BeginAsync();
        var v = await _store.AddItemVersionAsync(s, Mcq(id), ItemStatus.Draft);
        await Assert.ThrowsAnyAsync<Exception>(() => s.Connection.ExecuteAsync(
            "UPDATE item_versions SET content_json = 'x' WHERE id = @Id;", new { v.Id }, s.Transaction));
    }

    [SkippableFact]
    public async Task Status_moves_and_reviews_are_kept_in_order()
    {
        var id = UniqueId("tf");
        long versionId;
        await using (var s = await fixture.Db.BeginAsync())
        {
            var v = await _store.AddItemVersionAsync(s, Mcq(id), ItemStatus.InReview);
            versionId = v.Id;
            fixture.Clock.Advance(TimeSpan.FromMinutes(5));
            await _store.AddReviewAsync(s, v.Id, "member", ReviewDecisions.Comment, "Looks close.");
            await _store.AddReviewAsync(s, v.Id, "chair", ReviewDecisions.Approved, "Good.");
            await _store.SetItemStatusAsync(s, v.Id, ItemStatus.Approved);
            await s.CommitAsync();
        }
        await using var read = await fixture.Db.OpenAsync();
        var stored = await _store.GetItemVersionAsync(read, versionId);
        Assert.Equal(ItemStatus.Approved, stored!.ItemStatus);
        Assert.Equal(fixture.Clock.GetUtcNow(), stored.StatusChangedAt);
        Assert.True(stored.StatusChangedAt > stored.CreatedAt);
        var reviews = await _store.ReviewsAsync(read, versionId);
        Assert.Equal(["member", "chair"], reviews.Select(r => r.Reviewer));
        Assert.Equal("Good.", reviews[1].Comment);
        Assert.Contains(await _store.AllApprovalsAsync(read), r => r.ItemVersionId == versionId && r.Reviewer == "chair");
        Assert.DoesNotContain(await _store.AllApprovalsAsync(read), r => r.ItemVersionId == versionId && r.Reviewer == "member");
    }

    [SkippableFact]
    public async Task Rubric_versions_are_kept_by_hash_and_the_latest_is_the_newest()
    {
        var id = UniqueId("rubric");
        await using (var s = await fixture.Db.BeginAsync())
        {
            await _store.AddRubricVersionAsync(s, SampleRubric(id), "rubric-writer", ItemStatus.Approved);
            await _store.AddRubricVersionAsync(s, SampleRubric(id, "Better notes."), "rubric-writer", ItemStatus.Approved);
            await s.CommitAsync();
        }
        await using var read = await fixture.Db.OpenAsync();
        Assert.NotNull(await _store.FindRubricVersionAsync(read, id, SampleRubric(id).Version));
        var latest = (await _store.LatestRubricVersionsAsync(read)).Single(r => r.RubricId == id);
        Assert.Equal("Better notes.", latest.Content.Notes);
        Assert.Equal(2, (await _store.AllRubricVersionsAsync(read)).Count(r => r.RubricId == id));
    }

    [SkippableFact]
    public async Task A_published_form_keeps_its_pins_and_definition()
    {
        var mcqId = UniqueId("tf");
        var essayId = UniqueId("es");
        var formId = UniqueId("form");
        await using (var s = await fixture.Db.BeginAsync())
        {
            var mcq = await _store.AddItemVersionAsync(s, Mcq(mcqId), ItemStatus.Approved);
            var essay = await _store.AddItemVersionAsync(s, Essay(essayId), ItemStatus.Approved);
            var rubric = await _store.AddRubricVersionAsync(s, SampleRubric(UniqueId("rubric")), "rubric-writer", ItemStatus.Approved);
            var form = new FormDefinition { Id = formId, Title = "Spring", PartOne = new PartOneDefinition { Items = [mcq.Pin] } };
            await _store.CreateFormAsync(s, form);
            await _store.SetFormPinsAsync(s, formId, [mcq.Id],
                [new StoredFormEssay { Track = "IMHS", Position = 1, ItemVersionId = essay.Id, RubricVersionId = rubric.Id, EssaySet = "Clinical" }]);
            await _store.SetFormStatusAsync(s, formId, FormStatus.Published, "chair");
            await s.CommitAsync();
        }
        await using (var read = await fixture.Db.OpenAsync())
        {
            var stored = await _store.GetFormAsync(read, formId);
            Assert.Equal(FormStatus.Published, stored!.FormStatus);
            Assert.Equal("chair", stored.PublishedBy);
            Assert.Equal(fixture.Clock.GetUtcNow(), stored.PublishedAt);
            Assert.Equal([ItemPin.Parse(stored.Definition.PartOne.Items[0].ToString())], stored.Definition.PartOne.Items);
            var (one, two) = await _store.FormPinsAsync(read, formId);
            Assert.Single(one);
            Assert.Equal("IMHS", two.Single().Track);
            Assert.Equal([formId], await _store.PublishedFormsPinningAsync(read, mcqId));
            Assert.Equal([formId], await _store.PublishedFormsPinningAsync(read, essayId));
            Assert.Contains(await _store.ListFormsAsync(read), f => f.Id == formId);
        }
        await using var write = await fixture.Db.BeginAsync();
        var changed = new FormDefinition { Id = formId, Title = "Changed" };
        await Assert.ThrowsAnyAsync<Exception>(() => _store.UpdateFormDefinitionAsync(write, changed));
        await Assert.ThrowsAnyAsync<Exception>(() => _store.SetFormPinsAsync(write, formId, [], []));
    }

    [SkippableFact]
    public async Task A_draft_form_can_be_redefined_and_repinned()
    {
        var formId = UniqueId("form");
        var mcqId = UniqueId("tf");
        await using (var s = await fixture.Db.BeginAsync())
        {
            var v1 = await _store.AddItemVersionAsync(s, Mcq(mcqId), ItemStatus.Approved);
            var v2 = await _store.AddItemVersionAsync(s, Mcq(mcqId, "Second?"), ItemStatus.Approved);
            await _store.CreateFormAsync(s, new FormDefinition { Id = formId, Title = "Draft" });
            await _store.SetFormPinsAsync(s, formId, [v1.Id], []);
            await _store.UpdateFormDefinitionAsync(s, new FormDefinition { Id = formId, Title = "Draft, renamed" });
            await _store.SetFormPinsAsync(s, formId, [v2.Id], []);
            await s.CommitAsync();
        }
        await using var read = await fixture.Db.OpenAsync();
        Assert.Equal("Draft, renamed", (await _store.GetFormAsync(read, formId))!.Title);
        Assert.Empty(await _store.PublishedFormsPinningAsync(read, mcqId));
        var (one, _) = await _store.FormPinsAsync(read, formId);
        Assert.Equal(2, (await _store.GetItemVersionAsync(read, one.Single().ItemVersionId))!.VersionNo);
    }
}

public sealed class SqliteItemBankStoreTests(SqliteFixture fixture) : ItemBankStoreTests<SqliteFixture>(fixture);

public sealed class SqlServerItemBankStoreTests(SqlServerFixture fixture) : ItemBankStoreTests<SqlServerFixture>(fixture);
