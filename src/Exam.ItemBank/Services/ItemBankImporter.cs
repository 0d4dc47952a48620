using System.Text.Json;
using Exam.Core.Accounts;
using Exam.Core.Audit;
using Exam.Core.ItemBank;
using Exam.Data.Accounts;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.ItemBank;
using Exam.ItemBank.Files;

namespace Exam.ItemBank.Services;

/// <summary>What an import did, or the problems that stopped it (then it did nothing).</summary>
public sealed record ImportResult
{
    public IReadOnlyList<LintProblem> Problems { get; init; } = [];

    /// <summary>What lint warned about; an import goes ahead with warnings.</summary>
    public IReadOnlyList<LintProblem> Warnings { get; init; } = [];

    public bool BlueprintChanged { get; init; }

    /// <summary>Versions whose file said approved but that landed as a draft, in review or their stored status: see <see cref="Warnings"/>.</summary>
    public int Demoted { get; init; }
    public int ItemVersionsCreated { get; init; }
    public int ItemStatusChanges { get; init; }
    public int ReviewsRecorded { get; init; }
    public int RubricVersionsCreated { get; init; }

    /// <summary>Items whose enemies the files changed.</summary>
    public int EnemyChanges { get; init; }
    public int FormsCreated { get; init; }
    public int FormsUpdated { get; init; }
    public int FormStatusChanges { get; init; }

    public bool Succeeded => Problems.Count == 0;

    public bool ChangedNothing => ItemVersionsCreated + ItemStatusChanges + ReviewsRecorded + RubricVersionsCreated + EnemyChanges
        + FormsCreated + FormsUpdated + FormStatusChanges == 0 && !BlueprintChanged;

    public override string ToString() => Succeeded
        ? $"{ItemVersionsCreated} new item versions, {ItemStatusChanges} status changes, {ReviewsRecorded} reviews, " +
          $"{RubricVersionsCreated} new rubric versions, {FormsCreated} new forms, {FormsUpdated} forms updated, {FormStatusChanges} form status changes, {EnemyChanges} enemy changes" +
          (BlueprintChanged ? ", blueprint changed" : "") +
          (Demoted > 0 ? $"; {Demoted} version{(Demoted == 1 ? "" : "s")} claimed an approval nobody gave and did not land as approved" : "")
        : $"{Problems.Count} problem{(Problems.Count == 1 ? "" : "s")}; nothing imported";
}

/// <summary>
/// Loads an item bank folder into the database, all or nothing: lint first (against the files and what is stored),
/// then one transaction. A version is created only for content new to its item, so importing twice changes nothing
/// the second time. Every new version and every status change is audited, and so is the import itself.
/// A file cannot approve what nobody approved: its <c>reviewers</c> count only when they are enabled committee
/// accounts other than the author, and a version whose file says approved without enough of them (with the
/// approvals already stored) lands as a draft, or keeps its stored status, with a warning saying why. Lint then
/// checks the forms against the statuses that will land, so a published form cannot rest on such a version.
/// </summary>
public sealed class ItemBankImporter(Db db, ItemBankStore store, AuditLog audit, LintOptions? options = null)
{
    private readonly BankBlueprintStore _blueprints = new(store.Clock);
    private readonly StaffAccountStore _staff = new(store.Clock);
    private readonly ItemEnemyStore _enemies = new(store.Clock);
    private readonly int _requiredReviewers = (options ?? new LintOptions()).RequiredReviewers;

    public const string ImportComment = "Recorded from the item bank file by import.";

    private const string LandsAs = "lands as ";

