using Exam.Core.ItemBank;
using Exam.Data.Database;

namespace Exam.Data.ItemBank;

/// <summary>An item version as stored: immutable content (canonical JSON) and its current status.</summary>
public sealed record StoredItemVersion
{
    public long Id { get; init; }
    public string ItemId { get; init; } = "";
    public int VersionNo { get; init; }
    public string ContentHash { get; init; } = "";
    public string ContentJson { get; init; } = "";
    public string Status { get; init; } = "";
    public string Author { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset StatusChangedAt { get; init; }

    public ItemStatus ItemStatus => ItemBankCodes.Parse<ItemStatus>(Status);
    public ItemContent Content => ItemContent.FromJson(ContentJson);
    public ItemPin Pin => new(ItemId, ContentHash);
}

/// <summary>A review decision on one version: approved, changes-requested or comment.</summary>
public sealed record StoredItemReview
{
    public long Id { get; init; }
    public long ItemVersionId { get; init; }
    public string Reviewer { get; init; } = "";
    public string Decision { get; init; } = "";
    public string? Comment { get; init; }
    public DateTimeOffset At { get; init; }
}

public static class ReviewDecisions
{
    public const string Approved = "approved";
    public const string ChangesRequested = "changes-requested";
    public const string Comment = "comment";
}

/// <summary>A rubric version as stored: immutable content, its number, author and current status (reviewed like items).</summary>
public sealed record StoredRubricVersion
{
    public long Id { get; init; }
    public string RubricId { get; init; } = "";
    public int VersionNo { get; init; }
    public string ContentHash { get; init; } = "";
    public string ContentJson { get; init; } = "";
    public string Status { get; init; } = "";
    public string Author { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StatusChangedAt { get; init; }

    public ItemStatus ItemStatus => ItemBankCodes.Parse<ItemStatus>(Status);
    public Rubric Content => Rubric.FromJson(ContentJson);
    public ItemPin Pin => new(RubricId, ContentHash);
}

public sealed record StoredForm
{
    public string Id { get; init; } = "";
    public string Title { get; init; } = "";
    public string Status { get; init; } = "";
    public string DefinitionJson { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public string? PublishedBy { get; init; }

    public FormStatus FormStatus => ItemBankCodes.Parse<FormStatus>(Status);
    public FormDefinition Definition => FormDefinition.FromJson(DefinitionJson, FormStatus);
}

public sealed record StoredFormItem
{
    public string FormId { get; init; } = "";
    public int Position { get; init; }
    public long ItemVersionId { get; init; }
}

public sealed record StoredFormEssay
{
    public string FormId { get; init; } = "";
    public string Track { get; init; } = "";
    public int Position { get; init; }
    public long ItemVersionId { get; init; }
    public long RubricVersionId { get; init; }
    public string EssaySet { get; init; } = "";
}

/// <summary>
/// The item bank's tables. Versions are append-only (the schema refuses content changes); only a version's status
/// moves, and a published form's definition and pins never change (the schema refuses that too).
/// </summary>
public sealed class ItemBankStore(TimeProvider clock)
{
    public TimeProvider Clock => clock;

    private const string VersionColumns = """
        id, item_id AS ItemId, version_no AS VersionNo, content_hash AS ContentHash, content_json AS ContentJson,
        status, author, created_at AS CreatedAt, status_changed_at AS StatusChangedAt
        """;

    private const string RubricColumns = """
        id, rubric_id AS RubricId, version_no AS VersionNo, content_hash AS ContentHash, content_json AS ContentJson,
        status, author, created_at AS CreatedAt, status_changed_at AS StatusChangedAt
        """;

    private const string FormColumns = """
        id, title, status, definition_json AS DefinitionJson, created_at AS CreatedAt, published_at AS PublishedAt, published_by AS PublishedBy
        """;

    private static readonly SqlStatement InsertItemIfMissing = SqlStatement.Portable("""
        INSERT INTO items (id, type, created_at)
        SELECT @Id, @Type, @CreatedAt WHERE NOT EXISTS (SELECT 1 FROM items WHERE id = @Id);
        """);

    private static readonly SqlStatement NextVersionNo = SqlStatement.Portable(
        "SELECT COALESCE(MAX(version_no), 0) + 1 FROM item_versions WHERE item_id = @ItemId;");

