using System.Text.Json;
using Exam.Core;
using Exam.Core.Audit;
using Exam.Core.Blueprint;
using Exam.Core.ItemBank;
using Exam.Core.ItemBank.Cues;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.ItemBank;
using Exam.ItemBank.Files;
using Exam.ItemBank.Rendering;

namespace Exam.Web.Committee;

/// <summary>One option as typed.</summary>
public sealed class OptionInput
{
    public string? Text { get; set; }
    public string? Rationale { get; set; }
}

/// <summary>What the committee types for an item. Codes as in the item files; the first domain is the primary one.</summary>
public sealed class ItemInput
{
    /// <summary>The version the editor started from, so a save on top of someone else's newer version is refused.</summary>
    public string? BaseVersion { get; set; }

    public string? Body { get; set; }
    public List<OptionInput> Options { get; set; } = [];
    public string? Key { get; set; }
    public string? PrimaryDomain { get; set; }
    public List<string> OtherDomains { get; set; } = [];
    public string? Level { get; set; }
    public string? Designation { get; set; }

    /// <summary>One reference per line.</summary>
    public string? References { get; set; }

    public string? EssaySet { get; set; }
    public string? Rubric { get; set; }

    /// <summary>The item's enemies (items it must never share a form with), ids separated by commas or spaces.</summary>
    public string? Enemies { get; set; }

    public static ItemInput From(StoredItemVersion version, IReadOnlyList<string> enemies)
    {
        var c = version.Content;
        return new ItemInput
        {
            BaseVersion = version.ContentHash,
            Body = c.Body,
            Options = ItemEditor.OptionIds.Select(id => c.Options.FirstOrDefault(o => o.Id == id) is { } o
                ? new OptionInput { Text = o.Text, Rationale = o.Rationale } : new OptionInput()).ToList(),
            Key = c.Key,
            PrimaryDomain = c.PrimaryDomain,
            OtherDomains = c.Domains.Skip(1).ToList(),
            Level = ItemBankCodes.Code(c.Level),
            Designation = ItemBankCodes.Code(c.Designation),
            References = string.Join("\n", c.References),
            EssaySet = c.EssaySet is { } set ? ItemBankCodes.Code(set) : null,
            Rubric = c.Rubric,
            Enemies = string.Join(", ", enemies),
        };
    }

    /// <summary>A blank item of a type, for a new one.</summary>
    public static ItemInput Blank(ItemType type) => new()
    {
        Options = type == ItemType.Mcq ? ItemEditor.OptionIds.Select(_ => new OptionInput()).ToList() : [],
        Level = ItemBankCodes.Code(Core.ItemBank.Level.Both),
        Designation = ItemBankCodes.Code(Core.ItemBank.Designation.A),
    };
}

/// <summary>A problem with the input, with the id of the field it is about (for the error summary's link).</summary>
public sealed record InputProblem(string Field, string Message);

public enum SaveKind { Saved, NoChanges, Invalid, Stale, NotFound }

/// <summary>What a save did: a new version, nothing (no change), or why not.</summary>
public sealed record SaveOutcome(SaveKind Kind, StoredItemVersion? Version = null, IReadOnlyList<InputProblem>? Problems = null, string? Message = null)
{
    /// <summary>Strong cues of the saved MCQ (<see cref="ItemCues"/>): saved all the same, but a testwise candidate gets it free.</summary>
    public IReadOnlyList<StrongCue> CueWarnings { get; init; } = [];

    public IReadOnlyList<InputProblem> AllProblems => Problems ?? [];
}

/// <summary>The candidate's view of an item as typed, before it is saved.</summary>
public sealed record ItemPreview(ItemType Type, string BodyHtml, IReadOnlyList<ItemOption> Options);

