using System.Text.Json;
using Exam.Core.Audit;
using Exam.Core.ItemBank;
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
    public int ItemVersionsCreated { get; init; }
    public int ItemStatusChanges { get; init; }
    public int ReviewsRecorded { get; init; }
    public int RubricVersionsCreated { get; init; }
    public int FormsCreated { get; init; }
    public int FormsUpdated { get; init; }
    public int FormStatusChanges { get; init; }

    public bool Succeeded => Problems.Count == 0;

    public bool ChangedNothing => ItemVersionsCreated + ItemStatusChanges + ReviewsRecorded + RubricVersionsCreated
        + FormsCreated + FormsUpdated + FormStatusChanges == 0 && !BlueprintChanged;

    public override string ToString() => Succeeded
        ? $"{ItemVersionsCreated} new item versions, {ItemStatusChanges} status changes, {ReviewsRecorded} reviews, " +
          $"{RubricVersionsCreated} new rubric versions, {FormsCreated} new forms, {FormsUpdated} forms updated, {FormStatusChanges} form status changes" +
          (BlueprintChanged ? ", blueprint changed" : "")
        : $"{Problems.Count} problem{(Problems.Count == 1 ? "" : "s")}; nothing imported";
}

/// <summary>
/// Loads an item bank folder into the database, all or nothing: lint first (against the files and what is stored),
/// then one transaction. A version is created only for content new to its item, so importing twice changes nothing
/// the second time. Every new version and every status change is audited.
/// </summary>
public sealed class ItemBankImporter(Db db, ItemBankStore store, AuditLog audit, LintOptions? options = null)
{
    private readonly BankBlueprintStore _blueprints = new(store.Clock);

    public const string ImportComment = "Recorded from the item bank file by import.";

    public async Task<ImportResult> ImportAsync(string dir, string actor, CancellationToken ct = default)
    {
        var files = ItemBankReader.Read(dir);
        // The snapshot is read inside the write transaction, so nothing can change between the check and the write.
        await using var s = await db.BeginAsync(ct: ct);
        await store.LockBankAsync(s, ct);
        var stored = await StoredBank.LoadAsync(store, s, ct);
        var linted = new ItemBankLinter(options).Lint(files, stored);
        var problems = linted.Where(p => !p.Warning).ToList();
        var warnings = linted.Where(p => p.Warning).ToList();
        if (problems.Count > 0) return new ImportResult { Problems = problems, Warnings = warnings };

        var result = new ImportResult { Warnings = warnings };
        if (files.Blueprint is { } blueprint)
            result = result with { BlueprintChanged = await ImportBlueprintAsync(s, blueprint.Text, actor, ct) };
        foreach (var item in files.Items.Select(i => i.Document!).OrderBy(d => d.Content.Id, StringComparer.Ordinal))
            result = await ImportItemAsync(s, item, actor, result, ct);
        foreach (var rubric in files.Rubrics.Select(r => r.Rubric!).OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            if (stored.RubricVersion(rubric.Id, rubric.Version) is not null) continue;
            await store.AddRubricVersionAsync(s, rubric, ct);
            await audit.AppendAsync(s, new AuditEntry(actor, ItemBankAuditActions.RubricVersionCreated, "rubric", rubric.Id,
                AfterJson: Json(new { rubric = rubric.Id, version = rubric.Version }), Detail: "import"), ct);
            result = result with { RubricVersionsCreated = result.RubricVersionsCreated + 1 };
        }
        foreach (var form in files.Forms.Select(f => f.Form!).OrderBy(f => f.Id, StringComparer.Ordinal))
            result = await ImportFormAsync(s, form, stored.Form(form.Id), actor, result, ct);

        await s.CommitAsync(ct);
        return result;
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
