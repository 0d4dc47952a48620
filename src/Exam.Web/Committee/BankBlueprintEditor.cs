using System.Text.Json;
using Exam.Core.Audit;
using Exam.Core.Blueprint;
using Exam.Core.ItemBank;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.ItemBank;
using Exam.ItemBank.Files;

namespace Exam.Web.Committee;

/// <summary>What a save of the blueprint did.</summary>
public sealed record BlueprintOutcome(bool Saved, string? Message, IReadOnlyList<InputProblem> Problems)
{
    public static BlueprintOutcome Refused(params InputProblem[] problems) => new(false, null, problems);
}

/// <summary>
/// The committee's edits of the bank blueprint (the text of <c>itembank/blueprint.yaml</c>): read by the same parser as
/// the file, so an edit that lint would refuse is refused here; saved as a new version, audited; exported back to the
/// file by <c>exam itembank export</c>. Domain and track ids are stable: items, forms and candidate records name them.
/// Each edit is re-checked against the bank's supply (<see cref="BlueprintSupply"/>): a default Part One the level rule
/// makes impossible is refused, as lint refuses it in the file; one the bank has too few approved items for is saved
/// with a message naming each domain short.
/// </summary>
public sealed class BankBlueprintEditor(Db db, BankBlueprintStore store, BankBlueprintSource source, AuditLog audit, ItemBankStore items)
{
    public const int MaxLength = 20_000;
    public const string Field = "Document";

    public async Task<(int Version, string Text, BankBlueprint Blueprint)> LoadAsync(CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var (version, text) = await source.TextAsync(s, ct);
        return (version, text, await source.CurrentAsync(s, ct));
    }

    public async Task<BlueprintOutcome> SaveAsync(string actor, int basedOn, string? text, CancellationToken ct = default)
    {
        text = ParsedBlueprint.Normalize(text ?? "");
        if (text.Trim().Length == 0) return BlueprintOutcome.Refused(new InputProblem(Field, "The blueprint is empty."));
        if (text.Length > MaxLength) return BlueprintOutcome.Refused(new InputProblem(Field, $"The blueprint can have up to {MaxLength} characters."));
        if (!text.EndsWith('\n')) text += "\n";
        var (parsed, problems) = BankBlueprintParser.ParseText(text);
        if (parsed is null)
            return new BlueprintOutcome(false, null, problems.Select(p => new InputProblem(Field, $"Line {p.Line}: {p.Message}")).ToList());

        await using var s = await db.BeginAsync(ct: ct);
        var (version, current) = await source.TextAsync(s, ct);
        if (version != basedOn)
            return BlueprintOutcome.Refused(new InputProblem(Field,
                "Someone saved the blueprint while you were editing. Nothing was saved: open it again to edit the latest version."));
        if (current == text) return new BlueprintOutcome(false, "No changes to save.", []);
        var before = await source.CurrentAsync(s, ct);
        var removed = before.Domains.Select(d => d.Id).Except(parsed.Domains.Select(d => d.Id))
            .Select(id => $"domain '{id}'")
            .Concat(before.Tracks.Select(t => t.Id).Except(parsed.Tracks.Select(t => t.Id)).Select(id => $"track '{id}'"))
            .ToList();
        if (removed.Count > 0)
            return BlueprintOutcome.Refused(new InputProblem(Field,
                $"The edit removes {string.Join(" and ", removed)}: ids are stable (items, forms and candidate records name them). " +
                "Change a name, never an id."));
        var shortfalls = BlueprintSupply.Check(parsed, (await ItemCatalog.ApprovedLatestAsync(items, s, ItemType.Mcq, ct)).Select(r => r.Content));
        var impossible = shortfalls.Where(x => x.ShutOut is not null).ToList();
        if (impossible.Count > 0)
            return new BlueprintOutcome(false, null, impossible.Select(x => new InputProblem(Field, Sentence(x.Describe(parsed)))).ToList());
        if (!await store.SaveAsync(s, version, text, actor, ct))
            return BlueprintOutcome.Refused(new InputProblem(Field, "Someone saved the blueprint at the same moment. Nothing was saved: open it again."));
        await audit.AppendAsync(s, new AuditEntry(actor, ItemBankAuditActions.BlueprintChanged, "blueprint", "blueprint",
            Json(new { version }), Json(new { version = version + 1 }), "edited in the committee's pages"), ct);
        await s.CommitAsync(ct);
        var saved = $"Blueprint saved as version {version + 1}. Export the bank to write it to itembank/blueprint.yaml.";
        if (shortfalls.Count > 0)
            saved += $" The bank cannot fill it yet: {string.Join("; ", shortfalls.Select(x => x.Describe(parsed)))}.";
        return new BlueprintOutcome(true, saved, []);
    }

    private static string Sentence(string text) => char.ToUpperInvariant(text[0]) + text[1..] + ".";

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