/// <summary>
/// Edits items for the committee. Content as typed is checked with the rules of the item file parser, then written and
/// parsed back as a file would be, so nothing is saved that lint or export would choke on. A change makes a new
/// immutable version (draft, authored by whoever saved it), audited in the same transaction; no change makes nothing.
/// Enemies are the item's, not a version's: changing only them makes no version. A saved MCQ with a strong cue is
/// saved with the cue report's warnings (lint --strict would fail on them), so the writer sees what to change.
/// </summary>
public sealed class ItemEditor(Db db, ItemBankStore store, AuditLog audit, ItemMarkdown markdown, BankBlueprintSource blueprints)
{
    private readonly ItemEnemyStore _enemies = new(store.Clock);
    public const int MaxEnemies = 50;

    public static readonly IReadOnlyList<string> OptionIds = ["A", "B", "C", "D"];
    public const int MaxBodyLength = 20_000;
    public const int MaxOptionLength = 2_000;
    public const int MaxRationaleLength = 4_000;
    public const int MaxReferences = 50;
    public const int MaxReferenceLength = 1_000;
    public const string EditDetail = "committee edit";

    /// <summary>The latest version of an item, its enemies, and the stored rubrics an essay can name (id and essay set).</summary>
    public async Task<(StoredItemVersion? Latest, IReadOnlyList<string> Enemies, IReadOnlyList<Rubric> Rubrics)> LoadAsync(string itemId, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        return (await store.LatestItemVersionAsync(s, itemId, ct), (await _enemies.AllAsync(s, ct)).Of(itemId), await RubricsAsync(s, ct));
    }

    public async Task<IReadOnlyList<Rubric>> RubricsAsync(CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        return await RubricsAsync(s, ct);
    }

    private async Task<IReadOnlyList<Rubric>> RubricsAsync(DbSession s, CancellationToken ct) =>
        (await store.LatestRubricVersionsAsync(s, ct)).Select(r => r.Content).ToList();

    public ItemPreview Preview(ItemType type, ItemInput input) => new(
        type,
        markdown.Render(ItemText.Body(input.Body)),
        type == ItemType.Mcq
            ? OptionIds.Select((id, i) => new ItemOption(id, ItemText.Field(OptionAt(input, i)?.Text), "")).ToList()
            : []);

    /// <summary>Saves the input as a new version of an existing item when its content differs from the latest.</summary>
    public async Task<SaveOutcome> SaveAsync(string actor, string itemId, ItemInput input, CancellationToken ct = default)
    {
        await using var s = await db.BeginAsync(ct: ct);
        await store.LockBankAsync(s, ct);
        var latest = await store.LatestItemVersionAsync(s, itemId, ct);
        if (latest is null) return new SaveOutcome(SaveKind.NotFound, Message: $"There is no item '{itemId}'.");
        if (!string.Equals(input.BaseVersion, latest.ContentHash, StringComparison.Ordinal))
        {
            return new SaveOutcome(SaveKind.Stale, latest, Message:
                $"Version {latest.VersionNo} (by {latest.Author}) was saved while you were editing. Nothing was saved: " +
                "open the item again to edit the latest version.");
        }
        var before = latest.Content;
        var (content, problems) = Build(before.Type, itemId, before.Author, input, before.Domains, await RubricsAsync(s, ct), await blueprints.CurrentAsync(s, ct));
        var enemies = await EnemiesAsync(s, itemId, input, [.. problems], ct);
        if (content is null || enemies.Problems.Count > 0) return new SaveOutcome(SaveKind.Invalid, Problems: enemies.Problems);
        var enemiesChanged = await SetEnemiesAsync(s, actor, itemId, enemies.Ids, ct);
        if (content.ToCanonicalJson() == latest.ContentJson)
        {
            if (!enemiesChanged) return new SaveOutcome(SaveKind.NoChanges, latest, Message: "No changes to save.");
            await s.CommitAsync(ct);
            return new SaveOutcome(SaveKind.Saved, latest, Message: "Enemies saved; the content is unchanged, so no new version.");
        }

        content = content with { Author = actor };
        return await AddVersionAsync(s, actor, content, latest, ct);
    }

