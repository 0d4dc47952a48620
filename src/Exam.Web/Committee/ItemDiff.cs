using Exam.Core.ItemBank;

namespace Exam.Web.Committee;

/// <summary>One field of two versions, as text.</summary>
public sealed record FieldChange(string Name, string Before, string After)
{
    public bool Changed => !string.Equals(Before, After, StringComparison.Ordinal);
}

/// <summary>Two versions of an item compared field by field, and the body line by line.</summary>
public sealed record ItemComparison(IReadOnlyList<FieldChange> Fields, IReadOnlyList<DiffRow> BodyRows)
{
    public int ChangedCount => Fields.Count(f => f.Changed);

    public static ItemComparison Of(ItemContent before, ItemContent after)
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
        return new ItemComparison(fields, LineDiff.SideBySide(LineDiff.Compare(before.Body, after.Body)));
    }

    private static ItemOption? Option(ItemContent c, string id) => c.Options.FirstOrDefault(o => o.Id == id);

    private static string Set(ItemContent c) => c.EssaySet is { } s ? ItemBankCodes.Code(s) : "";
}
