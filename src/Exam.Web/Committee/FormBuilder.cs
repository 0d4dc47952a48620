using System.Text.Json;
using Exam.Core.Audit;
using Exam.Core.Blueprint;
using Exam.Core.ItemBank;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.ItemBank;

namespace Exam.Web.Committee;

/// <summary>A form's settings as typed: id and title (new forms), times, cut scores, tolerance, retake wait and blueprint.</summary>
public sealed class FormSettingsInput
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public int? PartOneMinutes { get; set; }
    public int? PartOneCutPercent { get; set; }
    public int? PartTwoMinutes { get; set; }
    public int? PartTwoCutPercent { get; set; }
    public int? Tolerance { get; set; }
    public bool AdjudicatorSeesReads { get; set; }
    public int? RetakeWaitDays { get; set; }

    /// <summary>Items per domain id; empty counts as 0.</summary>
    public Dictionary<string, int?> Blueprint { get; set; } = [];

    public static FormSettingsInput From(FormDefinition f, BankBlueprint bank) => new()
    {
        Id = f.Id,
        Title = f.Title,
        PartOneMinutes = f.PartOne.Minutes,
        PartOneCutPercent = f.PartOne.CutPercent,
        PartTwoMinutes = f.PartTwo.Minutes,
        PartTwoCutPercent = f.PartTwo.CutPercent,
        Tolerance = f.PartTwo.Tolerance,
        AdjudicatorSeesReads = f.PartTwo.AdjudicatorSeesReads,
        RetakeWaitDays = f.RetakeWaitDays,
        Blueprint = bank.Domains.ToDictionary(d => d.Id, d => (int?)f.PartOne.Blueprint.CountFor(d.Id)),
    };

    /// <summary>A new form's defaults: those of <see cref="FormDefinition"/>, with the bank blueprint's Part One.</summary>
    public static FormSettingsInput Defaults(BankBlueprint bank)
    {
        var defaults = From(new FormDefinition { Id = "", PartOne = bank.PartOne }, bank);
        defaults.Id = null;
        return defaults;
    }
}

/// <summary>One track's Part Two as typed: how many essays the candidate chooses, the sets required, the essays offered (id@version).</summary>
public sealed class TrackInput
{
    public string? Track { get; set; }
    public int? Choose { get; set; }
    public Dictionary<string, int?> Require { get; set; } = [];
    public List<string> Items { get; set; } = [];
}

/// <summary>A Part One position: the pin and, when stored, its version.</summary>
public sealed record PinnedItem(int Position, ItemPin Pin, StoredItemVersion? Version)
{
    public ItemContent? Content { get; } = Version?.Content;
}

/// <summary>An essay a track could offer, and whether the form offers it now.</summary>
public sealed record EssayChoice(ItemPin Pin, StoredItemVersion Version, ItemContent Content, bool Offered);

/// <summary>A track's Part Two on the form page.</summary>
public sealed record TrackView(ExamTrack Track, TrackEssays? OnForm, int Choose, IReadOnlyList<KeyValuePair<EssaySet, int>> Require, IReadOnlyList<EssayChoice> Choices);

/// <summary>A domain of the blueprint against the form's Part One.</summary>
public sealed record BlueprintLine(string DomainId, string Name, int Required, int OnForm);

/// <summary>Everything the form page shows.</summary>
public sealed record FormView(
    StoredForm Form, FormDefinition Definition, IReadOnlyList<PinnedItem> PartOne, IReadOnlyList<BlueprintLine> Blueprint,
    IReadOnlyList<TrackView> Tracks, IReadOnlyList<AuditRecord> Activity, BankBlueprint Bank, IReadOnlyList<FormOverlap> Overlaps)
{
    public bool IsDraft => Form.FormStatus == FormStatus.Draft;
}

/// <summary>A form in the list, with its counts.</summary>
public sealed record FormRow(StoredForm Form, FormDefinition Definition)
{
    public int PartOneItems => Definition.PartOne.Items.Count;
    public int BlueprintTotal => Definition.PartOne.Blueprint.Total;
    public int Tracks => Definition.PartTwo.Tracks.Count;
    public int Essays => Definition.PartTwo.Tracks.SelectMany(t => t.Items).Select(p => p.Id).Distinct().Count();
}

