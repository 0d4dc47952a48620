namespace Exam.Core.ItemBank;

/// <summary>How much of a form's Part One an earlier form shares: items (by id, any version) and the percent of this form's Part One.</summary>
public sealed record FormOverlap(string FormId, string Title, FormStatus Status, int Shared, int Of)
{
    public int Percent => Of == 0 ? 0 : (int)Math.Round(100.0 * Shared / Of, MidpointRounding.AwayFromZero);
}

/// <summary>
/// Item exposure across forms. An item counts as used by a form that candidates may have seen (published or retired;
/// a draft exposes nothing), whatever the version: a reworded item is still the same question to a returning candidate.
/// </summary>
public static class FormExposure
{
    /// <summary>Item id to the number of published or retired forms, other than <paramref name="exceptFormId"/>, with it in Part One.</summary>
    public static IReadOnlyDictionary<string, int> Uses(IEnumerable<FormDefinition> forms, string? exceptFormId = null) =>
        forms.Where(f => f.Status != FormStatus.Draft && f.Id != exceptFormId)
            .SelectMany(f => f.PartOne.Items.Select(p => p.Id).Distinct(StringComparer.Ordinal))
            .GroupBy(id => id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    public static FormOverlap Overlap(FormDefinition form, FormDefinition earlier)
    {
        var mine = form.PartOne.Items.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var shared = earlier.PartOne.Items.Select(p => p.Id).Distinct(StringComparer.Ordinal).Count(mine.Contains);
        return new FormOverlap(earlier.Id, earlier.Title, earlier.Status, shared, mine.Count);
    }
}
