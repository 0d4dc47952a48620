using System.Text.Json;

namespace Exam.Core.ItemBank;

/// <summary>One criterion of a rubric: the descriptor for each score point, 0 to the criterion's maximum.</summary>
public sealed record RubricCriterion(string Id, string Title, IReadOnlyList<string> Domains, IReadOnlyList<string> Points)
{
    /// <summary>The top score point (descriptors run 0..MaxPoints).</summary>
    public int MaxPoints => Points.Count - 1;
}

/// <summary>An essay rubric. Versioned like items: a content hash over everything, rater notes included.</summary>
public sealed record Rubric
{
    public required string Id { get; init; }
    public string Title { get; init; } = "";
    public EssaySet EssaySet { get; init; }
    public IReadOnlyList<RubricCriterion> Criteria { get; init; } = [];

    /// <summary>Notes for raters (Markdown); never shown to candidates.</summary>
    public string Notes { get; init; } = "";

    /// <summary>The highest total: the sum of each criterion's top point.</summary>
    public int MaxScore => Criteria.Sum(c => c.MaxPoints);

    public string ToCanonicalJson()
    {
        var j = new CanonicalJson().BeginObject()
            .Property("id", Id)
            .Property("title", Title)
            .Property("essaySet", ItemBankCodes.Code(EssaySet))
            .Name("criteria").BeginArray();
        foreach (var c in Criteria)
        {
            j.BeginObject().Property("id", c.Id).Property("title", c.Title).StringArray("domains", c.Domains)
                .StringArray("points", c.Points).EndObject();
        }
        return j.EndArray().Property("notes", Notes).EndObject().ToString();
    }

    public string Version => CanonicalJson.VersionOf(ToCanonicalJson());

    public ItemPin Pin => new(Id, Version);

    public static Rubric FromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        return new Rubric
        {
            Id = r.GetProperty("id").GetString()!,
            Title = r.GetProperty("title").GetString()!,
            EssaySet = ItemBankCodes.Parse<EssaySet>(r.GetProperty("essaySet").GetString()!),
            Criteria = r.GetProperty("criteria").EnumerateArray().Select(c => new RubricCriterion(
                c.GetProperty("id").GetString()!, c.GetProperty("title").GetString()!,
                ItemContent.Strings(c, "domains"), ItemContent.Strings(c, "points"))).ToList(),
            Notes = r.GetProperty("notes").GetString()!,
        };
    }
}