    public async Task<ImportResult> ImportAsync(string dir, string actor, CancellationToken ct = default)
    {
        var files = ItemBankReader.Read(dir);
        // The snapshot is read inside the write transaction, so nothing can change between the check and the write.
        await using var s = await db.BeginAsync(ct: ct);
        await store.LockBankAsync(s, ct);
        var stored = await StoredBank.LoadAsync(store, s, ct);
        var landing = await ApprovalsThatHoldAsync(s, files, ct);
        var linted = new ItemBankLinter(options).Lint(files, stored);
        var problems = linted.Where(p => !p.Warning).ToList();
        var warnings = linted.Where(p => p.Warning).Concat(landing).OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ToList();
        if (problems.Count > 0) return new ImportResult { Problems = problems, Warnings = warnings };

        var result = new ImportResult { Warnings = warnings, Demoted = landing.Count(w => w.Message.StartsWith(LandsAs, StringComparison.Ordinal)) };
        if (files.Blueprint is { } blueprint)
            result = result with { BlueprintChanged = await ImportBlueprintAsync(s, blueprint.Text, actor, ct) };
        foreach (var item in files.Items.Select(i => i.Document!).OrderBy(d => d.Content.Id, StringComparer.Ordinal))
            result = await ImportItemAsync(s, item, actor, result, ct);
        // After every item exists: an enemy may be an item this import creates.
        foreach (var item in files.Items.Select(i => i.Document!).OrderBy(d => d.Content.Id, StringComparer.Ordinal))
            result = await ImportEnemiesAsync(s, item, actor, result, ct);
        foreach (var rubric in files.Rubrics.Select(r => r.Document!).OrderBy(r => r.Rubric.Id, StringComparer.Ordinal))
            result = await ImportRubricAsync(s, rubric, actor, result, ct);
        foreach (var form in files.Forms.Select(f => f.Form!).OrderBy(f => f.Id, StringComparer.Ordinal))
            result = await ImportFormAsync(s, form, stored.Form(form.Id), actor, result, ct);

        // The import itself, under its actor, when it changed anything (importing an unchanged bank records nothing).
        if (!result.ChangedNothing)
            await audit.AppendAsync(s, new AuditEntry(actor, ItemBankAuditActions.BankImported, "itembank", null,
            AfterJson: Json(new
            {
                result.ItemVersionsCreated, result.ItemStatusChanges, result.ReviewsRecorded, result.RubricVersionsCreated, result.EnemyChanges,
                result.FormsCreated, result.FormsUpdated, result.FormStatusChanges, result.BlueprintChanged, result.Demoted,
            }),
            Detail: $"import of {dir}"), ct);
        await s.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Replaces each item and rubric file's status and reviewers by what will land: reviewers who are enabled committee
    /// accounts other than the author; an approved status only when they, with the approvals already stored for that
    /// version, are as many as required (else in review when some are real, else a draft or the stored status).
    /// Returns a warning for each version that does not land as its file says, and for each reviewer not recorded.
    /// </summary>
    private async Task<List<LintProblem>> ApprovalsThatHoldAsync(DbSession s, BankFiles files, CancellationToken ct)
    {
        var warnings = new List<LintProblem>();
        var accounts = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase); // reviewer -> why not, or null
        for (var i = 0; i < files.Items.Count; i++)
        {
            var file = files.Items[i];
            if (file.Document is not { } doc || doc.Reviewers.Count == 0 && doc.Status != ItemStatus.Approved) continue;
            var version = await store.FindItemVersionAsync(s, doc.Content.Id, doc.Content.Version, ct);
            var reviews = version is null ? [] : await store.ReviewsAsync(s, version.Id, ct);
            var (status, valid) = await HoldAsync(s, file, doc.Status, doc.Content.Author, doc.Reviewers, version?.ItemStatus, reviews, accounts, warnings, ct);
            files.Items[i] = file with { Document = doc with { Status = status, Reviewers = valid } };
        }
        for (var i = 0; i < files.Rubrics.Count; i++)
        {
            var file = files.Rubrics[i];
            if (file.Document is not { } doc || doc.Reviewers.Count == 0 && doc.Status != ItemStatus.Approved) continue;
            var version = await store.FindRubricVersionAsync(s, doc.Rubric.Id, doc.Rubric.Version, ct);
            var reviews = version is null ? [] : await store.RubricReviewsAsync(s, version.Id, ct);
            // A stored version's author stands (lint refuses a file that renames it).
            var author = version is { Author.Length: > 0 } ? version.Author : doc.Author;
            var (status, valid) = await HoldAsync(s, file, doc.Status, author, doc.Reviewers, version?.ItemStatus, reviews, accounts, warnings, ct);
            files.Rubrics[i] = file with { Document = doc with { Status = status, Reviewers = valid } };
        }
        return warnings;
    }

