using Exam.Core.Blueprint;
using Exam.Core.ItemBank;
using Exam.Core.ItemBank.Cues;

namespace Exam.ItemBank.Files;

public sealed record LintOptions
{
    /// <summary>How many distinct reviewers, none the author, an approved version needs (1 by default; 2 for a stricter committee).</summary>
    public int RequiredReviewers { get; init; } = 1;
}

/// <summary>
/// Checks a bank as a whole: ids against file names and each other, domains and tracks against blueprint.yaml,
/// reviewers, rubric references, enemies (known and mutual), and forms against the versions they pin, their blueprint and the level rule (every
/// Part One item suits every track that sits the form, no two enemies on one form). With a <see cref="StoredBank"/>, also pins to stored
/// versions, status moves of stored versions and changes to published forms. One problem per bad input.
/// </summary>
public sealed class ItemBankLinter(LintOptions? options = null)
{
    private readonly ItemWorkflow _workflow = new((options ?? new LintOptions()).RequiredReviewers);

    public IReadOnlyList<LintProblem> Lint(BankFiles bank, StoredBank? stored = null)
    {
        var problems = new List<LintProblem>(bank.Problems);
        var context = new Context(bank, stored ?? StoredBank.Empty, stored is not null, problems);

        var items = Owners(bank.Items, problems);
        var rubrics = Owners(bank.Rubrics, problems);
        var forms = Owners(bank.Forms, problems);
        context.Items = items;
        context.Rubrics = rubrics;
        context.Blueprint = bank.Blueprint?.Blueprint;
        context.Enemies = EnemyPairs.FromDeclarations(items.Values.Where(i => i.Document is not null).Select(i => (i.Id!, i.Document!.Enemies)));
        foreach (var p in problems)
            foreach (var item in bank.Items.Where(i => i.Path == p.File && i.Id is not null))
                context.BrokenItems.Add(item.Id!);

        foreach (var item in items.Values.Where(i => i.Document is not null))
            CheckItem(context, item, item.Document!);
        foreach (var rubric in rubrics.Values.Where(r => r.Document is not null))
            CheckRubric(context, rubric, rubric.Document!);
        foreach (var form in forms.Values.Where(f => f.Form is not null))
            CheckForm(context, form, form.Form!);
        if (bank.Blueprint is { Blueprint: { } blueprint } parsed)
            CheckDefaultBlueprint(context, parsed, blueprint);

        return problems
            .OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line)
            .ToList();
    }

    private sealed class Context(BankFiles bank, StoredBank stored, bool consultedDatabase, List<LintProblem> problems)
    {
        public BankFiles Bank { get; } = bank;
        public StoredBank Stored { get; } = stored;
        public bool ConsultedDatabase { get; } = consultedDatabase;
        public Dictionary<string, ParsedItem> Items { get; set; } = [];
        public Dictionary<string, ParsedRubric> Rubrics { get; set; } = [];
        public EnemyPairs Enemies { get; set; } = EnemyPairs.Empty;

        /// <summary>The bank's domains and tracks; null when blueprint.yaml is missing or broken (reported already).</summary>
        public BankBlueprint? Blueprint { get; set; }

        /// <summary>Items with a problem of their own: forms that pin them say nothing more.</summary>
        public HashSet<string> BrokenItems { get; } = new(StringComparer.Ordinal);

        public void Problem(ParsedFile file, int line, string message)
        {
            problems.Add(new LintProblem(file.Path, line, message));
            if (file is ParsedItem { Id: { } id }) BrokenItems.Add(id);
        }

        public void Warning(ParsedFile file, int line, string message) => problems.Add(new LintProblem(file.Path, line, message, Warning: true));

        public void Problem(string path, int line, string message) => problems.Add(new LintProblem(path, line, message));

        /// <summary>"unknown domain 'x'; expected one of: ..." when the blueprint does not list it, else null.</summary>
        public string? UnknownDomain(string domain) => Blueprint is null || Blueprint.IsKnownDomain(domain)
            ? null
            : $"unknown domain '{domain}'; blueprint.yaml lists: {string.Join(", ", Blueprint.Domains.Select(d => d.Id))}";
    }

    /// <summary>
    /// One file per id. When several files declare an id, the one named after it (else the first) keeps it and the
    /// others are reported as duplicates; a file whose id differs from its name is reported once.
    /// </summary>
    private static Dictionary<string, T> Owners<T>(IEnumerable<T> files, List<LintProblem> problems) where T : ParsedFile
    {
        var owners = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var group in files.Where(f => f.Id is not null).GroupBy(f => f.Id!, StringComparer.Ordinal))
        {
            var owner = group.FirstOrDefault(f => f.Stem == group.Key) ?? group.First();
            owners[group.Key] = owner;
            foreach (var other in group.Where(f => !ReferenceEquals(f, owner)))
                problems.Add(new LintProblem(other.Path, other.Lines["id"], $"duplicate id '{group.Key}': {owner.Path} has it too"));
            if (owner.Stem != group.Key)
                problems.Add(new LintProblem(owner.Path, owner.Lines["id"], $"id '{group.Key}' does not match the file name '{owner.FileName}'"));
        }
        return owners;
    }

    private void CheckItem(Context c, ParsedItem file, ItemDocument doc)
    {
        var content = doc.Content;
        for (var i = 0; i < content.Domains.Count; i++)
            if (c.UnknownDomain(content.Domains[i]) is { } unknown) c.Problem(file, file.Lines[$"domains[{i}]"], unknown);
        foreach (var (first, second) in OptionSimilarity.NearDuplicates(content.Options.Select(o => o.Text).ToList()))
            c.Problem(file, file.Lines[$"options[{second}].text"],
                $"options {content.Options[first].Id} and {content.Options[second].Id} are identical or nearly so; rewrite one so each option says something different");
        // A strong cue is a warning (the item works, but a testwise candidate gets it free); --strict fails on it.
        if (content.Type == ItemType.Mcq && doc.Status != ItemStatus.Retired)
            foreach (var cue in ItemCues.Of(content).StrongCues)
                c.Warning(file, file.Lines[$"options[{content.Options.ToList().FindIndex(o => o.Id == cue.Option)}].text"], $"strong cue: {cue.Message}");
        // A warning, not a stop: import records only real committee reviewers and lands such a version as a draft.
        if (_workflow.CheckReviewers(doc.Status, content.Author, doc.Reviewers) is { } reviewerProblem)
            c.Warning(file, file.Lines.Has("reviewers") ? file.Lines["reviewers"] : file.Lines["status"], reviewerProblem + "; import does not record it as an approval");

        for (var i = 0; i < doc.Enemies.Count; i++)
        {
            var enemy = doc.Enemies[i];
            var line = file.Lines[$"enemies[{i}]"];
            if (c.Items.GetValueOrDefault(enemy) is { Document: { } other })
            {
                if (!other.Enemies.Contains(content.Id, StringComparer.Ordinal))
                    c.Problem(file, line, $"{content.Id} names {enemy} as an enemy, but items/{enemy}.md does not name {content.Id}: enemies are mutual, add it there");
            }
            else if (!c.Items.ContainsKey(enemy) && !c.Bank.Items.Any(x => x.Id == enemy) && !c.Stored.HasItem(enemy))
            {
                c.Problem(file, line, $"unknown enemy '{enemy}': no items/{enemy}.md");
            }
        }

        if (content.Type == ItemType.Essay && content.Rubric is { } rubricId)
        {
            var rubricFile = c.Rubrics.GetValueOrDefault(rubricId);
            if (rubricFile is null && !c.Bank.Rubrics.Any(r => r.Id == rubricId) && !c.Stored.HasRubric(rubricId))
                c.Problem(file, file.Lines["rubric"], $"unknown rubric '{rubricId}': no rubrics/{rubricId}.md");
            else if (rubricFile?.Rubric is { } rubric && rubric.EssaySet != content.EssaySet)
                c.Problem(file, file.Lines["rubric"],
                    $"rubric '{rubricId}' is for {ItemBankCodes.Code(rubric.EssaySet)} essays; this essay is {ItemBankCodes.Code(content.EssaySet!.Value)}");
        }

        if (c.Stored.ItemVersion(content.Id, content.Version) is { } storedVersion
            && !ItemWorkflow.IsAllowedFileChange(storedVersion.ItemStatus, doc.Status))
        {
            c.Problem(file, file.Lines["status"],
                $"status cannot go from {storedVersion.Status} to {ItemBankCodes.Code(doc.Status)}: the stored version {content.Pin} is " +
                $"{storedVersion.Status} (a change of content makes a new version)");
        }
    }

    private void CheckRubric(Context c, ParsedRubric file, RubricDocument doc)
    {
        var rubric = doc.Rubric;
        for (var i = 0; i < rubric.Criteria.Count; i++)
            for (var j = 0; j < rubric.Criteria[i].Domains.Count; j++)
                if (c.UnknownDomain(rubric.Criteria[i].Domains[j]) is { } unknown)
                    c.Problem(file, file.Lines[$"criteria[{i}].domains[{j}]"], unknown);
        // The same review rule as items: a warning, and import lands such a version as a draft.
        if (_workflow.CheckReviewers(doc.Status, doc.Author, doc.Reviewers) is { } reviewerProblem)
            c.Warning(file, file.Lines.Has("reviewers") ? file.Lines["reviewers"] : file.Lines["status"], reviewerProblem + "; import does not record it as an approval");
        if (c.Stored.RubricVersion(rubric.Id, rubric.Version) is not { } stored) return;
        // The author is outside the content hash, so a file could rename it to approve its own work: the stored one stands.
        if (stored.Author.Length > 0 && !ItemWorkflow.SamePerson(stored.Author, doc.Author))
            c.Problem(file, file.Lines["author"], $"author cannot change: the stored version {rubric.Pin} was written by {stored.Author}");
        if (!ItemWorkflow.IsAllowedFileChange(stored.ItemStatus, doc.Status))
        {
            c.Problem(file, file.Lines["status"],
                $"status cannot go from {stored.Status} to {ItemBankCodes.Code(doc.Status)}: the stored version {rubric.Pin} is " +
                $"{stored.Status} (a change of content makes a new version)");
        }
    }

    /// <summary>
    /// The level rule applied to the default blueprint: a domain the bank has enough approved MCQs for, but too few
    /// that every track may sit (Level IV-only items where a Level III track sits Part One), cannot be met by any form.
    /// </summary>
    private static void CheckDefaultBlueprint(Context c, ParsedBlueprint file, BankBlueprint blueprint)
    {
        var mcqs = c.Items.Values.Select(i => i.Document).OfType<ItemDocument>()
            .Where(d => d.Status == ItemStatus.Approved).Select(d => d.Content);
        // Plain shortage is no file problem (a bank grows toward its blueprint); the level rule is.
        foreach (var shortfall in BlueprintSupply.Check(blueprint, mcqs).Where(s => s.ShutOut is not null))
            c.Problem(file.Path, file.Lines[$"partOne.blueprint.{shortfall.DomainId}"], shortfall.Describe(blueprint));
    }

    private static void CheckForm(Context c, ParsedForm file, FormDefinition form)
    {
        if (c.Stored.Form(form.Id) is { } stored && stored.FormStatus != FormStatus.Draft)
        {
            if (stored.DefinitionJson != form.ToCanonicalJson())
            {
                c.Problem(file, file.Lines["id"], $"{stored.Status} form {form.Id} changed; publish a new form");
                return;
            }
            if (form.Status != stored.FormStatus && !(stored.FormStatus == FormStatus.Published && form.Status == FormStatus.Retired))
            {
                c.Problem(file, file.Lines["status"], stored.FormStatus == FormStatus.Retired
                    ? $"form {form.Id} is retired, and retired is final"
                    : $"form {form.Id} is published; it can be retired but not go back to {ItemBankCodes.Code(form.Status)}");
                return;
            }
        }

        var acceptable = form.Status == FormStatus.Draft
            ? new[] { ItemStatus.Approved }
            : [ItemStatus.Approved, ItemStatus.Retired]; // retired after publication, with the committee's confirmation

        // Part One
        var ok = true;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var domains = new List<string>();
        var levels = new List<(ItemPin Pin, Level Level, Designation Designation)>();
        var lines = new Dictionary<ItemPin, int>();
        for (var i = 0; i < form.PartOne.Items.Count; i++)
        {
            var pin = form.PartOne.Items[i];
            var line = file.Lines[$"partOne.items[{i}]"];
            if (seen.TryGetValue(pin.Id, out var firstLine))
            {
                c.Problem(file, line, $"{pin.Id} is in Part One twice (also on line {firstLine})");
                ok = false;
                continue;
            }
            seen[pin.Id] = line;
            var version = ResolveItem(c, file, line, pin, acceptable);
            if (version is null)
            {
                ok = false;
                continue;
            }
            if (version.Type != ItemType.Mcq)
            {
                c.Problem(file, line, $"{pin.Id} is an essay; Part One takes MCQs");
                ok = false;
                continue;
            }
            domains.Add(version.PrimaryDomain!);
            levels.Add((pin, version.Level, version.Designation));
            lines[pin] = line;
        }
        if (c.Blueprint is { } bank)
        {
            foreach (var (domain, _) in form.PartOne.Blueprint.Counts)
                if (c.UnknownDomain(domain) is { } unknown) c.Problem(file, file.Lines[$"partOne.blueprint.{domain}"], unknown);
            foreach (var track in form.PartTwo.Tracks.Where(t => !bank.IsKnownTrack(t.Track)))
                c.Problem(file, file.Lines[$"partTwo.tracks.{track.Track}"],
                    $"unknown track '{track.Track}'; blueprint.yaml lists: {string.Join(", ", bank.Tracks.Select(t => t.Id))}");
            // A retired form is history. A published one never changes, so its misfits are a warning: retire it and
            // publish a corrected form.
            if (form.Status != FormStatus.Retired)
            {
                foreach (var misfit in PartOneLevels.Misfits(levels, PartOneLevels.SittingTracks(bank, form)))
                {
                    if (form.Status == FormStatus.Draft)
                        c.Problem(file, lines[misfit.Pin], $"{misfit}; Part One is shared, so replace it with an item every track is examined on");
                    else
                        c.Warning(file, lines[misfit.Pin], $"{misfit}; a published form never changes: retire it and publish a corrected form");
                }
            }
        }
        // Enemies: an error on a draft; on a published form (which never changes) a warning to retire it.
        if (form.Status != FormStatus.Retired)
        {
            foreach (var v in c.Enemies.Violations(form.PartOne.Items.Select(p => p.Id).ToList()))
            {
                var line = file.Lines[$"partOne.items[{v.SecondPosition - 1}]"];
                if (form.Status == FormStatus.Draft) c.Problem(file, line, $"{v}; replace one of them");
                else c.Warning(file, line, $"{v}; a published form never changes: retire it and publish a corrected form");
            }
        }
        if (ok && form.PartOne.Blueprint.Validate(domains) is { Count: > 0 } deviations)
        {
            c.Problem(file, file.Lines["partOne.blueprint"],
                $"Part One misses its blueprint ({domains.Count} items for {form.PartOne.Blueprint.Total}): {string.Join("; ", deviations)}");
        }

        // Part Two
        var rubricPins = new Dictionary<string, Rubric?>(StringComparer.Ordinal);
        for (var i = 0; i < form.PartTwo.Rubrics.Count; i++)
        {
            var pin = form.PartTwo.Rubrics[i];
            var line = file.Lines[$"partTwo.rubrics[{i}]"];
            if (ResolveRubric(c, file, line, pin, acceptable) is { } rubric)
            {
                if (!rubricPins.TryAdd(pin.Id, rubric))
                    c.Problem(file, line, $"rubric {pin.Id} is pinned twice");
            }
            else
            {
                rubricPins.TryAdd(pin.Id, null); // reported already; its essays should not report it again
            }
        }
        foreach (var track in form.PartTwo.Tracks)
        {
            var prefix = $"partTwo.tracks.{track.Track}.";
            var trackOk = true;
            var sets = new List<EssaySet>();
            var inTrack = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < track.Items.Count; i++)
            {
                var pin = track.Items[i];
                var line = file.Lines[$"{prefix}items[{i}]"];
                if (inTrack.TryGetValue(pin.Id, out var firstLine))
                {
                    c.Problem(file, line, $"{pin.Id} is in {track.Track} twice (also on line {firstLine})");
                    trackOk = false;
                    continue;
                }
                inTrack[pin.Id] = line;
                var version = ResolveItem(c, file, line, pin, acceptable);
                if (version is null)
                {
                    trackOk = false;
                    continue;
                }
                if (version.Type != ItemType.Essay)
                {
                    c.Problem(file, line, $"{pin.Id} is an MCQ; Part Two takes essays");
                    trackOk = false;
                    continue;
                }
                if (!rubricPins.ContainsKey(version.Rubric!))
                {
                    c.Problem(file, line, $"{pin.Id} is scored on rubric '{version.Rubric}', which partTwo.rubrics does not pin");
                    trackOk = false;
                    continue;
                }
                sets.Add(version.EssaySet!.Value);
            }
            if (!trackOk) continue;
            var trackLine = file.Lines[$"partTwo.tracks.{track.Track}"];
            if (track.Choose > track.Items.Count)
            {
                c.Problem(file, trackLine, $"{track.Track} chooses {track.Choose} essays but offers {track.Items.Count}");
                continue;
            }
            if (track.Require.Sum(r => r.Value) > track.Choose)
            {
                c.Problem(file, trackLine, $"{track.Track} requires {track.Require.Sum(r => r.Value)} essays but chooses {track.Choose}");
                continue;
            }
            foreach (var (set, n) in track.Require)
            {
                var offered = sets.Count(s => s == set);
                if (offered < n)
                {
                    c.Problem(file, trackLine, $"{track.Track} requires {n} {ItemBankCodes.Code(set)} essay{(n == 1 ? "" : "s")} but offers {offered}");
                    break;
                }
            }
        }
    }

    /// <summary>The pinned version's content, from the item file (when it is the file's current content) or the database.</summary>
    private static ItemContent? ResolveItem(Context c, ParsedFile form, int line, ItemPin pin, ItemStatus[] acceptable)
    {
        var file = c.Items.GetValueOrDefault(pin.Id);
        if (c.BrokenItems.Contains(pin.Id) || file is { HasProblems: true } || (file is null && c.Bank.Items.Any(i => i.Id == pin.Id && i.HasProblems)))
            return null; // the item file's own problem is reported already
        ItemContent content;
        ItemStatus status;
        if (file?.Document is { } doc && doc.Content.Version == pin.Hash)
        {
            content = doc.Content;
            status = doc.Status;
        }
        else if (c.Stored.ItemVersion(pin.Id, pin.Hash) is { } stored)
        {
            content = stored.Content;
            status = stored.ItemStatus;
        }
        else
        {
            var where = file?.Document is { } current
                ? $"{file.Path} is now {current.Content.Pin}"
                : c.Stored.HasItem(pin.Id) ? $"there is no file items/{pin.Id}.md" : null;
            c.Problem(form, line, where is null
                ? $"pins {pin}, but there is no item '{pin.Id}'"
                : $"pins {pin}, a version that does not exist: {where} and {(c.ConsultedDatabase ? "no stored version has that hash" : "no database was consulted for stored versions")}");
            return null;
        }
        if (!acceptable.Contains(status))
        {
            c.Problem(form, line, $"pins {pin}, which is {ItemBankCodes.Code(status)}, not approved");
            return null;
        }
        return content;
    }

    /// <summary>The pinned rubric version, from its file (when it is the file's current content) or the database; it must be approved (or retired, on a published form), as pinned items must.</summary>
    private static Rubric? ResolveRubric(Context c, ParsedFile form, int line, ItemPin pin, ItemStatus[] acceptable)
    {
        var file = c.Rubrics.GetValueOrDefault(pin.Id);
        if (file is { HasProblems: true }) return null;
        (Rubric Rubric, ItemStatus Status)? found =
            file?.Document is { } current && current.Rubric.Version == pin.Hash ? (current.Rubric, current.Status)
            : c.Stored.RubricVersion(pin.Id, pin.Hash) is { } stored ? (stored.Content, stored.ItemStatus)
            : null;
        if (found is not { } f)
        {
            c.Problem(form, line, file?.Rubric is { } now
                ? $"pins rubric {pin}, a version that does not exist: {file.Path} is now {now.Pin} and " +
                  (c.ConsultedDatabase ? "no stored version has that hash" : "no database was consulted for stored versions")
                : $"pins rubric {pin}, but there is no rubric '{pin.Id}'");
            return null;
        }
        if (!acceptable.Contains(f.Status))
        {
            c.Problem(form, line, $"pins rubric {pin}, which is {ItemBankCodes.Code(f.Status)}, not approved");
            return null;
        }
        return f.Rubric;
    }
}