    private static readonly SqlStatement InsertVersion = SqlStatement.Of(d => d.InsertReturningId("""
        INSERT INTO item_versions (item_id, version_no, content_hash, content_json, status, author, created_at, status_changed_at)
        VALUES (@ItemId, @VersionNo, @ContentHash, @ContentJson, @Status, @Author, @At, @At)
        """));

    private static readonly SqlStatement VersionById = SqlStatement.Portable($"SELECT {VersionColumns} FROM item_versions WHERE id = @Id;");

    private static readonly SqlStatement VersionByHash = SqlStatement.Portable(
        $"SELECT {VersionColumns} FROM item_versions WHERE item_id = @ItemId AND content_hash = @ContentHash;");

    private static readonly SqlStatement VersionsOfItem = SqlStatement.Portable(
        $"SELECT {VersionColumns} FROM item_versions WHERE item_id = @ItemId ORDER BY version_no;");

    private static readonly SqlStatement LatestVersionOfItem = SqlStatement.Portable($"""
        SELECT {VersionColumns} FROM item_versions
        WHERE item_id = @ItemId AND version_no = (SELECT MAX(version_no) FROM item_versions WHERE item_id = @ItemId);
        """);

    private static readonly SqlStatement LatestVersions = SqlStatement.Portable($"""
        SELECT {VersionColumns} FROM item_versions v
        WHERE v.version_no = (SELECT MAX(w.version_no) FROM item_versions w WHERE w.item_id = v.item_id)
        ORDER BY v.item_id;
        """);

    private static readonly SqlStatement AllVersions = SqlStatement.Portable(
        $"SELECT {VersionColumns} FROM item_versions ORDER BY item_id, version_no;");

    private static readonly SqlStatement UpdateStatus = SqlStatement.Portable(
        "UPDATE item_versions SET status = @Status, status_changed_at = @At WHERE id = @Id;");

    private static readonly SqlStatement MoveStatus = SqlStatement.Portable(
        "UPDATE item_versions SET status = @To, status_changed_at = @At WHERE id = @Id AND status = @From;");

    private static readonly SqlStatement InsertReview = SqlStatement.Of(d => d.InsertReturningId("""
        INSERT INTO item_reviews (item_version_id, reviewer, decision, comment, at)
        VALUES (@ItemVersionId, @Reviewer, @Decision, @Comment, @At)
        """));

    private static readonly SqlStatement ReviewsOfVersion = SqlStatement.Portable("""
        SELECT id, item_version_id AS ItemVersionId, reviewer, decision, comment, at
        FROM item_reviews WHERE item_version_id = @ItemVersionId ORDER BY id;
        """);

    private static readonly SqlStatement AllApprovals = SqlStatement.Portable("""
        SELECT id, item_version_id AS ItemVersionId, reviewer, decision, comment, at
        FROM item_reviews WHERE decision = 'approved' ORDER BY id;
        """);

    private static readonly SqlStatement NextRubricVersionNo = SqlStatement.Portable(
        "SELECT COALESCE(MAX(version_no), 0) + 1 FROM rubric_versions WHERE rubric_id = @RubricId;");

    private static readonly SqlStatement InsertRubricVersion = SqlStatement.Of(d => d.InsertReturningId("""
        INSERT INTO rubric_versions (rubric_id, version_no, content_hash, content_json, status, author, created_at, status_changed_at)
        VALUES (@RubricId, @VersionNo, @ContentHash, @ContentJson, @Status, @Author, @At, @At)
        """));

    private static readonly SqlStatement RubricVersionsOf = SqlStatement.Portable(
        $"SELECT {RubricColumns} FROM rubric_versions WHERE rubric_id = @RubricId ORDER BY version_no;");

    private static readonly SqlStatement LatestVersionOfRubric = SqlStatement.Portable($"""
        SELECT {RubricColumns} FROM rubric_versions
        WHERE rubric_id = @RubricId AND version_no = (SELECT MAX(version_no) FROM rubric_versions WHERE rubric_id = @RubricId);
        """);

    private static readonly SqlStatement LatestApprovedRubricVersions = SqlStatement.Portable($"""
        SELECT {RubricColumns} FROM rubric_versions r
        WHERE r.status = 'approved'
          AND r.version_no = (SELECT MAX(q.version_no) FROM rubric_versions q WHERE q.rubric_id = r.rubric_id AND q.status IN ('approved', 'retired'))
        ORDER BY r.rubric_id;
        """);

