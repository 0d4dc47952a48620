using System.Text.Json;
using Exam.Core.Blueprint;
using Exam.Core.ItemBank;
using Exam.Data.Accounts;
using Exam.Data.Audit;
using Exam.Data.ItemBank;
using Exam.ItemBank.Files;
using Exam.ItemBank.Services;

namespace Exam.Cli.ItemBank;

/// <summary><c>exam itembank ...</c>: lint, import, export, stats, cues, assemble-form, publish-form.</summary>
internal sealed class ItemBankCommands(TextWriter output, TextWriter error, CliContext context)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task<int> RunAsync(CliArguments args, CancellationToken ct)
    {
        if (args.Positional.Count < 2) throw new CliUsageException("itembank needs a subcommand and a folder");
        var command = args.Positional[0];
        var dir = args.Positional[1];
        var fullDir = Path.GetFullPath(dir, context.CurrentDirectory);
        if (command == "export") Directory.CreateDirectory(fullDir);
        if (!Directory.Exists(fullDir))
        {
            error.WriteLine($"exam: no such folder '{dir}'");
            return 1;
        }
        // Files are read by full path; reports print them under the folder as given.
        var root = fullDir;
        var display = new DisplayPaths(dir, root);
        return command switch
        {
            "lint" => await LintAsync(args, root, display, ct),
            "import" => await ImportAsync(args, root, display, ct),
            "export" => await ExportAsync(args, root, ct),
            "stats" => Stats(args, root),
            "cues" => await CuesAsync(args, root, ct),
            "assemble-form" => await AssembleFormAsync(args, root, display, ct),
            "publish-form" => await PublishFormAsync(args, root, display, ct),
            _ => throw new CliUsageException($"unknown itembank subcommand '{command}'"),
        };
    }

    /// <summary>Turns the path the reader used back into the folder as the user typed it.</summary>
    private sealed record DisplayPaths(string Given, string Used)
    {
        public string Of(string path) => path.StartsWith(Used, StringComparison.Ordinal)
            ? Path.Join(Given, path[Used.Length..].TrimStart(Path.DirectorySeparatorChar))
            : path;

        public string Of(LintProblem p) => $"{Of(p.File)}:{p.Line}: {(p.Warning ? "warning: " : "")}{p.Message}";
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private LintOptions LintOptions(CliArguments args) => new() { RequiredReviewers = args.Number("reviewers") ?? 1 };

    private async Task<StoredBank?> StoredAsync(CliArguments args, CancellationToken ct)
    {
        var options = CliDatabase.Resolve(args, context, onlyIfPresent: true);
        if (options is null) return null;
        var db = await CliDatabase.OpenMigratedAsync(options, context, ct);
        await using var s = await db.OpenAsync(ct);
        return await StoredBank.LoadAsync(new ItemBankStore(context.Clock), s, ct);
    }

    private async Task<int> LintAsync(CliArguments args, string root, DisplayPaths display, CancellationToken ct)
    {
        args.Only("reviewers", "sqlite", "strict");
        var files = ItemBankReader.Read(root);
        var stored = await StoredAsync(args, ct);
        var all = new ItemBankLinter(LintOptions(args)).Lint(files, stored);
        foreach (var p in all) output.WriteLine(display.Of(p));
        // --strict: a warning (a strong cue, a published form's misfit) fails the run like a problem.
        var problems = args.Flag("strict") ? all : all.Where(p => !p.Warning).ToList();
        var warnings = all.Count - problems.Count;
        var counts = $"{Count(files.Items.Count, "item")}, {Count(files.Rubrics.Count, "rubric")}, {Count(files.Forms.Count, "form")}";
        var against = stored is null ? "" : ", checked against the database";
        var warned = warnings == 0 ? "" : $"; {Count(warnings, "warning")} (--strict fails on them)";
        output.WriteLine(problems.Count == 0
            ? $"lint: {counts}{against}: no problems{warned}"
            : $"lint: {problems.Count} problem{(problems.Count == 1 ? "" : "s")} in {problems.Select(p => p.File).Distinct().Count()} " +
              $"file{(problems.Select(p => p.File).Distinct().Count() == 1 ? "" : "s")} ({counts}{against}){warned}");
        return problems.Count == 0 ? 0 : 1;
    }

    private async Task<int> ImportAsync(CliArguments args, string root, DisplayPaths display, CancellationToken ct)
    {
        args.Only("actor", "reviewers", "sqlite");
        var options = CliDatabase.Resolve(args, context, onlyIfPresent: false)!;
        var db = await CliDatabase.OpenMigratedAsync(options, context, ct);
        // The import is audited under its actor: a real, enabled staff account, never a name typed at random.
        var actor = args.Option("actor") ?? context.UserName;
        await using (var s = await db.OpenAsync(ct))
        {
            if (await new StaffAccountStore(context.Clock).FindAsync(s, actor, ct) is not { IsDisabled: false })
            {
                error.WriteLine($"exam: --actor '{actor}' is not an enabled staff account in {CliDatabase.Describe(options)}; " +
                    "name the staff account that imports (the import is audited under it)");
                return 1;
            }
        }
        var importer = new ItemBankImporter(db, new ItemBankStore(context.Clock), new AuditLog(context.Clock), LintOptions(args));
        var result = await importer.ImportAsync(root, actor, ct);
        foreach (var p in result.Problems.Concat(result.Warnings).OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line))
            output.WriteLine(display.Of(p));
        output.WriteLine($"import into {CliDatabase.Describe(options)}: {result}");
        return result.Succeeded ? 0 : 1;
    }

    private async Task<int> ExportAsync(CliArguments args, string root, CancellationToken ct)
    {
        args.Only("sqlite");
        var options = CliDatabase.Resolve(args, context, onlyIfPresent: false)!;
        var db = await CliDatabase.OpenMigratedAsync(options, context, ct);
        var result = await new ItemBankExporter(db, new ItemBankStore(context.Clock)).ExportAsync(root, ct);
        output.WriteLine($"export from {CliDatabase.Describe(options)}: {result}");
        return 0;
    }

    private int Stats(CliArguments args, string root)
    {
        args.Only("json");
        var files = ItemBankReader.Read(root);
        var docs = files.Items.Where(i => i.Document is not null).Select(i => i.Document!).ToList();
        var approved = docs.Where(d => d.Status == ItemStatus.Approved).Select(d => d.Content).ToList();
        var domains = files.Blueprint?.Blueprint?.Domains ?? [];
        var forms = files.Forms.Where(f => f.Form is not null).Select(f => f.Form!).ToList();

        var stats = new Dictionary<string, Dictionary<string, int>>
        {
            ["items"] = Enum.GetValues<ItemType>().ToDictionary(ItemBankCodes.Code, t => docs.Count(d => d.Content.Type == t)),
            ["status"] = Enum.GetValues<ItemStatus>().ToDictionary(ItemBankCodes.Code, s => docs.Count(d => d.Status == s)),
            ["mcqByDomain"] = domains.ToDictionary(d => d.Name,
                d => approved.Count(c => c.Type == ItemType.Mcq && c.PrimaryDomain == d.Id)),
            ["essaySets"] = Enum.GetValues<EssaySet>().ToDictionary(ItemBankCodes.Code,
                s => approved.Count(c => c.Type == ItemType.Essay && c.EssaySet == s)),
            ["forms"] = new[] { FormStatus.Published, FormStatus.Draft, FormStatus.Retired }.ToDictionary(ItemBankCodes.Code,
                s => forms.Count(f => f.Status == s)),
        };
        if (args.Flag("json"))
        {
            output.WriteLine(JsonSerializer.Serialize(stats, Indented));
        }
        else
        {
            foreach (var (section, values) in stats)
                output.WriteLine($"{section}: {string.Join(", ", values.Select(v => $"{v.Key} {v.Value}"))}");
        }
        var unreadable = files.Items.Count(i => i.HasProblems) + files.Forms.Count(f => f.HasProblems) + (files.Blueprint is { HasProblems: false } ? 0 : 1);
        if (unreadable > 0)
            error.WriteLine($"stats: {unreadable} file{(unreadable == 1 ? "" : "s")} could not be read and {(unreadable == 1 ? "is" : "are")} not counted; run exam itembank lint");
        return 0;
    }

    /// <summary>The cue report of the bank and a line per form; with --form, that form's full report instead.</summary>
    private async Task<int> CuesAsync(CliArguments args, string root, CancellationToken ct)
    {
        args.Only("form", "json", "sqlite");
        var files = ItemBankReader.Read(root);
        var stored = await StoredAsync(args, ct);
        if (args.Option("form") is { } formId)
        {
            if (files.Forms.FirstOrDefault(f => f.Id == formId)?.Form is not { } form)
            {
                error.WriteLine($"exam: no readable form '{formId}' in {ItemBankReader.FormsFolder}/ (run exam itembank lint)");
                return 1;
            }
            var cues = BankCues.Form(files, form, stored);
            if (args.Flag("json")) CueReportWriter.WriteJson(output, null, [cues]);
            else CueReportWriter.WriteText(output, $"cue report: form {form.Id} ({ItemBankCodes.Code(form.Status)}){CueReportWriter.Unresolved(cues)}", cues.Report);
            return 0;
        }
        var bank = BankCues.Bank(files);
        var forms = BankCues.Forms(files, stored);
        if (args.Flag("json"))
        {
            CueReportWriter.WriteJson(output, bank, forms);
            return 0;
        }
        CueReportWriter.WriteText(output, "cue report: bank (item files; retired items left out)", bank);
        output.WriteLine(forms.Count == 0 ? "forms: none" : "forms (Part One as pinned; --form <id> for one form's report):");
        foreach (var form in forms) CueReportWriter.WriteFormLine(output, form);
        var unreadable = files.Items.Count(i => i.HasProblems);
        if (unreadable > 0) error.WriteLine($"cues: {Count(unreadable, "item file")} could not be read and {(unreadable == 1 ? "is" : "are")} left out; run exam itembank lint");
        return 0;
    }

    private async Task<int> AssembleFormAsync(CliArguments args, string root, DisplayPaths display, CancellationToken ct)
    {
        args.Only("id", "title", "seed", "force", "sqlite");
        var id = args.Required("id");
        var title = args.Required("title");
        var seed = args.Number("seed") ?? throw new CliUsageException("--seed is required");
        if (!ItemText.IsValidId(id)) throw new CliUsageException($"form id '{id}' must be lower-case letters, digits and '-'");
        var path = ItemBankReader.PathOf(root, ItemBankReader.FormsFolder, $"{id}.yaml");
        if (File.Exists(path) && !args.Flag("force"))
        {
            error.WriteLine($"exam: {display.Of(path)} exists; pass --force to replace it");
            return 1;
        }

        var files = ItemBankReader.Read(root);
        // With a database, a published form's pins resolve to stored versions (a superseded version is not a problem).
        var stored = await StoredAsync(args, ct);
        var problems = new ItemBankLinter().Lint(files, stored).Where(p => p.File != path && !p.Warning).ToList();
        if (problems.Count > 0)
        {
            foreach (var p in problems) output.WriteLine(display.Of(p));
            error.WriteLine($"exam: the bank has {problems.Count} problem{(problems.Count == 1 ? "" : "s")}; fix them before assembling a form" +
                (stored is null ? " (pins of published forms are checked against the files alone; --sqlite <file> checks them against a database)" : ""));
            return 1;
        }
        var bank = files.Blueprint!.Blueprint!;
        var approved = files.Items.Select(i => i.Document!).Where(d => d.Status == ItemStatus.Approved).Select(d => d.Content).ToList();

        // Part Two first: the tracks that get essays are the tracks that sit the form, and Part One must suit them all.
        var essays = approved.Where(c => c.Type == ItemType.Essay).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        var tracks = new List<TrackEssays>();
        foreach (var track in bank.Tracks)
        {
            var offered = essays.Where(e => track.EssaySets.Contains(e.EssaySet!.Value) && BankBlueprint.Suits(track, e.Level, e.Designation)).ToList();
            var missing = track.Require.FirstOrDefault(r => offered.Count(e => e.EssaySet == r.Key) < r.Value);
            if (offered.Count < track.Choose || missing.Value > 0)
            {
                error.WriteLine($"warning: {track.Id} left out: it needs {track.Choose} approved " +
                    $"{string.Join(" and ", track.EssaySets.Select(ItemBankCodes.Code))} essays" +
                    (track.Require.Count > 0 ? $" ({string.Join(", ", track.Require.Select(r => $"{r.Value} {ItemBankCodes.Code(r.Key)}"))})" : "") +
                    $"; {offered.Count} suit it");
                continue;
            }
            tracks.Add(new TrackEssays { Track = track.Id, Choose = track.Choose, Require = track.Require, Items = offered.Select(e => e.Pin).ToList() });
        }
        var draft = new FormDefinition { Id = id, PartTwo = new PartTwoDefinition { Tracks = tracks } };
        var sitting = PartOneLevels.SittingTracks(bank, draft);
        var blueprint = bank.PartOne.Blueprint;
        // No two enemies; items on fewer published forms of the folder first.
        var enemies = EnemyPairs.FromDeclarations(files.Items.Select(i => (i.Id!, i.Document!.Enemies)));
        var uses = FormExposure.Uses(files.Forms.Select(f => f.Form!), id);
        var assembly = FormAssembler.Assemble(
            approved.Where(c => c.Type == ItemType.Mcq).Select(AssemblyCandidate.From), blueprint, seed, sitting, new AssemblyHistory(enemies, uses));
        if (!assembly.Succeeded)
        {
            error.WriteLine($"exam: not enough approved MCQs that suit every track sitting the form ({string.Join(", ", sitting.Select(t => t.Id))}), " +
                "no two of them enemies, for the default Part One blueprint in blueprint.yaml:");
            foreach (var s in assembly.Shortfalls) error.WriteLine($"  {s}");
            return 1;
        }

        var rubricIds = tracks.SelectMany(t => t.Items).Select(p => essays.First(e => e.Id == p.Id).Rubric!).ToHashSet(StringComparer.Ordinal);
        var rubricPins = files.Rubrics.Select(r => r.Rubric!).Where(r => rubricIds.Contains(r.Id)).OrderBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => r.Pin).ToList();

        var form = draft with
        {
            Title = ItemText.Field(title),
            Status = FormStatus.Draft,
            Seed = seed,
            PartOne = new PartOneDefinition { Minutes = bank.PartOne.Minutes, CutPercent = bank.PartOne.CutPercent, Blueprint = blueprint, Items = assembly.Items },
            PartTwo = new PartTwoDefinition { Rubrics = rubricPins, Tracks = tracks },
        };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, ItemBankWriter.WriteForm(form));
        output.WriteLine($"wrote {display.Of(path)}: Part One {assembly.Items.Count} items (seed {seed}) for {string.Join(", ", sitting.Select(t => t.Id))}; Part Two " +
            (tracks.Count == 0 ? "no tracks" : string.Join(", ", tracks.Select(t => $"{t.Track} {t.Items.Count} essays"))) + "; status draft");
        return 0;
    }

    private async Task<int> PublishFormAsync(CliArguments args, string root, DisplayPaths display, CancellationToken ct)
    {
        args.Only("reviewers", "sqlite");
        if (args.Positional.Count < 3) throw new CliUsageException("publish-form needs a form id");
        var id = args.Positional[2];
        var files = ItemBankReader.Read(root);
        var index = files.Forms.FindIndex(f => f.Id == id);
        if (index < 0)
        {
            error.WriteLine($"exam: no form '{id}' in {display.Of(ItemBankReader.PathOf(root, ItemBankReader.FormsFolder, ""))}");
            return 1;
        }
        var parsed = files.Forms[index];
        if (parsed.Form is { Status: not FormStatus.Draft } already)
        {
            error.WriteLine($"exam: form {id} is already {ItemBankCodes.Code(already.Status)}");
            return 1;
        }
        if (parsed.Form is { } draft) files.Forms[index] = parsed with { Form = draft with { Status = FormStatus.Published } };
        // A warning elsewhere in the bank does not stop this form; one about this form does (it is about to be published).
        var problems = new ItemBankLinter(LintOptions(args)).Lint(files, await StoredAsync(args, ct))
            .Where(p => !p.Warning || p.File == parsed.Path).ToList();
        if (problems.Count > 0)
        {
            foreach (var p in problems) output.WriteLine(display.Of(p));
            error.WriteLine($"exam: form {id} not published: the bank has {problems.Count} problem{(problems.Count == 1 ? "" : "s")}");
            return 1;
        }
        File.WriteAllText(parsed.Path, ItemBankWriter.WriteForm(files.Forms[index].Form!));
        output.WriteLine($"published form {id} in {display.Of(parsed.Path)}; import it to publish it in the database");
        return 0;
    }
}
