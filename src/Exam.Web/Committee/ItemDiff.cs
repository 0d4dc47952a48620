using Exam.Core.ItemBank;

namespace Exam.Web.Committee;

/// <summary>One field of two versions, as text.</summary>
public sealed record FieldChange(string Name, string Before, string After)
{
    public bool Changed => !string.Equals(Before, After, StringComparison.Ordinal);
}

/// <summary>What the shared diff tables show: a comparison and the two version numbers.</summary>
public sealed record VersionDiff(VersionComparison Comparison, int From, int To);

/// <summary>Two versions of an item or a rubric compared field by field, and the body (stem, prompt or rater notes) line by line.</summary>
public sealed record VersionComparison(IReadOnlyList<FieldChange> Fields, IReadOnlyList<DiffRow> BodyRows)
{
    public int ChangedCount => Fields.Count(f => f.Changed);

    public static VersionComparison Of(ItemContent before, ItemContent after)
    {
        var essay = before.Type == ItemType.Essay || after.Type == ItemType.Essay;
        var fields = new List<FieldChange> { new(essay ? "Prompt" : "Stem", before.Body, after.Body) };
        if (!essay)
        {
            foreach (var id in new[] { "A", "B", "C", "D" })
            {
                fields.Add(new($"Option {id} text", Option(before, id)?.Text ?? "", Option(after, id)?.Text ?? ""));
                fields.Add(new($"Option {id} rationale", Option(before, id)?.Rationale ?? "", Option(after, id)?.Rationale ?? ""));
            }
            fields.Add(new("Key", before.Key ?? "", after.Key ?? ""));
        }
        else
        {
            fields.Add(new("Essay set", Set(before), Set(after)));
            fields.Add(new("Rubric", before.Rubric ?? "", after.Rubric ?? ""));
        }
        fields.Add(new("Domains", string.Join(", ", before.Domains), string.Join(", ", after.Domains)));
        fields.Add(new("Level", ItemBankCodes.Code(before.Level), ItemBankCodes.Code(after.Level)));
        fields.Add(new("Designation", ItemBankCodes.Code(before.Designation), ItemBankCodes.Code(after.Designation)));
        fields.Add(new("References", string.Join("\n", before.References), string.Join("\n", after.References)));
        fields.Add(new("Author", before.Author, after.Author));
        return new VersionComparison(fields, LineDiff.SideBySide(LineDiff.Compare(before.Body, after.Body)));
    }

    /// <summary>
    /// Two rubric versions: title, essay set, then each criterion (matched by position) with its id, title, domains
    /// and each score point's descriptor; the rater notes line by line.
    /// </summary>
    public static VersionComparison Of(Rubric before, Rubric after)
    {
        var fields = new List<FieldChange>
        {
            new("Rater notes", before.Notes, after.Notes),
            new("Title", before.Title, after.Title),
            new("Essay set", ItemBankCodes.Code(before.EssaySet), ItemBankCodes.Code(after.EssaySet)),
        };
        for (var i = 0; i < Math.Max(before.Criteria.Count, after.Criteria.Count); i++)
        {
            var a = i < before.Criteria.Count ? before.Criteria[i] : null;
            var b = i < after.Criteria.Count ? after.Criteria[i] : null;
            var name = $"Criterion {i + 1}";
            fields.Add(new($"{name} id", a?.Id ?? "", b?.Id ?? ""));
            fields.Add(new($"{name} title", a?.Title ?? "", b?.Title ?? ""));
            fields.Add(new($"{name} domains", string.Join(", ", a?.Domains ?? []), string.Join(", ", b?.Domains ?? [])));
            for (var p = 0; p < Math.Max(a?.Points.Count ?? 0, b?.Points.Count ?? 0); p++)
                fields.Add(new($"{name} point {p}", At(a?.Points, p), At(b?.Points, p)));
        }
        return new VersionComparison(fields, LineDiff.SideBySide(LineDiff.Compare(before.Notes, after.Notes)));
    }

    private static string At(IReadOnlyList<string>? list, int i) => list is not null && i < list.Count ? list[i] : "";

    private static ItemOption? Option(ItemContent c, string id) => c.Options.FirstOrDefault(o => o.Id == id);

    private static string Set(ItemContent c) => c.EssaySet is { } s ? ItemBankCodes.Code(s) : "";
}