    private static readonly SqlStatement MoveRubricStatus = SqlStatement.Portable(
        "UPDATE rubric_versions SET status = @To, status_changed_at = @At WHERE id = @Id AND status = @From;");

    // Only a version stored before rubrics had authors ('') takes one, once; the schema refuses any other change.
    private static readonly SqlStatement FillRubricAuthor = SqlStatement.Portable(
        "UPDATE rubric_versions SET author = @Author WHERE id = @Id AND author = '';");

    private static readonly SqlStatement InsertRubricReview = SqlStatement.Of(d => d.InsertReturningId("""
        INSERT INTO rubric_reviews (rubric_version_id, reviewer, decision, comment, at)
        VALUES (@VersionId, @Reviewer, @Decision, @Comment, @At)
        """));

    private static readonly SqlStatement ReviewsOfRubricVersion = SqlStatement.Portable("""
        SELECT id, rubric_version_id AS ItemVersionId, reviewer, decision, comment, at
        FROM rubric_reviews WHERE rubric_version_id = @VersionId ORDER BY id;
        """);

    private static readonly SqlStatement AllRubricApprovals = SqlStatement.Portable("""
        SELECT id, rubric_version_id AS ItemVersionId, reviewer, decision, comment, at
        FROM rubric_reviews WHERE decision = 'approved' ORDER BY id;
        """);

    private static readonly SqlStatement PublishedFormsPinningRubric = SqlStatement.Portable("""
        SELECT f.id FROM forms f
        WHERE f.status = 'published' AND EXISTS (
            SELECT 1 FROM form_essays fe JOIN rubric_versions r ON r.id = fe.rubric_version_id
            WHERE fe.form_id = f.id AND r.rubric_id = @RubricId)
        ORDER BY f.id;
        """);

    private static readonly SqlStatement RubricVersionByHash = SqlStatement.Portable(
        $"SELECT {RubricColumns} FROM rubric_versions WHERE rubric_id = @RubricId AND content_hash = @ContentHash;");

    private static readonly SqlStatement AllRubricVersions = SqlStatement.Portable(
        $"SELECT {RubricColumns} FROM rubric_versions ORDER BY rubric_id, version_no;");

    private static readonly SqlStatement LatestRubricVersions = SqlStatement.Portable($"""
        SELECT {RubricColumns} FROM rubric_versions r
        WHERE r.version_no = (SELECT MAX(q.version_no) FROM rubric_versions q WHERE q.rubric_id = r.rubric_id)
        ORDER BY r.rubric_id;
        """);

    private static readonly SqlStatement InsertForm = SqlStatement.Portable("""
        INSERT INTO forms (id, title, status, definition_json, created_at, published_at, published_by)
        VALUES (@Id, @Title, 'draft', @DefinitionJson, @CreatedAt, NULL, NULL);
        """);

    private static readonly SqlStatement UpdateFormDefinition = SqlStatement.Portable(
        "UPDATE forms SET title = @Title, definition_json = @DefinitionJson WHERE id = @Id;");

    private static readonly SqlStatement UpdateFormStatus = SqlStatement.Portable("""
        UPDATE forms SET status = @Status,
            published_at = CASE WHEN @Status = 'published' THEN @At ELSE published_at END,
            published_by = CASE WHEN @Status = 'published' THEN @By ELSE published_by END
        WHERE id = @Id;
        """);

    private static readonly SqlStatement FormById = SqlStatement.Portable($"SELECT {FormColumns} FROM forms WHERE id = @Id;");

    private static readonly SqlStatement AllForms = SqlStatement.Portable($"SELECT {FormColumns} FROM forms ORDER BY id;");

    private static readonly SqlStatement DeleteFormItems = SqlStatement.Portable("DELETE FROM form_items WHERE form_id = @FormId;");

    private static readonly SqlStatement DeleteFormEssays = SqlStatement.Portable("DELETE FROM form_essays WHERE form_id = @FormId;");

    private static readonly SqlStatement InsertFormItem = SqlStatement.Portable(
        "INSERT INTO form_items (form_id, position, item_version_id) VALUES (@FormId, @Position, @ItemVersionId);");

