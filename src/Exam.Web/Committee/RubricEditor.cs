using Exam.Core.Audit;
using Exam.Core.Blueprint;
using Exam.Core.ItemBank;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.ItemBank;
using Exam.ItemBank.Files;

namespace Exam.Web.Committee;

/// <summary>One criterion as typed: domains separated by commas, the descriptors one per line from point 0.</summary>
public sealed class CriterionInput
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public string? Domains { get; set; }
    public string? Points { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Id) && string.IsNullOrWhiteSpace(Title)
        && string.IsNullOrWhiteSpace(Domains) && string.IsNullOrWhiteSpace(Points);
}

/// <summary>The rubric editor's fields. A criterion left blank is dropped, so the blank row at the end adds one.</summary>
public sealed class RubricInput
{
    /// <summary>The version the editor was opened on: a save applies only if it is still the latest.</summary>
    public string? BaseVersion { get; set; }

    /// <summary>A new rubric's id and essay set (an existing rubric keeps both: essays name it by id for their set).</summary>
    public string? Id { get; set; }
    public string? EssaySet { get; set; }
    public string? Title { get; set; }
    public string? Notes { get; set; }
    public List<CriterionInput> Criteria { get; set; } = [];

    public static RubricInput From(StoredRubricVersion v)
    {
        var r = v.Content;
        return new RubricInput
        {
            BaseVersion = v.ContentHash,
            Id = r.Id,
            EssaySet = ItemBankCodes.Code(r.EssaySet),
            Title = r.Title,
            Notes = r.Notes,
            Criteria = r.Criteria.Select(c => new CriterionInput
            {
                Id = c.Id, Title = c.Title, Domains = string.Join(", ", c.Domains), Points = string.Join('\n', c.Points),
            }).Append(new CriterionInput()).ToList(),
        };
    }
}

/// <summary>What a rubric save did: a new version (its number), nothing (no change), or why not.</summary>
public sealed record RubricSaveOutcome(SaveKind Kind, int? VersionNo = null, IReadOnlyList<InputProblem>? Problems = null, string? Message = null)
{
    public IReadOnlyList<InputProblem> AllProblems => Problems ?? [];
}

/// <summary>
/// Edits rubrics for the committee, as <see cref="ItemEditor"/> edits items: the input is checked with
/// <see cref="RubricRules"/>, then written and parsed back as its file would be, so nothing is saved that lint or export
/// would choke on. A change makes a new immutable version, a draft written by whoever saved it, audited in the same
/// transaction under the bank's lock; a version that moved on since the editor opened is never overwritten.
/// </summary>
public sealed class RubricEditor(Db db, ItemBankStore store, AuditLog audit, BankBlueprintSource blueprints)
{
    public const string EditDetail = "committee edit";

    public async Task<StoredRubricVersion?> LatestAsync(string rubricId, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        return await store.LatestRubricVersionAsync(s, rubricId, ct);
    }

    public async Task<RubricSaveOutcome> SaveAsync(string actor, string rubricId, RubricInput input, CancellationToken ct = default)
    {
        await using var s = await db.BeginAsync(ct: ct);
        await store.LockBankAsync(s, ct);
        var latest = await store.LatestRubricVersionAsync(s, rubricId, ct);
        if (latest is null) return new RubricSaveOutcome(SaveKind.NotFound, Message: $"There is no rubric '{rubricId}'.");
        if (!string.Equals(input.BaseVersion, latest.ContentHash, StringComparison.Ordinal))
        {
            return new RubricSaveOutcome(SaveKind.Stale, Message:
                $"Version {latest.VersionNo} (by {latest.Author}) was saved while you were editing. Nothing was saved: " +
                "open the rubric again to edit the latest version.");
        }
        var (rubric, problems) = Build(rubricId, latest.Content.EssaySet, input, await blueprints.CurrentAsync(s, ct));
        if (rubric is null) return new RubricSaveOutcome(SaveKind.Invalid, Problems: problems);
        if (rubric.Version == latest.ContentHash) return new RubricSaveOutcome(SaveKind.NoChanges, latest.VersionNo, Message: "No changes to save.");
        return await AddVersionAsync(s, actor, rubric, latest, ct);
    }

