using System.Globalization;
using Exam.Core;
using Exam.Core.ItemBank;
using YamlDotNet.RepresentationModel;

namespace Exam.ItemBank.Files;

/// <summary>
/// Reads <c>rubrics/&lt;id&gt;.md</c>: front matter with the criteria and the version's review state (status, author,
/// reviewers, as an item file has them), and the rater notes as the body.
/// </summary>
public static class RubricFileParser
{
    private static readonly string[] Keys = ["id", "title", "essaySet", "status", "author", "reviewers", "criteria"];
    private static readonly string[] CriterionKeys = ["id", "title", "domains", "points"];

    public static ParsedRubric Parse(string path, string text, List<LintProblem> problems)
    {
        var fileName = Path.GetFileName(path);
        var before = problems.Count;
        var file = new YamlFile(path, lineOffset: 1, problems);
        file.Lines.Fallback = 2;
        ParsedRubric Failed(string? id = null) => new(path, fileName, id, file.Lines, true, null);

        if (!FrontMatter.TrySplit(text, out var yaml, out var bodyText, out _, out var error))
        {
            file.Problem(error.Line, error.Message);
            return Failed();
        }
        var root = file.LoadMapping(yaml, "the front matter");
        if (root is null) return Failed();

        var f = new Fields(file, root, "", "", Keys);
        var id = f.Id();
        var title = f.Scalar("title");
        var essaySet = f.Code<EssaySet>("essaySet", c => (ItemBankCodes.TryParse(c, out EssaySet v), v), ItemBankCodes.CodesOf<EssaySet>(), "essaySet");
        var status = f.Code<ItemStatus>("status", c => (ItemBankCodes.TryParse(c, out ItemStatus v), v), ItemBankCodes.CodesOf<ItemStatus>(), "status");
        var author = f.Scalar("author")?.Trim();
        var reviewers = f.ScalarList("reviewers", required: false) ?? [];
        if (author is { Length: 0 }) f.Problem("author", "author is empty; name who wrote this version");
        if (author is { Length: > FieldLimits.BankPerson }) f.Problem("author", $"author is longer than {FieldLimits.BankPerson} characters");
        foreach (var (reviewer, line) in reviewers.Where(r => r.Value.Trim().Length > FieldLimits.BankPerson))
            f.Problem(line, $"reviewer '{FieldLimits.Clip(reviewer.Trim(), 40)}' is longer than {FieldLimits.BankPerson} characters");
        var criteria = Criteria(f);

        if (problems.Count > before || id is null || title is null || essaySet is null || status is null || author is null || criteria is null)
            return Failed(id);
        var rubric = new Rubric
        {
            Id = id,
            Title = ItemText.Field(title),
            EssaySet = essaySet.Value,
            Criteria = criteria,
            Notes = ItemText.Body(bodyText),
        };
        return new ParsedRubric(path, fileName, id, file.Lines, false,
            new RubricDocument(rubric, status.Value, author, reviewers.Select(r => r.Value).ToList()));
    }

    private static List<RubricCriterion>? Criteria(Fields f)
    {
        var seq = f.Sequence("criteria");
        if (seq is null) return null;
        if (seq.Children.Count == 0)
        {
            f.Problem("criteria", "criteria is empty; a rubric has at least one criterion");
            return null;
        }
        var criteria = new List<RubricCriterion>();
        for (var i = 0; i < seq.Children.Count; i++)
        {
            if (seq.Children[i] is not YamlMappingNode map)
            {
                f.Problem(f.File.LineOf(seq.Children[i]), $"criterion {i + 1} must be a mapping with id, title, domains and points");
                return null;
            }
            var c = new Fields(f.File, map, $"criteria[{i}].", $"criterion {i + 1}", CriterionKeys);
            var cid = c.Scalar("id")?.Trim();
            var title = c.Scalar("title");
            var domains = ItemFileParser.Domains(c, "domains");
            var points = Points(c);
            if (!c.Ok || cid is null || title is null || domains is null || points is null) return null;
            if (!ItemText.IsValidId(cid))
            {
                f.Problem(c.LineOf("id"), $"criterion id '{cid}' must be lower-case letters, digits and '-'");
                return null;
            }
            if (criteria.Any(x => x.Id == cid))
            {
                f.Problem(c.LineOf("id"), $"criterion id '{cid}' is used twice in this rubric");
                return null;
            }
            criteria.Add(new RubricCriterion(cid, ItemText.Field(title), domains, points));
        }
        return criteria;
    }

    /// <summary>The descriptors keyed 0, 1, ... n in order, n at least 1, none empty.</summary>
    private static List<string>? Points(Fields c)
    {
        var map = c.Mapping("points");
        if (map is null) return null;
        var points = new List<string>();
        foreach (var (k, v) in map.Children)
        {
            var line = c.File.LineOf(k);
            var expected = points.Count;
            var keyText = (k as YamlScalarNode)?.Value;
            if (!int.TryParse(keyText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n != expected)
            {
                c.Problem(line, $"points are numbered 0, 1, 2... in order; expected {expected}, found '{keyText}'");
                return null;
            }
            if (v is not YamlScalarNode { Value: { } descriptor } || descriptor.Trim().Length == 0)
            {
                c.Problem(line, $"point {n} has no descriptor");
                return null;
            }
            points.Add(ItemText.Field(descriptor));
        }
        if (points.Count < 2)
        {
            c.Problem("points", "points need descriptors for at least 0 and 1");
            return null;
        }
        return points;
    }
}