    /// <summary>What one version's file status and reviewers land as; adds a warning when that is not what the file says.</summary>
    private async Task<(ItemStatus Status, List<string> Valid)> HoldAsync(
        DbSession s, ParsedFile file, ItemStatus claimed, string author, IReadOnlyList<string> reviewers, ItemStatus? storedStatus,
        IEnumerable<StoredItemReview> storedReviews, Dictionary<string, string?> accounts, List<LintProblem> warnings, CancellationToken ct)
    {
        var refused = new List<string>();
        var valid = new List<string>();
        foreach (var reviewer in reviewers.Select(r => r.Trim()).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var why = ItemWorkflow.SamePerson(reviewer, author)
                ? "is the author"
                : accounts.TryGetValue(reviewer, out var known) ? known : accounts[reviewer] = await WhyNotAReviewerAsync(s, reviewer, ct);
            if (why is null) valid.Add(reviewer);
            else refused.Add($"'{reviewer}' {why}");
        }
        var storedApprovers = storedReviews
            .Where(r => r.Decision == ReviewDecisions.Approved && !ItemWorkflow.SamePerson(r.Reviewer, author))
            .Select(r => r.Reviewer.Trim().ToLowerInvariant());
        var approvers = valid.Select(v => v.ToLowerInvariant()).Concat(storedApprovers).Distinct().Count();
        var status = claimed;
        if (status == ItemStatus.Approved && approvers < _requiredReviewers)
        {
            // Some real approvals but too few: in review with them recorded (as the review pages would leave it);
            // none: as stored, else a draft.
            status = valid.Count > 0 ? ItemStatus.InReview
                : storedStatus is { } stored && stored != ItemStatus.Approved ? stored : ItemStatus.Draft;
            warnings.Add(new LintProblem(file.Path, file.Lines["status"],
                $"{LandsAs}{ItemBankCodes.Code(status)}, not approved: approval needs {_requiredReviewers} reviewer{(_requiredReviewers == 1 ? "" : "s")} " +
                $"who {(_requiredReviewers == 1 ? "is a committee account" : "are committee accounts")} other than the author, and " +
                $"{(approvers == 0 ? "none" : approvers.ToString(System.Globalization.CultureInfo.InvariantCulture))} approved it" +
                (refused.Count > 0 ? $" ({string.Join("; ", refused)})" : "") + "; a committee member approves it in the review pages",
                Warning: true));
        }
        else if (refused.Count > 0)
        {
            warnings.Add(new LintProblem(file.Path, file.Lines.Has("reviewers") ? file.Lines["reviewers"] : file.Lines["status"],
                $"reviewers not recorded: {string.Join("; ", refused)}", Warning: true));
        }
        return (status, valid);
    }

    /// <summary>Null when the name is an enabled staff account with the Committee role; otherwise why it cannot review.</summary>
    private async Task<string?> WhyNotAReviewerAsync(DbSession s, string reviewer, CancellationToken ct)
    {
        var account = await _staff.FindAsync(s, reviewer, ct);
        if (account is null) return "is not a staff account";
        if (account.IsDisabled) return "is a disabled account";
        return account.Roles.Contains(Roles.Committee) ? null : "is not a committee member";
    }

