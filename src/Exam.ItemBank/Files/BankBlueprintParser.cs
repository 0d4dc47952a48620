using Exam.Core.Blueprint;
using Exam.Core.ItemBank;
using YamlDotNet.RepresentationModel;

namespace Exam.ItemBank.Files;

/// <summary><c>blueprint.yaml</c> as read: its text, and the model when the file had no problems.</summary>
public sealed record ParsedBlueprint(string Path, string Text, SourceLines Lines, bool HasProblems, BankBlueprint? Blueprint)
{
    /// <summary>The text as stored: line ends as \n, no byte-order mark.</summary>
    public static string Normalize(string text) => text.TrimStart('\uFEFF').Replace("\r\n", "\n");
}

/// <summary>
/// Reads <c>blueprint.yaml</c>: level names, competency domains, tracks and the default Part One. The same reader
/// serves the file and the committee's edits in the web UI, so both are held to the same rules.
/// </summary>
public static class BankBlueprintParser
{
    public const string FileName = "blueprint.yaml";

    /// <summary>Track ids are stored in NVARCHAR(20) columns (candidates.track, form_essays.track).</summary>
    public const int TrackIdLimit = 20;

    private static readonly string[] Keys = ["levels", "domains", "tracks", "partOne"];
    private static readonly string[] DomainKeys = ["id", "name", "levels"];
    private static readonly string[] TrackKeys = ["id", "name", "level", "designation", "essays", "choose", "require"];
    private static readonly string[] PartOneKeys = ["minutes", "cutPercent", "blueprint"];
    private static readonly string[] LevelCodes = ["III", "IV"];

    public static ParsedBlueprint Parse(string path, string text, List<LintProblem> problems)
    {
        var before = problems.Count;
        var file = new YamlFile(path, lineOffset: 0, problems);
        text = ParsedBlueprint.Normalize(text);
        var root = file.LoadMapping(text, "the blueprint file");
        if (root is null) return new(path, text, file.Lines, true, null);
        var f = new Fields(file, root, "", "", Keys);

        var levels = Levels(f);
        var domains = Domains(f);
        var tracks = Tracks(f);
        var partOne = domains is null ? null : PartOne(f, domains);
        if (problems.Count > before || levels is null || domains is null || tracks is null || partOne is null)
            return new(path, text, file.Lines, true, null);
        var blueprint = new BankBlueprint { LevelNames = levels, Domains = domains, Tracks = tracks, PartOne = partOne };
        return new(path, text, file.Lines, false, blueprint);
    }

    /// <summary>Reads blueprint text that is not in a file (the committee's edit); problems carry <paramref name="name"/>.</summary>
    public static (BankBlueprint? Blueprint, IReadOnlyList<LintProblem> Problems) ParseText(string text, string name = FileName)
    {
        var problems = new List<LintProblem>();
        var parsed = Parse(name, text, problems);
        return (parsed.Blueprint, problems);
    }

    private static Dictionary<Level, string>? Levels(Fields f)
    {
        if (f.Mapping("levels") is not { } map) return null;
        var lf = new Fields(f.File, map, "levels.", "levels", LevelCodes);
        var names = new Dictionary<Level, string>();
        foreach (var code in LevelCodes.Where(lf.Has))
            if (lf.Scalar(code) is { } name && ItemBankCodes.TryParse(code, out Level level)) names[level] = name.Trim();
        if (lf.Ok && names.Count < LevelCodes.Length) lf.Problem(lf.Line, "levels must name III and IV");
        return lf.Ok ? names : null;
    }

    private static List<CompetencyDomain>? Domains(Fields f)
    {
        if (f.Sequence("domains") is not { } seq) return null;
        var domains = new List<CompetencyDomain>();
        var ok = true;
        for (var i = 0; i < seq.Children.Count; i++)
        {
            if (Entry(f, seq.Children[i], $"domains[{i}]", DomainKeys) is not { } d) { ok = false; continue; }
            var id = d.Id();
            var name = d.Scalar("name");
            var levels = LevelList(d, "levels");
            if (id is not null && domains.Any(x => x.Id == id)) { d.Problem("id", $"domain '{id}' is listed twice"); continue; }
            if (id is null || name is null || levels is null) { ok = false; continue; }
            domains.Add(new CompetencyDomain(id, name.Trim(), levels));
        }
        if (ok && domains.Count == 0) f.Problem("domains", "domains is empty; list the competency domains");
        return ok && f.Ok ? domains : null;
    }