    private static readonly SqlStatement InsertFormEssay = SqlStatement.Portable("""
        INSERT INTO form_essays (form_id, track, position, item_version_id, rubric_version_id, essay_set)
        VALUES (@FormId, @Track, @Position, @ItemVersionId, @RubricVersionId, @EssaySet);
        """);

    private static readonly SqlStatement PinsOfForm = SqlStatement.Portable("""
        SELECT form_id AS FormId, position, item_version_id AS ItemVersionId FROM form_items WHERE form_id = @FormId ORDER BY position;
        SELECT form_id AS FormId, track, position, item_version_id AS ItemVersionId, rubric_version_id AS RubricVersionId, essay_set AS EssaySet
        FROM form_essays WHERE form_id = @FormId ORDER BY track, position;
        """);

    private static readonly SqlStatement PublishedFormsPinning = SqlStatement.Portable("""
        SELECT f.id FROM forms f
        WHERE f.status = 'published' AND (
            EXISTS (SELECT 1 FROM form_items fi JOIN item_versions v ON v.id = fi.item_version_id
                    WHERE fi.form_id = f.id AND v.item_id = @ItemId)
            OR EXISTS (SELECT 1 FROM form_essays fe JOIN item_versions v ON v.id = fe.item_version_id
                       WHERE fe.form_id = f.id AND v.item_id = @ItemId))
        ORDER BY f.id;
        """);

    // ---- the bank's writers take turns

    // Every write to the item bank (an import, an edit, a review step, a form change) is rare and reads what it checks
    // against first: a version number, whether an item or form exists, who approved. They take one exclusive lock for
    // the transaction, first (the lock order, README), so no check is stale by the time its write lands. SQLite's
    // BEGIN IMMEDIATE already is that lock.
    private static readonly SqlStatement BankLock = SqlStatement.Of(d => d.Provider == DatabaseProvider.SqlServer
        ? """
            DECLARE @result INT;
            EXEC @result = sp_getapplock @Resource = N'exam-item-bank', @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = @TimeoutMs;
            SELECT @result;
            """
        : "SELECT 0;");

    /// <summary>Takes the item bank's write lock to the end of the transaction; call it first in every item bank write.</summary>
    public async Task LockBankAsync(DbSession s, CancellationToken ct = default)
    {
        // sp_getapplock: 0 or 1 granted; -1 timed out, -2 cancelled, -3 deadlock victim, -999 error.
        var result = await s.ExecuteScalarAsync<int>(BankLock, new { TimeoutMs = 30_000 }, ct);
        if (result < 0) throw new TimeoutException($"The item bank is busy with another change (lock result {result}); try again.");
    }

    // ---- items

    /// <summary>Stores a new version of an item (creating the item on its first version), numbered after the last.</summary>
    public async Task<StoredItemVersion> AddItemVersionAsync(DbSession s, ItemContent content, ItemStatus status, CancellationToken ct = default)
    {
        var at = clock.GetUtcNow();
        await s.ExecuteAsync(InsertItemIfMissing, new { content.Id, Type = ItemBankCodes.Code(content.Type), CreatedAt = at }, ct);
        var versionNo = await s.ExecuteScalarAsync<int>(NextVersionNo, new { ItemId = content.Id }, ct);
        var row = new StoredItemVersion
        {
            ItemId = content.Id,
            VersionNo = versionNo,
            ContentHash = content.Version,
            ContentJson = content.ToCanonicalJson(),
            Status = ItemBankCodes.Code(status),
            Author = content.Author,
            CreatedAt = at,
            StatusChangedAt = at,
        };
        var id = await s.ExecuteScalarAsync<long>(InsertVersion, new
        {
            row.ItemId, row.VersionNo, row.ContentHash, row.ContentJson, row.Status, row.Author, At = at,
        }, ct);
        return row with { Id = id };
    }

