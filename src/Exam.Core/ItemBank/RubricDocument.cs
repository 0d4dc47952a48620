namespace Exam.Core.ItemBank;

/// <summary>
/// A rubric file as a whole: its content and the review state of that version, as <see cref="ItemDocument"/> is for an
/// item. The author is the version's, outside the content hash: published forms pinned rubric hashes before rubrics
/// were reviewed, and those pins must keep meaning the same content.
/// </summary>
public sealed record RubricDocument(Rubric Rubric, ItemStatus Status, string Author, IReadOnlyList<string> Reviewers);

/// <summary>What a rubric must be to score essays: the rules the web editor applies and the file parser mirrors.</summary>
public static class RubricRules
{
    public const int MaxCriteria = 12;
    public const int MaxPoints = 10;
    public const int TitleLimit = 400;
    public const int DescriptorLimit = 4000;
    public const int NotesLimit = 100_000;

    /// <summary>The problems of a rubric in words, each with the field it belongs to; empty when it can score essays.</summary>
    public static IReadOnlyList<(string Field, string Message)> Problems(Rubric rubric, Func<string, bool> isKnownDomain)
    {
        var problems = new List<(string, string)>();
        if (!ItemText.IsValidId(rubric.Id)) problems.Add(("Id", "A rubric id is lower-case letters, digits and '-', at most 100 characters."));
        if (rubric.Title.Length == 0) problems.Add(("Title", "Give the rubric a title."));
        else if (rubric.Title.Length > TitleLimit) problems.Add(("Title", $"A title has at most {TitleLimit} characters."));
        if (rubric.Notes.Length > NotesLimit) problems.Add(("Notes", $"Notes for raters have at most {NotesLimit} characters."));
        if (rubric.Criteria.Count == 0) problems.Add(("Criteria", "A rubric has at least one criterion."));
        if (rubric.Criteria.Count > MaxCriteria) problems.Add(("Criteria", $"A rubric has at most {MaxCriteria} criteria."));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rubric.Criteria.Count; i++)
        {
            var c = rubric.Criteria[i];
            var field = $"Criteria[{i}]";
            var name = $"Criterion {i + 1}";
            if (!ItemText.IsValidId(c.Id)) problems.Add(($"{field}.Id", $"{name}: its id is lower-case letters, digits and '-'."));
            else if (!ids.Add(c.Id)) problems.Add(($"{field}.Id", $"{name}: the id '{c.Id}' is used twice in this rubric."));
            if (c.Title.Length == 0) problems.Add(($"{field}.Title", $"{name}: give it a title."));
            else if (c.Title.Length > TitleLimit) problems.Add(($"{field}.Title", $"{name}: a title has at most {TitleLimit} characters."));
            if (c.Domains.Count == 0) problems.Add(($"{field}.Domains", $"{name}: name at least one domain it assesses."));
            foreach (var d in c.Domains.Where(d => !isKnownDomain(d)))
                problems.Add(($"{field}.Domains", $"{name}: '{FieldLimits.Clip(d, 40)}' is not a domain of the bank's blueprint."));
            if (c.Points.Count < 2) problems.Add(($"{field}.Points", $"{name}: score points need descriptors for at least 0 and 1."));
            if (c.Points.Count > MaxPoints + 1) problems.Add(($"{field}.Points", $"{name}: at most {MaxPoints + 1} score points (0 to {MaxPoints})."));
            for (var p = 0; p < c.Points.Count; p++)
            {
                if (c.Points[p].Length == 0) problems.Add(($"{field}.Points", $"{name}: point {p} has no descriptor."));
                else if (c.Points[p].Length > DescriptorLimit)
                    problems.Add(($"{field}.Points", $"{name}: the descriptor of point {p} has more than {DescriptorLimit} characters."));
            }
        }
        return problems;
    }
}
