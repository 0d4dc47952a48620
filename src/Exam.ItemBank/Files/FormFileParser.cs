using Exam.Core;
using Exam.Core.ItemBank;

namespace Exam.ItemBank.Files;

/// <summary>Reads <c>forms/&lt;id&gt;.yaml</c>. Line keys: <c>partOne.items[3]</c>, <c>partTwo.tracks.IMHS.items[0]</c>, ...</summary>
public static class FormFileParser
{
    private static readonly string[] Keys = ["id", "title", "status", "seed", "partOne", "partTwo", "retakeWaitDays"];
    private static readonly string[] PartOneKeys = ["minutes", "cutPercent", "blueprint", "items"];
    private static readonly string[] PartTwoKeys = ["minutes", "cutPercent", "tolerance", "resolution", "combine", "adjudicatorSeesReads", "rubrics", "tracks"];
    private static readonly string[] TrackKeys = ["choose", "require", "items"];

    public static ParsedForm Parse(string path, string text, List<LintProblem> problems)
    {
        var fileName = Path.GetFileName(path);
        var before = problems.Count;
        var file = new YamlFile(path, lineOffset: 0, problems);
        ParsedForm Failed(string? id = null) => new(path, fileName, id, file.Lines, true, null);

        var root = file.LoadMapping(text.TrimStart('\uFEFF').Replace("\r\n", "\n"), "a form file");
        if (root is null) return Failed();
        var f = new Fields(file, root, "", "", Keys);
        var id = f.Id();
        var title = f.Scalar("title");
        if (title is not null && ItemText.Field(title).Length > FieldLimits.FormTitle) f.Problem("title", $"title is longer than {FieldLimits.FormTitle} characters");
        var status = f.Code<FormStatus>("status", c => (ItemBankCodes.TryParse(c, out FormStatus v), v), ItemBankCodes.CodesOf<FormStatus>(), "status");
        var seed = f.Int("seed", required: false, int.MinValue, int.MaxValue);
        var retake = f.Has("retakeWaitDays") ? f.Int("retakeWaitDays", true, 0, 3650) : 365;
        var partOne = f.Mapping("partOne") is { } one ? PartOne(new Fields(file, one, "partOne.", "partOne", PartOneKeys)) : null;
        var partTwo = f.Mapping("partTwo") is { } two ? PartTwo(new Fields(file, two, "partTwo.", "partTwo", PartTwoKeys)) : null;

        if (problems.Count > before || id is null || title is null || status is null || retake is null || partOne is null || partTwo is null)
            return Failed(id);
        var form = new FormDefinition
        {
            Id = id,
            Title = ItemText.Field(title),
            Status = status.Value,
            Seed = seed,
            PartOne = partOne,
            PartTwo = partTwo,
            RetakeWaitDays = retake.Value,
        };
        return new ParsedForm(path, fileName, id, file.Lines, false, form);
    }

    private static PartOneDefinition? PartOne(Fields f)
    {
        var minutes = f.Has("minutes") ? f.Int("minutes", true, 1, 600) : 90;
        var cut = f.Has("cutPercent") ? f.Int("cutPercent", true, 0, 100) : 80;
        ItemBlueprint? blueprint = null;
        if (f.Mapping("blueprint") is { } map)
        {
            // Domain ids in the file's order; whether the bank's blueprint knows them is the linter's check.
            var names = KeysOf(map);
            var b = new Fields(f.File, map, "partOne.blueprint.", "the blueprint", names);
            var counts = new List<KeyValuePair<string, int>>();
            foreach (var d in names)
                if (b.Int(d, true, 0, 1000) is { } n) counts.Add(new(d, n));
            if (b.Ok) blueprint = new ItemBlueprint(counts);
        }
        var items = Pins(f, "items");
        return f.Ok && minutes is not null && cut is not null && blueprint is not null && items is not null
            ? new PartOneDefinition { Minutes = minutes.Value, CutPercent = cut.Value, Blueprint = blueprint, Items = items }
            : null;
    }