    public Task<StoredItemVersion?> GetItemVersionAsync(DbSession s, long id, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<StoredItemVersion>(VersionById, new { Id = id }, ct);

    public Task<StoredItemVersion?> FindItemVersionAsync(DbSession s, string itemId, string contentHash, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<StoredItemVersion>(VersionByHash, new { ItemId = itemId, ContentHash = contentHash }, ct);

    public async Task<IReadOnlyList<StoredItemVersion>> ItemVersionsAsync(DbSession s, string itemId, CancellationToken ct = default) =>
        (await s.QueryAsync<StoredItemVersion>(VersionsOfItem, new { ItemId = itemId }, ct)).ToList();

    public Task<StoredItemVersion?> LatestItemVersionAsync(DbSession s, string itemId, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<StoredItemVersion>(LatestVersionOfItem, new { ItemId = itemId }, ct);

    /// <summary>The latest version of every item, by item id.</summary>
    public async Task<IReadOnlyList<StoredItemVersion>> LatestItemVersionsAsync(DbSession s, CancellationToken ct = default) =>
        (await s.QueryAsync<StoredItemVersion>(LatestVersions, ct: ct)).ToList();

    public async Task<IReadOnlyList<StoredItemVersion>> AllItemVersionsAsync(DbSession s, CancellationToken ct = default) =>
        (await s.QueryAsync<StoredItemVersion>(AllVersions, ct: ct)).ToList();

    public Task SetItemStatusAsync(DbSession s, long versionId, ItemStatus status, CancellationToken ct = default) =>
        s.ExecuteAsync(UpdateStatus, new { Id = versionId, Status = ItemBankCodes.Code(status), At = clock.GetUtcNow() }, ct);

    /// <summary>Moves an item version's status when it is still <paramref name="from"/>; false when it was not (nothing changed).</summary>
    public async Task<bool> MoveItemStatusAsync(DbSession s, long versionId, ItemStatus from, ItemStatus to, CancellationToken ct = default) =>
        await s.ExecuteAsync(MoveStatus, new
        {
            Id = versionId, From = ItemBankCodes.Code(from), To = ItemBankCodes.Code(to), At = clock.GetUtcNow(),
        }, ct) == 1;

    public async Task<StoredItemReview> AddReviewAsync(
        DbSession s, long versionId, string reviewer, string decision, string? comment, CancellationToken ct = default)
    {
        var at = clock.GetUtcNow();
        var id = await s.ExecuteScalarAsync<long>(InsertReview,
            new { ItemVersionId = versionId, Reviewer = reviewer, Decision = decision, Comment = comment, At = at }, ct);
        return new StoredItemReview { Id = id, ItemVersionId = versionId, Reviewer = reviewer, Decision = decision, Comment = comment, At = at };
    }

    public async Task<IReadOnlyList<StoredItemReview>> ReviewsAsync(DbSession s, long versionId, CancellationToken ct = default) =>
        (await s.QueryAsync<StoredItemReview>(ReviewsOfVersion, new { ItemVersionId = versionId }, ct)).ToList();

    /// <summary>Every approval, oldest first: the reviewers of each version in the order they approved.</summary>
    public async Task<IReadOnlyList<StoredItemReview>> AllApprovalsAsync(DbSession s, CancellationToken ct = default) =>
        (await s.QueryAsync<StoredItemReview>(AllApprovals, ct: ct)).ToList();

    // ---- rubrics

    /// <summary>Stores a new version of a rubric, numbered after the last, with its author and status.</summary>
    public async Task<StoredRubricVersion> AddRubricVersionAsync(
        DbSession s, Rubric rubric, string author, ItemStatus status, CancellationToken ct = default)
    {
        var at = clock.GetUtcNow();
        var row = new StoredRubricVersion
        {
            RubricId = rubric.Id,
            VersionNo = await s.ExecuteScalarAsync<int>(NextRubricVersionNo, new { RubricId = rubric.Id }, ct),
            ContentHash = rubric.Version,
            ContentJson = rubric.ToCanonicalJson(),
            Status = ItemBankCodes.Code(status),
            Author = author,
            CreatedAt = at,
            StatusChangedAt = at,
        };
        var id = await s.ExecuteScalarAsync<long>(InsertRubricVersion, new
        {
            row.RubricId, row.VersionNo, row.ContentHash, row.ContentJson, row.Status, row.Author, At = at,
        }, ct);
        return row with { Id = id };
    }

    public async Task<IReadOnlyList<StoredRubricVersion>> RubricVersionsAsync(DbSession s, string rubricId, CancellationToken ct = default) =>
        (await s.QueryAsync<StoredRubricVersion>(RubricVersionsOf, new { RubricId = rubricId }, ct)).ToList();

    public Task<StoredRubricVersion?> LatestRubricVersionAsync(DbSession s, string rubricId, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<StoredRubricVersion>(LatestVersionOfRubric, new { RubricId = rubricId }, ct);

    /// <summary>
    /// What a new form pins: each rubric's latest decided (approved or retired) version when it is approved; none when
    /// that version is retired (as items are drawn).
    /// </summary>
    public async Task<IReadOnlyList<StoredRubricVersion>> LatestApprovedRubricVersionsAsync(DbSession s, CancellationToken ct = default) =>
        (await s.QueryAsync<StoredRubricVersion>(LatestApprovedRubricVersions, ct: ct)).ToList();

    /// <summary>Moves a rubric version's status when it is still <paramref name="from"/>; false when it was not (nothing changed).</summary>
    public async Task<bool> MoveRubricStatusAsync(DbSession s, long versionId, ItemStatus from, ItemStatus to, CancellationToken ct = default) =>
        await s.ExecuteAsync(MoveRubricStatus, new
        {
            Id = versionId, From = ItemBankCodes.Code(from), To = ItemBankCodes.Code(to), At = clock.GetUtcNow(),
        }, ct) == 1;

    /// <summary>Records the author of a version stored before rubrics had authors; false when it already has one.</summary>
    public async Task<bool> FillRubricAuthorAsync(DbSession s, long versionId, string author, CancellationToken ct = default) =>
        await s.ExecuteAsync(FillRubricAuthor, new { Id = versionId, Author = author }, ct) == 1;

    /// <summary>A review decision on a rubric version (the same shape as an item's: <see cref="StoredItemReview.ItemVersionId"/> is the rubric version).</summary>
    public Task AddRubricReviewAsync(DbSession s, long versionId, string reviewer, string decision, string? comment, CancellationToken ct = default) =>
        s.ExecuteScalarAsync<long>(InsertRubricReview,
            new { VersionId = versionId, Reviewer = reviewer, Decision = decision, Comment = comment, At = clock.GetUtcNow() }, ct);

    public async Task<IReadOnlyList<StoredItemReview>> RubricReviewsAsync(DbSession s, long versionId, CancellationToken ct = default) =>
        (await s.QueryAsync<StoredItemReview>(ReviewsOfRubricVersion, new { VersionId = versionId }, ct)).ToList();

    /// <summary>Every rubric approval, oldest first.</summary>
    public async Task<IReadOnlyList<StoredItemReview>> AllRubricApprovalsAsync(DbSession s, CancellationToken ct = default) =>
        (await s.QueryAsync<StoredItemReview>(AllRubricApprovals, ct: ct)).ToList();

    /// <summary>The published forms that pin any version of the rubric.</summary>
    public async Task<IReadOnlyList<string>> PublishedFormsPinningRubricAsync(DbSession s, string rubricId, CancellationToken ct = default) =>
        (await s.QueryAsync<string>(PublishedFormsPinningRubric, new { RubricId = rubricId }, ct)).ToList();

    public Task<StoredRubricVersion?> FindRubricVersionAsync(DbSession s, string rubricId, string contentHash, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<StoredRubricVersion>(RubricVersionByHash, new { RubricId = rubricId, ContentHash = contentHash }, ct);

    public async Task<IReadOnlyList<StoredRubricVersion>> AllRubricVersionsAsync(DbSession s, CancellationToken ct = default) =>
        (await s.QueryAsync<StoredRubricVersion>(AllRubricVersions, ct: ct)).ToList();

    public async Task<IReadOnlyList<StoredRubricVersion>> LatestRubricVersionsAsync(DbSession s, CancellationToken ct = default) =>
        (await s.QueryAsync<StoredRubricVersion>(LatestRubricVersions, ct: ct)).ToList();

    // ---- forms

    /// <summary>Creates a form as a draft; pin its versions, then set its status.</summary>
    public Task CreateFormAsync(DbSession s, FormDefinition form, CancellationToken ct = default) =>
        s.ExecuteAsync(InsertForm, new { form.Id, form.Title, DefinitionJson = form.ToCanonicalJson(), CreatedAt = clock.GetUtcNow() }, ct);

    /// <summary>Changes a draft form's definition (the schema refuses this for a published form).</summary>
    public Task UpdateFormDefinitionAsync(DbSession s, FormDefinition form, CancellationToken ct = default) =>
        s.ExecuteAsync(UpdateFormDefinition, new { form.Id, form.Title, DefinitionJson = form.ToCanonicalJson() }, ct);

    public Task SetFormStatusAsync(DbSession s, string formId, FormStatus status, string actor, CancellationToken ct = default) =>
        s.ExecuteAsync(UpdateFormStatus, new { Id = formId, Status = ItemBankCodes.Code(status), At = clock.GetUtcNow(), By = actor }, ct);

    /// <summary>Pins a draft form's definition: its Part One versions in order and each track's essays with their rubric versions.</summary>
    public async Task PinFormAsync(DbSession s, FormDefinition form, CancellationToken ct = default)
    {
        var partOne = new List<long>();
        foreach (var pin in form.PartOne.Items) partOne.Add((await PinnedVersionAsync(s, pin, ct)).Id);
        var rubrics = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pin in form.PartTwo.Rubrics)
        {
            rubrics[pin.Id] = (await FindRubricVersionAsync(s, pin.Id, pin.Hash, ct)
                ?? throw new InvalidOperationException($"Form {form.Id} pins rubric {pin}, which is not stored.")).Id;
        }
        var essays = new List<StoredFormEssay>();
        foreach (var track in form.PartTwo.Tracks)
        {
            for (var i = 0; i < track.Items.Count; i++)
            {
                var version = await PinnedVersionAsync(s, track.Items[i], ct);
                var content = version.Content;
                essays.Add(new StoredFormEssay
                {
                    Track = track.Track,
                    Position = i + 1,
                    ItemVersionId = version.Id,
                    RubricVersionId = rubrics[content.Rubric!],
                    EssaySet = ItemBankCodes.Code(content.EssaySet!.Value),
                });
            }
        }
        await SetFormPinsAsync(s, form.Id, partOne, essays, ct);
    }

    private async Task<StoredItemVersion> PinnedVersionAsync(DbSession s, ItemPin pin, CancellationToken ct) =>
        await FindItemVersionAsync(s, pin.Id, pin.Hash, ct) ?? throw new InvalidOperationException($"{pin} is not stored.");

    /// <summary>Replaces a draft form's pinned versions.</summary>
    public async Task SetFormPinsAsync(
        DbSession s, string formId, IReadOnlyList<long> partOne, IReadOnlyList<StoredFormEssay> partTwo, CancellationToken ct = default)
    {
        await s.ExecuteAsync(DeleteFormItems, new { FormId = formId }, ct);
        await s.ExecuteAsync(DeleteFormEssays, new { FormId = formId }, ct);
        for (var i = 0; i < partOne.Count; i++)
            await s.ExecuteAsync(InsertFormItem, new { FormId = formId, Position = i + 1, ItemVersionId = partOne[i] }, ct);
        foreach (var e in partTwo)
            await s.ExecuteAsync(InsertFormEssay, e with { FormId = formId }, ct);
    }

    public Task<StoredForm?> GetFormAsync(DbSession s, string formId, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<StoredForm>(FormById, new { Id = formId }, ct);

    public async Task<IReadOnlyList<StoredForm>> ListFormsAsync(DbSession s, CancellationToken ct = default) =>
        (await s.QueryAsync<StoredForm>(AllForms, ct: ct)).ToList();

    public async Task<(IReadOnlyList<StoredFormItem> PartOne, IReadOnlyList<StoredFormEssay> PartTwo)> FormPinsAsync(
        DbSession s, string formId, CancellationToken ct = default)
    {
        using var grid = await s.QueryMultipleAsync(PinsOfForm, new { FormId = formId }, ct);
        var items = (await grid.ReadAsync<StoredFormItem>()).ToList();
        var essays = (await grid.ReadAsync<StoredFormEssay>()).ToList();
        return (items, essays);
    }

    /// <summary>The published forms that pin any version of the item.</summary>
    public async Task<IReadOnlyList<string>> PublishedFormsPinningAsync(DbSession s, string itemId, CancellationToken ct = default) =>
        (await s.QueryAsync<string>(PublishedFormsPinning, new { ItemId = itemId }, ct)).ToList();
}