/// <summary>The result of a step on a form: done (with a message), or the problems that stopped it.</summary>
public sealed record FormOutcome(bool Succeeded, string? Message, IReadOnlyList<InputProblem> Problems)
{
    public static FormOutcome Done(string message) => new(true, message, []);
    public static FormOutcome Refused(string message, string field = "") => new(false, null, [new InputProblem(field, message)]);
    public static FormOutcome Refused(IReadOnlyList<InputProblem> problems) => new(false, null, problems);
}

/// <summary>
/// Builds exam forms for the committee: a draft with its settings and blueprint, Part One assembled from approved MCQs
/// (seeded, reproducible), items swapped by hand, Part Two per track, a check that lists every problem, and
/// publication, after which the form never changes. Each step is one transaction with its audit entry, and keeps
/// the form's definition and its pinned versions (the tables delivery reads) in step.
/// </summary>
public sealed class FormBuilder(Db db, ItemBankStore store, AuditLog audit, BankBlueprintSource blueprints)
{
    private readonly ItemEnemyStore _enemies = new(store.Clock);

    public const int MaxTitleLength = 200;
    public const int DefaultChoose = 2;

    public async Task<IReadOnlyList<FormRow>> ListAsync(CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        return (await store.ListFormsAsync(s, ct))
            .Select(f => new FormRow(f, f.Definition))
            .OrderBy(r => r.Form.FormStatus).ThenByDescending(r => r.Form.CreatedAt).ThenBy(r => r.Form.Id, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<FormView?> ViewAsync(string formId, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var form = await store.GetFormAsync(s, formId, ct);
        if (form is null) return null;
        var definition = form.Definition;
        var versions = (await store.AllItemVersionsAsync(s, ct)).ToDictionary(v => v.Pin);
        var partOne = definition.PartOne.Items.Select((p, i) => new PinnedItem(i + 1, p, versions.GetValueOrDefault(p))).ToList();
        var domains = partOne.Where(p => p.Content is { Type: ItemType.Mcq }).Select(p => p.Content!.PrimaryDomain!).ToList();
        var bank = await blueprints.CurrentAsync(s, ct);
        var blueprint = bank.Domains
            .Select(d => new BlueprintLine(d.Id, d.Name, definition.PartOne.Blueprint.CountFor(d.Id), domains.Count(x => x == d.Id)))
            .ToList();
        var essays = await ItemCatalog.ApprovedLatestAsync(store, s, ItemType.Essay, ct);
        var tracks = bank.Tracks.Select(t => Track(t, definition.PartTwo.Tracks.FirstOrDefault(x => x.Track == t.Id), essays, versions)).ToList();
        var activity = await audit.RecentAsync(s, 200, subjectType: "form", subjectId: formId, ct: ct);
        // Every form made before this one, newest first, with the Part One items it shares with this one.
        var overlaps = (await store.ListFormsAsync(s, ct))
            .Where(f => f.CreatedAt < form.CreatedAt || (f.CreatedAt == form.CreatedAt && string.CompareOrdinal(f.Id, form.Id) < 0))
            .OrderByDescending(f => f.CreatedAt).ThenBy(f => f.Id, StringComparer.Ordinal)
            .Select(f => FormExposure.Overlap(definition, f.Definition))
            .ToList();
        return new FormView(form, definition, partOne, blueprint, tracks, activity, bank, overlaps);
    }

    private static TrackView Track(ExamTrack track, TrackEssays? onForm, IReadOnlyList<ItemRow> approved, IReadOnlyDictionary<ItemPin, StoredItemVersion> versions)
    {
        var offered = onForm?.Items ?? [];
        var choices = Suitable(track, approved)
            .Select(r => new EssayChoice(r.Latest.Pin, r.Latest, r.Content, offered.Contains(r.Latest.Pin)))
            .ToList();
        // Whatever the form offers now is listed too, even an essay that no longer suits or is no longer the approved version.
        foreach (var pin in offered.Where(p => choices.All(c => c.Pin != p)))
            if (versions.TryGetValue(pin, out var v)) choices.Add(new EssayChoice(pin, v, v.Content, true));
        var (choose, require) = onForm is null ? Defaults(track) : (onForm.Choose, onForm.Require);
        return new TrackView(track, onForm, choose, require, choices);
    }

    /// <summary>Approved essays of the track's sets that suit its level and designation, as in <see cref="BankBlueprint.Suits"/>.</summary>
    private static IEnumerable<ItemRow> Suitable(ExamTrack track, IReadOnlyList<ItemRow> approvedEssays) =>
        approvedEssays.Where(r => r.Content.EssaySet is { } set && track.EssaySets.Contains(set)
            && BankBlueprint.Suits(track, r.Content.Level, r.Content.Designation));

    /// <summary>The track's essay rule as the bank blueprint gives it (choose, and the sets required).</summary>
    private static (int Choose, IReadOnlyList<KeyValuePair<EssaySet, int>> Require) Defaults(ExamTrack track) => (track.Choose, track.Require);

    // ---- create and settings

    public async Task<(string? Id, IReadOnlyList<InputProblem> Problems)> CreateAsync(string actor, FormSettingsInput input, CancellationToken ct = default)
    {
        var problems = new List<InputProblem>();
        var id = input.Id?.Trim() ?? "";
        if (!ItemText.IsValidId(id))
            problems.Add(new("Settings-Id", "Enter an id of lower-case letters, digits and '-' (such as form-2027-spring)."));
        var bank = await blueprints.CurrentAsync(ct);
        var settings = Settings(input, problems, bank);
        if (problems.Count > 0) return (null, problems);

        await using var s = await db.BeginAsync(ct: ct);
        await store.LockBankAsync(s, ct);
        if (await store.GetFormAsync(s, id, ct) is not null) return (null, [new("Settings-Id", $"There is already a form '{id}'. Choose another id.")]);
        var essays = await ItemCatalog.ApprovedLatestAsync(store, s, ItemType.Essay, ct);
        var rubrics = await LatestRubricsAsync(s, ct);
        var tracks = new List<TrackEssays>();
        foreach (var track in bank.Tracks)
        {
            var offered = Suitable(track, essays).Where(r => rubrics.ContainsKey(r.Content.Rubric!)).Select(r => r.Latest.Pin).ToList();
            if (offered.Count == 0) continue;
            var (choose, require) = Defaults(track);
            tracks.Add(new TrackEssays { Track = track.Id, Choose = choose, Require = require, Items = offered });
        }
        var form = settings(new FormDefinition { Id = id });
        form = form with
        {
            PartTwo = form.PartTwo with { Tracks = tracks, Rubrics = RubricPins(tracks, essays.ToDictionary(e => e.Latest.Pin, e => e.Content), rubrics) },
        };
        await store.CreateFormAsync(s, form, ct);
        await PinAsync(s, form, ct);
        await audit.AppendAsync(s, new AuditEntry(actor, ItemBankAuditActions.FormCreated, "form", id, AfterJson: form.ToCanonicalJson()), ct);
        await s.CommitAsync(ct);
        return (id, []);
    }

    public Task<FormOutcome> UpdateSettingsAsync(string actor, string formId, FormSettingsInput input, CancellationToken ct = default) =>
        ChangeDraftAsync(actor, formId, ItemBankAuditActions.FormUpdated, async (s, form) =>
        {
            var problems = new List<InputProblem>();
            var apply = Settings(input, problems, await blueprints.CurrentAsync(s, ct));
            if (problems.Count > 0) return (null, FormOutcome.Refused(problems));
            var changed = apply(form);
            return changed.ToCanonicalJson() == form.ToCanonicalJson()
                ? (null, FormOutcome.Done("No changes to save."))
                : (changed, FormOutcome.Done("Settings saved."));
        }, null, ct);

    /// <summary>Reads the settings; the function applies them to a definition, keeping its items and tracks.</summary>
    private static Func<FormDefinition, FormDefinition> Settings(FormSettingsInput input, List<InputProblem> problems, BankBlueprint bank)
    {
        var title = ItemText.Field(input.Title);
        if (title.Length is 0 or > MaxTitleLength) problems.Add(new("Settings-Title", $"Enter a title (up to {MaxTitleLength} characters), such as Spring 2027."));
        var oneMinutes = Number(input.PartOneMinutes, 1, 600, "Settings-PartOneMinutes", "Part One time in minutes", problems);
        var oneCut = Number(input.PartOneCutPercent, 1, 100, "Settings-PartOneCutPercent", "Part One cut score (percent)", problems);
        var twoMinutes = Number(input.PartTwoMinutes, 1, 600, "Settings-PartTwoMinutes", "Part Two time in minutes", problems);
        var twoCut = Number(input.PartTwoCutPercent, 1, 100, "Settings-PartTwoCutPercent", "Part Two cut score (percent)", problems);
        var tolerance = Number(input.Tolerance, 0, 100, "Settings-Tolerance", "rating tolerance (points)", problems);
        var retake = Number(input.RetakeWaitDays, 0, 3650, "Settings-RetakeWaitDays", "retake wait (days)", problems);
        var counts = new List<KeyValuePair<string, int>>();
        foreach (var (domain, count) in input.Blueprint)
        {
            if (!bank.IsKnownDomain(domain))
            {
                problems.Add(new("Blueprint", $"Unknown domain '{domain}' in the blueprint."));
                continue;
            }
            var n = count ?? 0;
            if (n is < 0 or > 200) problems.Add(new($"Blueprint-{domain}", $"Enter a count from 0 to 200 for {bank.DomainName(domain)}."));
            else if (n > 0) counts.Add(new(domain, n));
        }
        if (counts.Count == 0 && !problems.Any(p => p.Field.StartsWith("Blueprint", StringComparison.Ordinal)))
            problems.Add(new("Blueprint", "The blueprint asks for no items: give at least one domain a count."));
        var blueprint = bank.Ordered(counts);
        return f => f with
        {
            Title = title,
            PartOne = f.PartOne with { Minutes = oneMinutes, CutPercent = oneCut, Blueprint = blueprint },
            PartTwo = f.PartTwo with { Minutes = twoMinutes, CutPercent = twoCut, Tolerance = tolerance, AdjudicatorSeesReads = input.AdjudicatorSeesReads },
            RetakeWaitDays = retake,
        };
    }

    private static int Number(int? value, int min, int max, string field, string what, List<InputProblem> problems)
    {
        if (value is { } v && v >= min && v <= max) return v;
        problems.Add(new(field, $"Enter the {what}: a whole number from {min} to {max}."));
        return min;
    }

    // ---- Part One

    /// <summary>
    /// Draws Part One from the latest approved version of every approved MCQ to meet the form's blueprint, with no two
    /// enemies, preferring items used on fewer published forms.
    /// </summary>
    public Task<FormOutcome> AssembleAsync(string actor, string formId, int? seed, CancellationToken ct = default) =>
        ChangeDraftAsync(actor, formId, CommitteeAuditActions.FormAssembled, async (s, form) =>
        {
            if (seed is not { } n) return (null, FormOutcome.Refused("Enter a seed: a whole number. The same seed gives the same form.", "Seed"));
            var bank = await blueprints.CurrentAsync(s, ct);
            var sitting = PartOneLevels.SittingTracks(bank, form);
            var pool = (await ItemCatalog.ApprovedLatestAsync(store, s, ItemType.Mcq, ct)).Select(r => AssemblyCandidate.From(r.Content));
            var enemies = await _enemies.AllAsync(s, ct);
            var uses = FormExposure.Uses((await store.ListFormsAsync(s, ct)).Select(f => f.Definition), form.Id);
            var result = FormAssembler.Assemble(pool, form.PartOne.Blueprint, n, sitting, new AssemblyHistory(enemies, uses));
            if (!result.Succeeded)
            {
                var tracks = string.Join(", ", sitting.Select(t => t.Id));
                return (null, FormOutcome.Refused(result.Shortfalls.Select(d => new InputProblem("Seed",
                    $"Not enough approved MCQs in {bank.DomainName(d.DomainId)} that every track sitting the form ({tracks}) is examined on, no two of them enemies: " +
                    $"{-d.Difference} short ({d.Actual} suit, the blueprint needs {d.Required}).")).ToList()));
            }
            return (form with { Seed = n, PartOne = form.PartOne with { Items = result.Items } },
                FormOutcome.Done($"Part One assembled with seed {n}: {result.Items.Count} items."));
        }, null, ct);

    /// <summary>The approved MCQs that could replace the item at a position: the same primary domain, not already on the form.</summary>
    public async Task<(FormView Form, PinnedItem Current, IReadOnlyList<ItemRow> Replacements)?> SwapChoicesAsync(
        string formId, int position, CancellationToken ct = default)
    {
        var view = await ViewAsync(formId, ct);
        if (view is null || position < 1 || position > view.PartOne.Count) return null;
        var current = view.PartOne[position - 1];
        await using var s = await db.OpenAsync(ct);
        var onForm = view.Definition.PartOne.Items.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var domain = current.Content?.PrimaryDomain;
        var sitting = PartOneLevels.SittingTracks(await blueprints.CurrentAsync(s, ct), view.Definition);
        var enemies = await _enemies.AllAsync(s, ct);
        var others = onForm.Where(id => id != current.Pin.Id).ToList();
        var replacements = (await ItemCatalog.ApprovedLatestAsync(store, s, ItemType.Mcq, ct))
            .Where(r => r.Content.PrimaryDomain == domain && !onForm.Contains(r.Content.Id)
                && PartOneLevels.SuitsAll(sitting, r.Content.Level, r.Content.Designation)
                && !others.Any(o => enemies.AreEnemies(o, r.Content.Id)))
            .ToList();
        return (view, current, replacements);
    }

    public Task<FormOutcome> SwapAsync(string actor, string formId, int position, string? replacementId, CancellationToken ct = default) =>
        ChangeDraftAsync(actor, formId, CommitteeAuditActions.FormItemSwapped, async (s, form) =>
        {
            var items = form.PartOne.Items;
            if (position < 1 || position > items.Count) return (null, FormOutcome.Refused($"Part One has no position {position}."));
            if (string.IsNullOrWhiteSpace(replacementId)) return (null, FormOutcome.Refused("Choose the item to put in its place.", "Replacement"));
            var old = items[position - 1];
            var oldVersion = await store.FindItemVersionAsync(s, old.Id, old.Hash, ct);
            var replacement = (await ItemCatalog.ApprovedLatestAsync(store, s, ItemType.Mcq, ct)).FirstOrDefault(r => r.Content.Id == replacementId);
            if (replacement is null) return (null, FormOutcome.Refused($"{replacementId} is not an approved MCQ.", "Replacement"));
            if (items.Any(p => p.Id == replacement.Content.Id))
                return (null, FormOutcome.Refused($"{replacement.Content.Id} is already in Part One; no item appears twice.", "Replacement"));
            var domain = oldVersion?.Content.PrimaryDomain;
            var bank = await blueprints.CurrentAsync(s, ct);
            if (domain is not null && replacement.Content.PrimaryDomain != domain)
            {
                return (null, FormOutcome.Refused(
                    $"{replacement.Content.Id} counts toward {bank.DomainName(replacement.Content.PrimaryDomain!)}, not {bank.DomainName(domain)}: a swap keeps the blueprint.", "Replacement"));
            }
            var sitting = PartOneLevels.SittingTracks(bank, form);
            if (sitting.FirstOrDefault(t => !BankBlueprint.Suits(t, replacement.Content.Level, replacement.Content.Designation)) is { } shut)
            {
                return (null, FormOutcome.Refused(
                    $"{replacement.Content.Id} is a level {ItemBankCodes.Code(replacement.Content.Level)} item and {shut.Id} ({bank.LevelName(shut.Level)}) sits this form: " +
                    "Part One is shared, so every item must suit every track.", "Replacement"));
            }
            var enemies = await _enemies.AllAsync(s, ct);
            if (items.Where((p, i) => i != position - 1).FirstOrDefault(p => enemies.AreEnemies(p.Id, replacement.Content.Id)) is { Id: { } enemy })
            {
                return (null, FormOutcome.Refused(
                    $"{replacement.Content.Id} and {enemy} are enemies (one cues or answers the other): they never sit on one form.", "Replacement"));
            }
            var pin = replacement.Latest.Pin;
            var changed = items.ToList();
            changed[position - 1] = pin;
            return (form with { PartOne = form.PartOne with { Items = changed } },
                FormOutcome.Done($"Position {position}: {old.Id} swapped for {pin.Id}."));
        }, (before, after) => (
            Json(new { form = formId, position, item = before.PartOne.Items[position - 1].ToString() }),
            Json(new { form = formId, position, item = after.PartOne.Items[position - 1].ToString() })), ct);

    // ---- Part Two

    public Task<FormOutcome> UpdatePartTwoAsync(string actor, string formId, IReadOnlyList<TrackInput> input, CancellationToken ct = default) =>
        ChangeDraftAsync(actor, formId, ItemBankAuditActions.FormUpdated, async (s, form) =>
        {
            var problems = new List<InputProblem>();
            var versions = (await store.AllItemVersionsAsync(s, ct)).ToDictionary(v => v.Pin);
            var rubrics = await LatestRubricsAsync(s, ct);
            var tracks = new List<TrackEssays>();
            var bank = await blueprints.CurrentAsync(s, ct);
            foreach (var t in input)
            {
                var track = t.Track is null ? null : bank.Track(t.Track);
                if (track is null)
                {
                    problems.Add(new("PartTwo", $"Unknown track '{t.Track}'."));
                    continue;
                }
                var field = "Track-" + bank.TrackOrder(track.Id);
                var pins = new List<ItemPin>();
                foreach (var text in t.Items.Distinct(StringComparer.Ordinal))
                {
                    if (!ItemPin.TryParse(text, out var pin) || !versions.TryGetValue(pin, out var v) || v.Content.Type != ItemType.Essay)
                        problems.Add(new(field, $"{track.Id}: '{text}' is not an essay in the bank."));
                    else if (!rubrics.ContainsKey(v.Content.Rubric!))
                        problems.Add(new(field, $"{track.Id}: {pin.Id} is scored on rubric '{v.Content.Rubric}', which has no approved version."));
                    else pins.Add(pin);
                }
                var require = new List<KeyValuePair<EssaySet, int>>();
                foreach (var (code, n) in t.Require)
                {
                    if (!ItemBankCodes.TryParse(code, out EssaySet set)) problems.Add(new(field, $"{track.Id}: unknown essay set '{code}'."));
                    else if (n is < 0 or > 10) problems.Add(new(field, $"{track.Id}: enter how many {code} essays are required, from 0 to 10."));
                    else if (n > 0) require.Add(new(set, n.Value));
                }
                if (t.Choose is not (>= 1 and <= 10)) problems.Add(new(field, $"{track.Id}: enter how many essays the candidate answers, from 1 to 10."));
                if (pins.Count > 0) tracks.Add(new TrackEssays { Track = track.Id, Choose = t.Choose ?? DefaultChoose, Require = require.OrderBy(r => r.Key).ToList(), Items = pins });
            }
            if (problems.Count > 0) return (null, FormOutcome.Refused(problems));
            tracks = tracks.OrderBy(t => bank.TrackOrder(t.Track)).ToList();
            var contents = tracks.SelectMany(t => t.Items).Distinct().ToDictionary(p => p, p => versions[p].Content);
            var changed = form with { PartTwo = form.PartTwo with { Tracks = tracks, Rubrics = RubricPins(tracks, contents, rubrics) } };
            return changed.ToCanonicalJson() == form.ToCanonicalJson()
                ? (null, FormOutcome.Done("No changes to save."))
                : (changed, FormOutcome.Done("Part Two saved."));
        }, null, ct);

    /// <summary>The latest approved version of each rubric the tracks' essays are scored on, by rubric id.</summary>
    private static List<ItemPin> RubricPins(
        IEnumerable<TrackEssays> tracks, IReadOnlyDictionary<ItemPin, ItemContent> essays, IReadOnlyDictionary<string, StoredRubricVersion> rubrics) =>
        tracks.SelectMany(t => t.Items).Select(p => essays[p].Rubric!).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).Select(id => rubrics[id].Pin).ToList();

    private async Task<Dictionary<string, StoredRubricVersion>> LatestRubricsAsync(DbSession s, CancellationToken ct) =>
        (await store.LatestApprovedRubricVersionsAsync(s, ct)).ToDictionary(r => r.RubricId, StringComparer.Ordinal);

    // ---- check and publish

    public async Task<IReadOnlyList<string>?> CheckAsync(string formId, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var form = await store.GetFormAsync(s, formId, ct);
        return form is null ? null : await ProblemsAsync(s, form.Definition, ct);
    }

    private async Task<IReadOnlyList<string>> ProblemsAsync(DbSession s, FormDefinition form, CancellationToken ct)
    {
        var versions = (await store.AllItemVersionsAsync(s, ct)).ToDictionary(v => v.Pin);
        var rubrics = (await store.AllRubricVersionsAsync(s, ct)).ToDictionary(r => r.Pin);
        return FormCheck.Problems(form, versions, rubrics, await blueprints.CurrentAsync(s, ct), await _enemies.AllAsync(s, ct));
    }

    /// <summary>Publishes a draft that passes every check; from then on it never changes.</summary>
    public async Task<(bool Published, IReadOnlyList<string> Problems)> PublishAsync(string actor, string formId, CancellationToken ct = default)
    {
        await using var s = await db.BeginAsync(ct: ct);
        await store.LockBankAsync(s, ct);
        var form = await store.GetFormAsync(s, formId, ct);
        if (form is null) return (false, [$"There is no form '{formId}'."]);
        if (form.FormStatus != FormStatus.Draft) return (false, [$"Form {formId} is {form.Status}; only a draft can be published."]);
        var problems = await ProblemsAsync(s, form.Definition, ct);
        if (problems.Count > 0) return (false, problems);
        await store.SetFormStatusAsync(s, formId, FormStatus.Published, actor, ct);
        await audit.AppendAsync(s, new AuditEntry(actor, ItemBankAuditActions.FormStatusChanged, "form", formId,
            Json(new { form = formId, status = form.Status }), Json(new { form = formId, status = ItemBankCodes.Code(FormStatus.Published) })), ct);
        await s.CommitAsync(ct);
        return (true, []);
    }

    // ---- the shape of every change to a draft

    private async Task<FormOutcome> ChangeDraftAsync(
        string actor, string formId, string action, Func<DbSession, FormDefinition, Task<(FormDefinition? Changed, FormOutcome Outcome)>> change,
        Func<FormDefinition, FormDefinition, (string Before, string After)>? describe, CancellationToken ct)
    {
        await using var s = await db.BeginAsync(ct: ct);
        await store.LockBankAsync(s, ct);
        var stored = await store.GetFormAsync(s, formId, ct);
        if (stored is null) return FormOutcome.Refused($"There is no form '{formId}'.");
        if (stored.FormStatus != FormStatus.Draft)
            return FormOutcome.Refused($"Form {formId} is {stored.Status}: a {stored.Status} form never changes. Create a new form instead.");
        var before = stored.Definition;
        var (changed, outcome) = await change(s, before);
        if (changed is null) return outcome;
        await store.UpdateFormDefinitionAsync(s, changed, ct);
        await PinAsync(s, changed, ct);
        var (beforeJson, afterJson) = describe?.Invoke(before, changed) ?? (before.ToCanonicalJson(), changed.ToCanonicalJson());
        await audit.AppendAsync(s, new AuditEntry(actor, action, "form", formId, beforeJson, afterJson, outcome.Message), ct);
        await s.CommitAsync(ct);
        return outcome;
    }

    /// <summary>Pins the definition's versions in the form tables delivery reads: Part One in order, Part Two per track with each essay's rubric version.</summary>
    private Task PinAsync(DbSession s, FormDefinition form, CancellationToken ct) => store.PinFormAsync(s, form, ct);

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