    private async Task<ImportResult> ImportItemAsync(DbSession s, ItemDocument doc, string actor, ImportResult result, CancellationToken ct)
    {
        var content = doc.Content;
        var version = await store.FindItemVersionAsync(s, content.Id, content.Version, ct);
        if (version is null)
        {
            version = await store.AddItemVersionAsync(s, content, doc.Status, ct);
            await audit.AppendAsync(s, new AuditEntry(actor, ItemBankAuditActions.ItemVersionCreated, "item", content.Id,
                AfterJson: Json(new { item = content.Id, version = version.ContentHash, versionNo = version.VersionNo, status = version.Status }),
                Detail: "import"), ct);
            result = result with { ItemVersionsCreated = result.ItemVersionsCreated + 1 };
        }
        else if (version.ItemStatus != doc.Status)
        {
            await store.SetItemStatusAsync(s, version.Id, doc.Status, ct);
            await audit.AppendAsync(s, new AuditEntry(actor, ItemBankAuditActions.ItemStatusChanged, "item", content.Id,
                Json(new { item = content.Id, version = version.ContentHash, status = version.Status }),
                Json(new { item = content.Id, version = version.ContentHash, status = ItemBankCodes.Code(doc.Status) }),
                "import"), ct);
            result = result with { ItemStatusChanges = result.ItemStatusChanges + 1 };
        }

        // The file's reviewers are the approvals of this version; record the ones not recorded yet, in file order.
        var approved = (await store.ReviewsAsync(s, version.Id, ct))
            .Where(r => r.Decision == ReviewDecisions.Approved).Select(r => r.Reviewer).ToList();
        foreach (var reviewer in doc.Reviewers)
        {
            if (approved.Any(a => ItemWorkflow.SamePerson(a, reviewer))) continue;
            await store.AddReviewAsync(s, version.Id, reviewer, ReviewDecisions.Approved, ImportComment, ct);
            approved.Add(reviewer);
            result = result with { ReviewsRecorded = result.ReviewsRecorded + 1 };
        }
        return result;
    }

    /// <summary>
    /// A rubric file, as an item file: new content is a new version with the file's author and (held) status; a stored
    /// version moves to the file's status with a conditional update; the file's real reviewers become approvals.
    /// </summary>
    private async Task<ImportResult> ImportRubricAsync(DbSession s, RubricDocument doc, string actor, ImportResult result, CancellationToken ct)
    {
        var rubric = doc.Rubric;
        var version = await store.FindRubricVersionAsync(s, rubric.Id, rubric.Version, ct);
        if (version is null)
        {
            version = await store.AddRubricVersionAsync(s, rubric, doc.Author, doc.Status, ct);
            await audit.AppendAsync(s, new AuditEntry(actor, ItemBankAuditActions.RubricVersionCreated, "rubric", rubric.Id,
                AfterJson: Json(new { rubric = rubric.Id, version = version.ContentHash, versionNo = version.VersionNo, status = version.Status }),
                Detail: "import"), ct);
            result = result with { RubricVersionsCreated = result.RubricVersionsCreated + 1 };
        }
        else
        {
            if (version.Author.Length == 0) await store.FillRubricAuthorAsync(s, version.Id, doc.Author, ct);
            if (version.ItemStatus != doc.Status)
            {
                // The bank lock makes this certain; the condition keeps it so if a path ever writes without the lock.
                if (!await store.MoveRubricStatusAsync(s, version.Id, version.ItemStatus, doc.Status, ct))
                    throw new InvalidOperationException($"rubric {version.Pin} changed status during the import; run it again");
                await audit.AppendAsync(s, new AuditEntry(actor, ItemBankAuditActions.RubricStatusChanged, "rubric", rubric.Id,
                    Json(new { rubric = rubric.Id, version = version.ContentHash, status = version.Status }),
                    Json(new { rubric = rubric.Id, version = version.ContentHash, status = ItemBankCodes.Code(doc.Status) }),
                    "import"), ct);
                result = result with { ItemStatusChanges = result.ItemStatusChanges + 1 };
            }
        }
        var approved = (await store.RubricReviewsAsync(s, version.Id, ct))
            .Where(r => r.Decision == ReviewDecisions.Approved).Select(r => r.Reviewer).ToList();
        foreach (var reviewer in doc.Reviewers)
        {
            if (approved.Any(a => ItemWorkflow.SamePerson(a, reviewer))) continue;
            await store.AddRubricReviewAsync(s, version.Id, reviewer, ReviewDecisions.Approved, ImportComment, ct);
            approved.Add(reviewer);
            result = result with { ReviewsRecorded = result.ReviewsRecorded + 1 };
        }
        return result;
    }