    /// <summary>The enemy ids typed (all of them, with every problem with them added to <paramref name="problems"/>).</summary>
    private async Task<(List<string> Ids, List<InputProblem> Problems)> EnemiesAsync(
        DbSession s, string itemId, ItemInput input, List<InputProblem> problems, CancellationToken ct)
    {
        var ids = (input.Enemies ?? "").Split([',', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count > MaxEnemies) problems.Add(new("Enemies", $"Up to {MaxEnemies} enemies."));
        else
        {
            foreach (var id in ids)
            {
                if (id == itemId) problems.Add(new("Enemies", "An item cannot be its own enemy."));
                else if (!ItemText.IsValidId(id) || await store.LatestItemVersionAsync(s, id, ct) is null)
                    problems.Add(new("Enemies", $"'{FieldLimits.Clip(id, 40)}' is not an item in the bank; enemies are item ids such as tf-001."));
            }
        }
        return (ids, problems);
    }

    /// <summary>Makes the ids the item's enemies, audited; true when that changed anything.</summary>
    private async Task<bool> SetEnemiesAsync(DbSession s, string actor, string itemId, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var change = await _enemies.SetAsync(s, itemId, ids, ct);
        if (!change.Changed) return false;
        await audit.AppendAsync(s, new AuditEntry(actor, ItemBankAuditActions.ItemEnemiesChanged, "item", itemId,
            AfterJson: Json(new { item = itemId, added = change.Added, removed = change.Removed }), Detail: EditDetail), ct);
        return true;
    }

    /// <summary>Creates a new item (its first version, a draft by <paramref name="actor"/>).</summary>
    public async Task<SaveOutcome> CreateAsync(string actor, string? itemId, ItemType type, ItemInput input, CancellationToken ct = default)
    {
        var id = itemId?.Trim() ?? "";
        if (!ItemText.IsValidId(id))
            return new SaveOutcome(SaveKind.Invalid, Problems: [new("Id", "Enter an id of lower-case letters, digits and '-' (such as tf-101), starting with a letter or digit.")]);
        await using var s = await db.BeginAsync(ct: ct);
        await store.LockBankAsync(s, ct);
        if (await store.LatestItemVersionAsync(s, id, ct) is not null)
            return new SaveOutcome(SaveKind.Invalid, Problems: [new("Id", $"There is already an item '{id}'. Choose another id, or edit that item.")]);
        var (content, problems) = Build(type, id, actor, input, [], await RubricsAsync(s, ct), await blueprints.CurrentAsync(s, ct));
        var enemies = await EnemiesAsync(s, id, input, [.. problems], ct);
        if (content is null || enemies.Problems.Count > 0) return new SaveOutcome(SaveKind.Invalid, Problems: enemies.Problems);
        return await AddVersionAsync(s, actor, content, null, ct, enemies.Ids);
    }

    private async Task<SaveOutcome> AddVersionAsync(
        DbSession s, string actor, ItemContent content, StoredItemVersion? basedOn, CancellationToken ct, IReadOnlyCollection<string>? newItemEnemies = null)
    {
        if (await store.FindItemVersionAsync(s, content.Id, content.Version, ct) is { } same)
        {
            return new SaveOutcome(SaveKind.Invalid, Problems: [new("Body",
                $"This content is already version {same.VersionNo} ({same.Status}); nothing was saved.")]);
        }
        if (LintProblems(content) is { Count: > 0 } lint) return new SaveOutcome(SaveKind.Invalid, Problems: lint);

        var version = await store.AddItemVersionAsync(s, content, ItemStatus.Draft, ct);
        await audit.AppendAsync(s, new AuditEntry(actor, ItemBankAuditActions.ItemVersionCreated, "item", content.Id,
            basedOn is null ? null : Json(new { item = content.Id, version = basedOn.ContentHash, versionNo = basedOn.VersionNo, status = basedOn.Status }),
            Json(new { item = content.Id, version = version.ContentHash, versionNo = version.VersionNo, status = version.Status }),
            EditDetail), ct);
        // A new item's enemies go in after its first version: the pair rows refer to the item.
        if (newItemEnemies is not null) await SetEnemiesAsync(s, actor, content.Id, newItemEnemies, ct);
        await s.CommitAsync(ct);
        var cues = content.Type == ItemType.Mcq ? ItemCues.Of(content).StrongCues : [];
        return new SaveOutcome(SaveKind.Saved, version, Message: $"Saved as version {version.VersionNo}, a draft." +
            (cues.Count == 0 ? "" : $" It has {cues.Count} strong cue{(cues.Count == 1 ? "" : "s")} a testwise candidate can use: see the cue warnings below."))
        {
            CueWarnings = cues,
        };
    }

    /// <summary>
    /// The content the input describes, or the problems with it: the item file's rules (an MCQ has a stem, four
    /// options each with text and rationale, and a key among them; an essay has a prompt, an essay set and a rubric;
    /// at least one known domain), and the linter's rule that an essay's rubric exists and is for its essay set.
    /// </summary>
    internal static (ItemContent? Content, IReadOnlyList<InputProblem> Problems) Build(
        ItemType type, string id, string author, ItemInput input, IReadOnlyList<string> previousDomains, IReadOnlyList<Rubric> rubrics, BankBlueprint bank)
    {
        var problems = new List<InputProblem>();
        var body = ItemText.Body(input.Body);
        if (body.Length == 0)
            problems.Add(new("Body", type == ItemType.Mcq ? "Enter the stem: it is empty." : "Enter the prompt: it is empty."));
        else if (body.Length > MaxBodyLength)
            problems.Add(new("Body", $"The {(type == ItemType.Mcq ? "stem" : "prompt")} can have up to {MaxBodyLength} characters."));

        string? key = null;
        var options = new List<ItemOption>();
        EssaySet? essaySet = null;
        string? rubric = null;
        if (type == ItemType.Mcq)
        {
            for (var i = 0; i < OptionIds.Count; i++)
            {
                var oid = OptionIds[i];
                var text = ItemText.Field(OptionAt(input, i)?.Text);
                var rationale = ItemText.Field(OptionAt(input, i)?.Rationale);
                if (text.Length == 0) problems.Add(new($"Option-{oid}-Text", $"Option {oid} has no text."));
                else if (text.Length > MaxOptionLength) problems.Add(new($"Option-{oid}-Text", $"Option {oid} text can have up to {MaxOptionLength} characters."));
                if (rationale.Length == 0) problems.Add(new($"Option-{oid}-Rationale", $"Option {oid} has no rationale."));
                else if (rationale.Length > MaxRationaleLength) problems.Add(new($"Option-{oid}-Rationale", $"Option {oid} rationale can have up to {MaxRationaleLength} characters."));
                options.Add(new ItemOption(oid, text, rationale));
            }
            foreach (var (first, second) in OptionSimilarity.NearDuplicates(options.Select(o => o.Text).ToList()))
                problems.Add(new($"Option-{options[second].Id}-Text",
                    $"Options {options[first].Id} and {options[second].Id} are identical or nearly so: rewrite one so each option says something different."));
            key = input.Key?.Trim();
            if (string.IsNullOrEmpty(key)) problems.Add(new("Key", "Choose the key: the option that is correct."));
            else if (!OptionIds.Contains(key, StringComparer.Ordinal)) problems.Add(new("Key", $"The key '{key}' is not among the options A, B, C, D."));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(input.EssaySet))
                problems.Add(new("EssaySet", $"Choose the essay set ({string.Join(" | ", ItemBankCodes.CodesOf<EssaySet>())})."));
            else if (ItemBankCodes.TryParse(input.EssaySet.Trim(), out EssaySet set)) essaySet = set;
            else problems.Add(new("EssaySet", $"Unknown essay set '{input.EssaySet}'; expected {string.Join(" | ", ItemBankCodes.CodesOf<EssaySet>())}."));

            rubric = input.Rubric?.Trim();
            if (string.IsNullOrEmpty(rubric)) problems.Add(new("Rubric", "Choose the rubric the essay is scored on."));
            else if (rubrics.FirstOrDefault(r => r.Id == rubric) is not { } known)
                problems.Add(new("Rubric", $"Unknown rubric '{rubric}': no rubric with that id is in the bank."));
            else if (essaySet is { } es && known.EssaySet != es)
                problems.Add(new("Rubric", $"Rubric '{rubric}' is for {ItemBankCodes.Code(known.EssaySet)} essays; this essay is {ItemBankCodes.Code(es)}."));
        }

        var domains = Domains(input, previousDomains, problems, bank);
        Level level = default;
        Designation designation = default;
        if (!ItemBankCodes.TryParse(input.Level?.Trim(), out level))
            problems.Add(new("Level", $"Choose a level: {string.Join(" | ", ItemBankCodes.CodesOf<Level>())}."));
        if (!ItemBankCodes.TryParse(input.Designation?.Trim(), out designation))
            problems.Add(new("Designation", $"Choose a designation: {string.Join(" | ", ItemBankCodes.CodesOf<Designation>())}."));

        var references = (input.References ?? "").Replace("\r\n", "\n").Split('\n').Select(ItemText.Field).Where(r => r.Length > 0).ToList();
        if (references.Count > MaxReferences) problems.Add(new("References", $"Up to {MaxReferences} references."));
        else if (references.Any(r => r.Length > MaxReferenceLength)) problems.Add(new("References", $"Each reference can have up to {MaxReferenceLength} characters."));

        if (problems.Count > 0) return (null, problems);
        return (new ItemContent
        {
            Id = id,
            Type = type,
            Level = level,
            Designation = designation,
            Domains = domains,
            Author = author,
            References = references,
            Key = key,
            Options = options,
            EssaySet = essaySet,
            Rubric = rubric,
            Body = body,
        }, problems);
    }