    public async Task<RubricSaveOutcome> CreateAsync(string actor, RubricInput input, CancellationToken ct = default)
    {
        var id = (input.Id ?? "").Trim();
        if (!ItemText.IsValidId(id))
            return new RubricSaveOutcome(SaveKind.Invalid, Problems: [new("Input_Id", "A rubric id is lower-case letters, digits and '-', at most 100 characters.")]);
        if (!ItemBankCodes.TryParse(input.EssaySet ?? "", out EssaySet set))
            return new RubricSaveOutcome(SaveKind.Invalid, Problems: [new("Input_EssaySet", $"Choose the essay set: {string.Join(", ", ItemBankCodes.CodesOf<EssaySet>())}.")]);
        await using var s = await db.BeginAsync(ct: ct);
        await store.LockBankAsync(s, ct);
        if (await store.LatestRubricVersionAsync(s, id, ct) is not null)
            return new RubricSaveOutcome(SaveKind.Invalid, Problems: [new("Input_Id", $"There is already a rubric '{id}'. Choose another id, or edit that one.")]);
        var (rubric, problems) = Build(id, set, input, await blueprints.CurrentAsync(s, ct));
        if (rubric is null) return new RubricSaveOutcome(SaveKind.Invalid, Problems: problems);
        return await AddVersionAsync(s, actor, rubric, null, ct);
    }

    private async Task<RubricSaveOutcome> AddVersionAsync(DbSession s, string actor, Rubric rubric, StoredRubricVersion? basedOn, CancellationToken ct)
    {
        if (await store.FindRubricVersionAsync(s, rubric.Id, rubric.Version, ct) is { } same)
        {
            return new RubricSaveOutcome(SaveKind.Invalid, Problems: [new("Input_Title",
                $"This content is already version {same.VersionNo} ({same.Status}); nothing was saved.")]);
        }
        if (RoundTripProblem(new RubricDocument(rubric, ItemStatus.Draft, actor, [])) is { } problem)
            return new RubricSaveOutcome(SaveKind.Invalid, Problems: [new("Input_Title", problem)]);
        var version = await store.AddRubricVersionAsync(s, rubric, actor, ItemStatus.Draft, ct);
        await audit.AppendAsync(s, new AuditEntry(actor, ItemBankAuditActions.RubricVersionCreated, "rubric", rubric.Id,
            basedOn is null ? null : Json(new { rubric = rubric.Id, version = basedOn.ContentHash, versionNo = basedOn.VersionNo }),
            Json(new { rubric = rubric.Id, version = version.ContentHash, versionNo = version.VersionNo, status = version.Status }), EditDetail), ct);
        await s.CommitAsync(ct);
        return new RubricSaveOutcome(SaveKind.Saved, version.VersionNo,
            Message: $"Saved as version {version.VersionNo}, a draft. Submit it for review when it is ready.");
    }

    /// <summary>The rubric as typed, or the problems with it (field ids as the editor names its inputs).</summary>
    internal static (Rubric? Rubric, IReadOnlyList<InputProblem> Problems) Build(string id, EssaySet set, RubricInput input, BankBlueprint bank)
    {
        var criteria = input.Criteria.Where(c => !c.IsBlank).Select(c => new RubricCriterion(
            (c.Id ?? "").Trim(),
            ItemText.Field(c.Title),
            (c.Domains ?? "").Split([',', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Points(c.Points))).ToList();
        var rubric = new Rubric { Id = id, Title = ItemText.Field(input.Title), EssaySet = set, Criteria = criteria, Notes = ItemText.Body(input.Notes) };
        var problems = RubricRules.Problems(rubric, bank.IsKnownDomain);
        if (problems.Count == 0) return (rubric, []);
        // Field ids as rendered (Input.Criteria[0].Title -> Input_Criteria_0__Title), counting only the rows kept.
        return (null, problems.Select(p => new InputProblem(FieldId(p.Field, input), p.Message)).ToList());
    }

    /// <summary>Descriptors one per line, from point 0; blank lines at the end are not points.</summary>
    private static List<string> Points(string? text)
    {
        var lines = (text ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').Select(l => ItemText.Field(l)).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    private static string FieldId(string field, RubricInput input)
    {
        if (!field.StartsWith("Criteria[", StringComparison.Ordinal)) return "Input_" + field;
        var close = field.IndexOf(']', StringComparison.Ordinal);
        var kept = int.Parse(field[9..close], System.Globalization.CultureInfo.InvariantCulture);
        var row = input.Criteria.Select((c, i) => (c, i)).Where(x => !x.c.IsBlank).ElementAt(kept).i;
        return $"Input_Criteria_{row}__{field[(close + 2)..]}";
    }

    /// <summary>Null when the version writes and reads back as the same rubric; otherwise what went wrong.</summary>
    private static string? RoundTripProblem(RubricDocument doc)
    {
        var problems = new List<LintProblem>();
        var parsed = RubricFileParser.Parse($"rubrics/{doc.Rubric.Id}.md", ItemBankWriter.WriteRubric(doc), problems);
        if (problems.Count > 0) return $"The rubric file would not pass lint: {problems[0].Message}";
        return parsed.Rubric?.ToCanonicalJson() == doc.Rubric.ToCanonicalJson()
            ? null
            : "The rubric does not read back the same from its file; please report this to the developers.";
    }

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value);
}