    private static PartTwoDefinition? PartTwo(Fields f)
    {
        var minutes = f.Has("minutes") ? f.Int("minutes", true, 1, 600) : 90;
        var cut = f.Has("cutPercent") ? f.Int("cutPercent", true, 0, 100) : 80;
        var tolerance = f.Has("tolerance") ? f.Int("tolerance", true, 0, 100) : 2;
        var resolution = f.Has("resolution")
            ? f.Code<RatingResolution>("resolution", c => (ItemBankCodes.TryParse(c, out RatingResolution v), v),
                ItemBankCodes.CodesOf<RatingResolution>(), "resolution")
            : RatingResolution.MeanOfThirdAndCloser;
        var seesReads = f.Has("adjudicatorSeesReads") ? f.Bool("adjudicatorSeesReads", true) : false;
        var combine = f.Has("combine")
            ? f.Code<PartTwoCombine>("combine", c => (ItemBankCodes.TryParse(c, out PartTwoCombine v), v),
                ItemBankCodes.CodesOf<PartTwoCombine>(), "combine")
            : PartTwoCombine.SumPercent;
        var rubrics = f.Has("rubrics") ? Pins(f, "rubrics") : [];
        var tracks = new List<TrackEssays>();
        if (f.Mapping("tracks") is { } map)
        {
            // Track ids in the file's order; whether the bank's blueprint knows them is the linter's check.
            var names = KeysOf(map);
            var t = new Fields(f.File, map, "partTwo.tracks.", "tracks", names);
            foreach (var trackId in names)
            {
                if (t.Mapping(trackId) is not { } trackMap) continue;
                var prefix = $"partTwo.tracks.{trackId}.";
                var tf = new Fields(f.File, trackMap, prefix, trackId, TrackKeys);
                var choose = tf.Int("choose", true, 1, 20);
                var require = new List<KeyValuePair<EssaySet, int>>();
                if (tf.Has("require") && tf.Mapping("require") is { } req)
                {
                    var rf = new Fields(f.File, req, prefix + "require.", $"{trackId} require", ItemBankCodes.CodesOf<EssaySet>());
                    foreach (var set in Enum.GetValues<EssaySet>().Where(s => rf.Has(ItemBankCodes.Code(s))))
                        if (rf.Int(ItemBankCodes.Code(set), true, 1, 20) is { } n) require.Add(new(set, n));
                }
                var items = Pins(tf, "items");
                if (choose is not null && items is not null)
                    tracks.Add(new TrackEssays { Track = trackId, Choose = choose.Value, Require = require, Items = items });
            }
        }
        return f.Ok && minutes is not null && cut is not null && tolerance is not null && resolution is not null && combine is not null
               && rubrics is not null && seesReads is not null
            ? new PartTwoDefinition
            {
                Minutes = minutes.Value,
                CutPercent = cut.Value,
                Tolerance = tolerance.Value,
                Resolution = resolution.Value,
                Combine = combine.Value,
                AdjudicatorSeesReads = seesReads.Value,
                Rubrics = rubrics,
                Tracks = tracks,
            }
            : null;
    }

    private static List<string> KeysOf(YamlDotNet.RepresentationModel.YamlMappingNode map) =>
        map.Children.Keys.Select(k => (k as YamlDotNet.RepresentationModel.YamlScalarNode)?.Value ?? "").Distinct(StringComparer.Ordinal).ToList();

    private static List<ItemPin>? Pins(Fields f, string key)
    {
        var list = f.ScalarList(key);
        if (list is null) return null;
        var pins = new List<ItemPin>();
        foreach (var (value, line) in list)
        {
            if (!ItemPin.TryParse(value, out var pin))
            {
                f.Problem(line, $"'{value}' is not a pinned version: write id@hash (the id, '@', and the 12 hex digits of the version)");
                return null;
            }
            pins.Add(pin);
        }
        return pins;
    }
}