    /// <summary>
    /// The primary domain first, then the others: those the item had keep their order (so an untouched item is
    /// unchanged), and newly ticked ones follow in the order of the guidelines.
    /// </summary>
    private static List<string> Domains(ItemInput input, IReadOnlyList<string> previous, List<InputProblem> problems, BankBlueprint bank)
    {
        var primary = input.PrimaryDomain?.Trim();
        if (string.IsNullOrEmpty(primary))
        {
            problems.Add(new("PrimaryDomain", "Choose the primary competency domain (the one the item counts toward in the blueprint)."));
            return [];
        }
        var expected = string.Join(", ", bank.Domains.Select(d => d.Id));
        if (!bank.IsKnownDomain(primary))
        {
            problems.Add(new("PrimaryDomain", $"Unknown domain '{primary}'; expected one of: {expected}."));
            return [];
        }
        var others = input.OtherDomains.Select(d => d.Trim()).Where(d => d.Length > 0 && d != primary).Distinct(StringComparer.Ordinal).ToList();
        if (others.FirstOrDefault(d => !bank.IsKnownDomain(d)) is { } unknown)
        {
            problems.Add(new("OtherDomains", $"Unknown domain '{unknown}'; expected one of: {expected}."));
            return [];
        }
        var ordered = new List<string> { primary };
        ordered.AddRange(previous.Where(others.Contains).Where(d => d != primary));
        ordered.AddRange(bank.Domains.Select(d => d.Id).Where(d => others.Contains(d) && !ordered.Contains(d)));
        return ordered;
    }

    /// <summary>The content written as an item file and read back: any problem the parser finds, and a hash that must survive.</summary>
    private static IReadOnlyList<InputProblem> LintProblems(ItemContent content)
    {
        var problems = new List<LintProblem>();
        var text = ItemBankWriter.WriteItem(new ItemDocument(content, ItemStatus.Draft, []));
        var parsed = ItemFileParser.Parse($"items/{content.Id}.md", text, problems);
        if (problems.Count > 0) return problems.Select(p => new InputProblem("Body", $"The item file would not pass lint: {p.Message}")).ToList();
        if (parsed.Document?.Content.Version != content.Version)
            return [new InputProblem("Body", "The item does not read back the same from its file; please report this to the developers.")];
        return [];
    }

    internal static OptionInput? OptionAt(ItemInput input, int i) => i < input.Options.Count ? input.Options[i] : null;

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