    /// <summary>The file's enemies become the item's (lint made them mutual, so the other file agrees).</summary>
    private async Task<ImportResult> ImportEnemiesAsync(DbSession s, ItemDocument doc, string actor, ImportResult result, CancellationToken ct)
    {
        var change = await _enemies.SetAsync(s, doc.Content.Id, doc.Enemies, ct);
        if (!change.Changed) return result;
        await audit.AppendAsync(s, new AuditEntry(actor, ItemBankAuditActions.ItemEnemiesChanged, "item", doc.Content.Id,
            AfterJson: Json(new { item = doc.Content.Id, added = change.Added, removed = change.Removed }), Detail: "import"), ct);
        return result with { EnemyChanges = result.EnemyChanges + 1 };
    }

    private async Task<ImportResult> ImportFormAsync(DbSession s, FormDefinition form, StoredForm? existing, string actor, ImportResult result, CancellationToken ct)
    {
        var definition = form.ToCanonicalJson();
        var status = existing?.FormStatus;
        if (existing is null)
        {
            await store.CreateFormAsync(s, form, ct);
            await PinAsync(s, form, ct);
            await audit.AppendAsync(s, new AuditEntry(actor, ItemBankAuditActions.FormCreated, "form", form.Id,
                AfterJson: definition, Detail: "import"), ct);
            result = result with { FormsCreated = result.FormsCreated + 1 };
            status = FormStatus.Draft;
        }
        else if (existing.DefinitionJson != definition)
        {
            // Only a draft gets here: the linter refuses a changed published form.
            await store.UpdateFormDefinitionAsync(s, form, ct);
            await PinAsync(s, form, ct);
            await audit.AppendAsync(s, new AuditEntry(actor, ItemBankAuditActions.FormUpdated, "form", form.Id,
                existing.DefinitionJson, definition, "import"), ct);
            result = result with { FormsUpdated = result.FormsUpdated + 1 };
        }
        if (status != form.Status)
        {
            await store.SetFormStatusAsync(s, form.Id, form.Status, actor, ct);
            await audit.AppendAsync(s, new AuditEntry(actor, ItemBankAuditActions.FormStatusChanged, "form", form.Id,
                Json(new { form = form.Id, status = ItemBankCodes.Code(status!.Value) }),
                Json(new { form = form.Id, status = ItemBankCodes.Code(form.Status) }), "import"), ct);
            result = result with { FormStatusChanges = result.FormStatusChanges + 1 };
        }
        return result;
    }

    /// <summary>A new blueprint version when the file's text differs from the current one.</summary>
    private async Task<bool> ImportBlueprintAsync(DbSession s, string text, string actor, CancellationToken ct)
    {
        var current = await _blueprints.CurrentAsync(s, ct);
        if (current?.Document == text) return false;
        var basedOn = current?.Version ?? 0;
        // The bank is locked for this transaction, so nothing else saves a version between the read and the write.
        if (!await _blueprints.SaveAsync(s, basedOn, text, actor, ct))
            throw new InvalidOperationException("the bank blueprint changed during the import; run it again");
        await audit.AppendAsync(s, new AuditEntry(actor, ItemBankAuditActions.BlueprintChanged, "blueprint", "blueprint",
            current is null ? null : Json(new { version = current.Version }), Json(new { version = basedOn + 1 }), "import"), ct);
        return true;
    }

    private Task PinAsync(DbSession s, FormDefinition form, CancellationToken ct) => store.PinFormAsync(s, form, ct);

    internal static string Json(object value) => JsonSerializer.Serialize(value);
}
