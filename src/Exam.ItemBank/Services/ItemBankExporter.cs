using Exam.Core.ItemBank;
using Exam.Data.Database;
using Exam.Data.ItemBank;
using Exam.ItemBank.Files;

namespace Exam.ItemBank.Services;

/// <summary>What an export wrote.</summary>
public sealed record ExportResult(int Items, int Rubrics, int Forms, int FilesChanged)
{
    public override string ToString() =>
        $"{Items} items, {Rubrics} rubrics, {Forms} forms exported; {FilesChanged} file{(FilesChanged == 1 ? "" : "s")} changed";
}

/// <summary>
/// Writes the bank back to a folder with the canonical writer: the blueprint as saved, each item's latest version with its status,
/// reviewers and enemies, each rubric's latest version with its status, author and reviewers, every form. An unchanged bank reproduces its files byte for byte.
/// </summary>
public sealed class ItemBankExporter(Db db, ItemBankStore store)
{
    public async Task<ExportResult> ExportAsync(string dir, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var versions = await store.LatestItemVersionsAsync(s, ct);
        var approvals = (await store.AllApprovalsAsync(s, ct)).ToLookup(r => r.ItemVersionId);
        var rubrics = await store.LatestRubricVersionsAsync(s, ct);
        var rubricApprovals = (await store.AllRubricApprovalsAsync(s, ct)).ToLookup(r => r.ItemVersionId);
        var forms = await store.ListFormsAsync(s, ct);
        var blueprint = await new BankBlueprintStore(store.Clock).CurrentAsync(s, ct);
        var enemies = await new ItemEnemyStore(store.Clock).AllAsync(s, ct);

        var changed = 0;
        if (blueprint is not null) changed += Write(dir, "", BankBlueprintParser.FileName, blueprint.Document);
        foreach (var v in versions)
        {
            var doc = new ItemDocument(v.Content, v.ItemStatus, Reviewers(approvals[v.Id])) { Enemies = enemies.Of(v.ItemId) };
            changed += Write(dir, ItemBankReader.ItemsFolder, $"{v.ItemId}.md", ItemBankWriter.WriteItem(doc));
        }
        foreach (var r in rubrics)
        {
            var doc = new RubricDocument(r.Content, r.ItemStatus, r.Author, Reviewers(rubricApprovals[r.Id]));
            changed += Write(dir, ItemBankReader.RubricsFolder, $"{r.RubricId}.md", ItemBankWriter.WriteRubric(doc));
        }
        foreach (var f in forms)
            changed += Write(dir, ItemBankReader.FormsFolder, $"{f.Id}.yaml", ItemBankWriter.WriteForm(f.Definition));
        return new ExportResult(versions.Count, rubrics.Count, forms.Count, changed);
    }

    /// <summary>The distinct approvers of a version, in the order they approved.</summary>
    private static List<string> Reviewers(IEnumerable<StoredItemReview> approvals)
    {
        var reviewers = new List<string>();
        foreach (var r in approvals)
            if (!reviewers.Any(x => ItemWorkflow.SamePerson(x, r.Reviewer))) reviewers.Add(r.Reviewer);
        return reviewers;
    }

    /// <summary>Writes only when the text differs, so an unchanged bank leaves its files untouched. 1 when written.</summary>
    private static int Write(string dir, string folder, string name, string text)
    {
        var folderPath = Path.Join(dir, folder);
        Directory.CreateDirectory(folderPath);
        var path = Path.Join(folderPath, name);
        if (File.Exists(path) && File.ReadAllText(path) == text) return 0;
        File.WriteAllText(path, text);
        return 1;
    }
}