    private static List<ExamTrack>? Tracks(Fields f)
    {
        if (f.Sequence("tracks") is not { } seq) return null;
        var tracks = new List<ExamTrack>();
        var ok = true;
        for (var i = 0; i < seq.Children.Count; i++)
        {
            if (Entry(f, seq.Children[i], $"tracks[{i}]", TrackKeys) is not { } t) { ok = false; continue; }
            var id = t.Scalar("id")?.Trim();
            if (id is not null && (id.Length > TrackIdLimit || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/')))
            {
                t.Problem("id", $"track id '{id}' must be up to {TrackIdLimit} letters, digits, '-' and '/'");
                id = null;
            }
            if (id is not null && tracks.Any(x => x.Id == id)) { t.Problem("id", $"track '{id}' is listed twice"); continue; }
            var name = t.Scalar("name");
            var level = t.Code<Level>("level", c => (ItemBankCodes.TryParse(c, out Level v) && v != Level.Both, v), LevelCodes, "level");
            var designation = t.Has("designation")
                ? t.Code<Designation>("designation", c => (ItemBankCodes.TryParse(c, out Designation v), v), ItemBankCodes.CodesOf<Designation>(), "designation")
                : null;
            var essays = EssaySets(t, "essays");
            var choose = t.Int("choose", true, 1, 20);
            var require = new List<KeyValuePair<EssaySet, int>>();
            if (t.Has("require") && t.Mapping("require") is { } req)
            {
                var rf = new Fields(f.File, req, $"tracks[{i}].require.", $"{id} require", ItemBankCodes.CodesOf<EssaySet>());
                foreach (var set in Enum.GetValues<EssaySet>().Where(s => rf.Has(ItemBankCodes.Code(s))))
                    if (rf.Int(ItemBankCodes.Code(set), true, 1, 20) is { } n) require.Add(new(set, n));
                if (!rf.Ok) ok = false;
            }
            if (id is null || name is null || level is null || essays is null || choose is null || !t.Ok) { ok = false; continue; }
            if (require.FirstOrDefault(r => !essays.Contains(r.Key)) is { Value: > 0 } stray)
            {
                t.Problem("require", $"{id} requires {ItemBankCodes.Code(stray.Key)} essays but its essays are {string.Join(", ", essays.Select(ItemBankCodes.Code))}");
                ok = false;
                continue;
            }
            if (require.Sum(r => r.Value) > choose)
            {
                t.Problem("require", $"{id} requires {require.Sum(r => r.Value)} essays but chooses {choose}");
                ok = false;
                continue;
            }
            tracks.Add(new ExamTrack(id, name.Trim(), level.Value, designation, essays, choose.Value, require));
        }
        if (ok && tracks.Count == 0) f.Problem("tracks", "tracks is empty; list the tracks candidates sit the exam for");
        return ok && f.Ok ? tracks : null;
    }

    private static PartOneDefinition? PartOne(Fields f, List<CompetencyDomain> domains)
    {
        if (f.Mapping("partOne") is not { } map) return null;
        var p = new Fields(f.File, map, "partOne.", "partOne", PartOneKeys);
        var minutes = p.Has("minutes") ? p.Int("minutes", true, 1, 600) : 90;
        var cut = p.Has("cutPercent") ? p.Int("cutPercent", true, 0, 100) : 80;
        if (p.Mapping("blueprint") is not { } bp) return null;
        var b = new Fields(f.File, bp, "partOne.blueprint.", "the blueprint", domains.Select(d => d.Id).ToList());
        var counts = new List<KeyValuePair<string, int>>();
        foreach (var d in domains.Where(d => b.Has(d.Id)))
            if (b.Int(d.Id, true, 0, 1000) is { } n) counts.Add(new(d.Id, n));
        return p.Ok && b.Ok && minutes is not null && cut is not null
            ? new PartOneDefinition { Minutes = minutes.Value, CutPercent = cut.Value, Blueprint = new ItemBlueprint(counts) }
            : null;
    }

    private static Fields? Entry(Fields parent, YamlNode node, string prefix, string[] keys)
    {
        if (node is YamlMappingNode map) return new Fields(parent.File, map, prefix + ".", prefix, keys);
        parent.Problem(parent.File.LineOf(node), $"{prefix} must be a mapping of keys to values");
        return null;
    }

    private static List<Level>? LevelList(Fields f, string key)
    {
        if (f.ScalarList(key) is not { } list) return null;
        var levels = new List<Level>();
        foreach (var (value, line) in list)
        {
            if (value is not ("III" or "IV") || !ItemBankCodes.TryParse(value, out Level level))
            {
                f.Problem(line, $"unknown level '{value}'; expected III | IV");
                return null;
            }
            if (!levels.Contains(level)) levels.Add(level);
        }
        if (levels.Count == 0) f.Problem(key, $"{key} is empty; name III, IV or both");
        return levels.Count == 0 ? null : levels;
    }

    private static List<EssaySet>? EssaySets(Fields f, string key)
    {
        if (f.ScalarList(key) is not { } list) return null;
        var sets = new List<EssaySet>();
        foreach (var (value, line) in list)
        {
            if (!ItemBankCodes.TryParse(value, out EssaySet set))
            {
                f.Problem(line, $"unknown essay set '{value}'; expected {string.Join(" | ", ItemBankCodes.CodesOf<EssaySet>())}");
                return null;
            }
            if (!sets.Contains(set)) sets.Add(set);
        }
        if (sets.Count == 0) f.Problem(key, $"{key} is empty; name the essay sets the track answers");
        return sets.Count == 0 ? null : sets;
    }
}
