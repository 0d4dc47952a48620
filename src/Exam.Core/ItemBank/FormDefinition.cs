using System.Text.Json;

namespace Exam.Core.ItemBank;

/// <summary>Part One: the shared multiple-choice section, pinned item by item.</summary>
public sealed record PartOneDefinition
{
    public int Minutes { get; init; } = 90;
    public int CutPercent { get; init; } = 80;
    public ItemBlueprint Blueprint { get; init; } = ItemBlueprint.Empty;
    public IReadOnlyList<ItemPin> Items { get; init; } = [];
}

/// <summary>The essays one track chooses from: answer <see cref="Choose"/>, at least <see cref="Require"/> of each set named.</summary>
public sealed record TrackEssays
{
    public required string Track { get; init; }
    public int Choose { get; init; } = 2;
    public IReadOnlyList<KeyValuePair<EssaySet, int>> Require { get; init; } = [];
    public IReadOnlyList<ItemPin> Items { get; init; } = [];
}

/// <summary>Part Two: essays per track, how ratings resolve, and the rubric versions the essays are scored on.</summary>
public sealed record PartTwoDefinition
{
    public int Minutes { get; init; } = 90;
    public int CutPercent { get; init; } = 80;

    /// <summary>How far two raters' totals may differ before a third read.</summary>
    public int Tolerance { get; init; } = 2;

    public RatingResolution Resolution { get; init; } = RatingResolution.MeanOfThirdAndCloser;

    /// <summary>
    /// Whether the lead rater adjudicating sees the two earlier reads. Off by default: a third read made without them is
    /// independent, so it cannot simply side with one of them.
    /// </summary>
    public bool AdjudicatorSeesReads { get; init; }
    public PartTwoCombine Combine { get; init; } = PartTwoCombine.SumPercent;

    /// <summary>The rubric versions (id@hash) the essays are scored on: pinned like the items.</summary>
    public IReadOnlyList<ItemPin> Rubrics { get; init; } = [];

    /// <summary>In the order of <see cref="Blueprint.BankBlueprint.Tracks"/>.</summary>
    public IReadOnlyList<TrackEssays> Tracks { get; init; } = [];
}

/// <summary>An exam form: what a candidate sits. Published forms never change; a change is a new form.</summary>
public sealed record FormDefinition
{
    public required string Id { get; init; }
    public string Title { get; init; } = "";
    public FormStatus Status { get; init; } = FormStatus.Draft;

    /// <summary>The seed Part One was assembled with, when it was assembled automatically.</summary>
    public int? Seed { get; init; }

    public PartOneDefinition PartOne { get; init; } = new();
    public PartTwoDefinition PartTwo { get; init; } = new();
    public int RetakeWaitDays { get; init; } = 365;

    /// <summary>
    /// The definition without its status, canonically: two files define the same form exactly when this is equal.
    /// </summary>
    public string ToCanonicalJson()
    {
        var j = new CanonicalJson().BeginObject().Property("id", Id).Property("title", Title);
        if (Seed is { } seed) j.Property("seed", seed);
        j.Name("partOne").BeginObject()
            .Property("minutes", PartOne.Minutes)
            .Property("cutPercent", PartOne.CutPercent)
            .Name("blueprint").BeginObject();
        foreach (var (domain, count) in PartOne.Blueprint.Counts) j.Property(domain, count);
        j.EndObject().StringArray("items", PartOne.Items.Select(p => p.ToString())).EndObject();
        j.Name("partTwo").BeginObject()
            .Property("minutes", PartTwo.Minutes)
            .Property("cutPercent", PartTwo.CutPercent)
            .Property("tolerance", PartTwo.Tolerance)
            .Property("resolution", ItemBankCodes.Code(PartTwo.Resolution))
            .Property("combine", ItemBankCodes.Code(PartTwo.Combine));
        // Written only when on, so the forms made before the setting keep their canonical text (and so their identity).
        if (PartTwo.AdjudicatorSeesReads) j.Property("adjudicatorSeesReads", true);
        j.StringArray("rubrics", PartTwo.Rubrics.Select(p => p.ToString()))
            .Name("tracks").BeginObject();
        foreach (var t in PartTwo.Tracks)
        {
            j.Name(t.Track).BeginObject().Property("choose", t.Choose).Name("require").BeginObject();
            foreach (var (set, n) in t.Require) j.Property(ItemBankCodes.Code(set), n);
            j.EndObject().StringArray("items", t.Items.Select(p => p.ToString())).EndObject();
        }
        return j.EndObject().EndObject().Property("retakeWaitDays", RetakeWaitDays).EndObject().ToString();
    }

    /// <summary>Reads what <see cref="ToCanonicalJson"/> wrote; the status comes from elsewhere (the database row).</summary>
    public static FormDefinition FromJson(string json, FormStatus status)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        var one = r.GetProperty("partOne");
        var two = r.GetProperty("partTwo");
        return new FormDefinition
        {
            Id = r.GetProperty("id").GetString()!,
            Title = r.GetProperty("title").GetString()!,
            Status = status,
            Seed = r.TryGetProperty("seed", out var s) ? s.GetInt32() : null,
            PartOne = new PartOneDefinition
            {
                Minutes = one.GetProperty("minutes").GetInt32(),
                CutPercent = one.GetProperty("cutPercent").GetInt32(),
                Blueprint = new ItemBlueprint(one.GetProperty("blueprint").EnumerateObject()
                    .Select(p => new KeyValuePair<string, int>(p.Name, p.Value.GetInt32()))),
                Items = Pins(one, "items"),
            },
            PartTwo = new PartTwoDefinition
            {
                Minutes = two.GetProperty("minutes").GetInt32(),
                CutPercent = two.GetProperty("cutPercent").GetInt32(),
                Tolerance = two.GetProperty("tolerance").GetInt32(),
                Resolution = ItemBankCodes.Parse<RatingResolution>(two.GetProperty("resolution").GetString()!),
                Combine = ItemBankCodes.Parse<PartTwoCombine>(two.GetProperty("combine").GetString()!),
                AdjudicatorSeesReads = two.TryGetProperty("adjudicatorSeesReads", out var sees) && sees.GetBoolean(),
                Rubrics = Pins(two, "rubrics"),
                Tracks = two.GetProperty("tracks").EnumerateObject().Select(t => new TrackEssays
                {
                    Track = t.Name,
                    Choose = t.Value.GetProperty("choose").GetInt32(),
                    Require = t.Value.GetProperty("require").EnumerateObject()
                        .Select(q => new KeyValuePair<EssaySet, int>(ItemBankCodes.Parse<EssaySet>(q.Name), q.Value.GetInt32())).ToList(),
                    Items = Pins(t.Value, "items"),
                }).ToList(),
            },
            RetakeWaitDays = r.GetProperty("retakeWaitDays").GetInt32(),
        };
    }

    private static List<ItemPin> Pins(JsonElement e, string name) =>
        ItemContent.Strings(e, name).Select(ItemPin.Parse).ToList();
}
