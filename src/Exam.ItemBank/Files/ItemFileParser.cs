using Exam.Core;
using Exam.Core.ItemBank;
using YamlDotNet.RepresentationModel;

namespace Exam.ItemBank.Files;

/// <summary>
/// Reads <c>items/&lt;id&gt;.md</c>: YAML front matter and a Markdown body. Checks what one file can check on its own
/// (keys, codes, domains, the shape of an MCQ or essay); the linter checks what needs the other files.
/// </summary>
public static class ItemFileParser
{
    internal static readonly string[] Keys =
        ["id", "type", "level", "designation", "domains", "essaySet", "rubric", "status", "author", "reviewers", "enemies", "references", "key", "options"];

    private static readonly string[] OptionKeys = ["id", "text", "rationale"];
    private static readonly string[] OptionIds = ["A", "B", "C", "D"];

    public static ParsedItem Parse(string path, string text, List<LintProblem> problems)
    {
        var fileName = Path.GetFileName(path);
        var before = problems.Count;
        var file = new YamlFile(path, lineOffset: 1, problems);
        file.Lines.Fallback = 2;
        ParsedItem Failed(string? id = null) => new(path, fileName, id, file.Lines, true, null);

        if (!FrontMatter.TrySplit(text, out var yaml, out var bodyText, out var bodyLine, out var error))
        {
            file.Problem(error.Line, error.Message);
            return Failed();
        }
        var root = file.LoadMapping(yaml, "the front matter");
        if (root is null) return Failed();

        var f = new Fields(file, root, "", "", Keys);
        var id = f.Id();
        var type = f.Code<ItemType>("type", c => (ItemBankCodes.TryParse(c, out ItemType v), v), ItemBankCodes.CodesOf<ItemType>(), "type");
        var level = f.Code<Level>("level", c => (ItemBankCodes.TryParse(c, out Level v), v), ItemBankCodes.CodesOf<Level>(), "level");
        var designation = f.Code<Designation>("designation", c => (ItemBankCodes.TryParse(c, out Designation v), v),
            ItemBankCodes.CodesOf<Designation>(), "designation");
        var domains = Domains(f, "domains");
        var status = f.Code<ItemStatus>("status", c => (ItemBankCodes.TryParse(c, out ItemStatus v), v), ItemBankCodes.CodesOf<ItemStatus>(), "status");
        var author = f.Scalar("author")?.Trim();
        var reviewers = f.ScalarList("reviewers", required: false) ?? [];
        // The bank stores a person's name in 200 characters (FieldLimits.BankPerson); a longer one is a typo, said here.
        if (author is { Length: > FieldLimits.BankPerson }) f.Problem("author", $"author is longer than {FieldLimits.BankPerson} characters");
        foreach (var (reviewer, line) in reviewers.Where(r => r.Value.Trim().Length > FieldLimits.BankPerson))
            f.Problem(line, $"reviewer '{FieldLimits.Clip(reviewer.Trim(), 40)}' is longer than {FieldLimits.BankPerson} characters");
        var enemies = Enemies(f, id);
        var references = f.ScalarList("references", required: false) ?? [];
        var body = ItemText.Body(bodyText);

        string? key = null;
        List<ItemOption> options = [];
        EssaySet? essaySet = null;
        string? rubric = null;
        if (type == ItemType.Mcq)
        {
            foreach (var k in new[] { "essaySet", "rubric" })
                if (f.Has(k)) f.Problem(k, $"an MCQ has no {k} (that is for essays)");
            (key, options) = McqParts(f);
            if (body.Length == 0) f.Problem(bodyLine, "the stem (the Markdown body after the front matter) is empty");
        }
        else if (type == ItemType.Essay)
        {
            foreach (var k in new[] { "key", "options" })
                if (f.Has(k)) f.Problem(k, $"an essay has no {k} (that is for MCQs)");
            if (!f.Has("essaySet"))
                f.Problem(f.Line, $"an essay needs an essaySet ({string.Join(" | ", ItemBankCodes.CodesOf<EssaySet>())})");
            else
                essaySet = f.Code<EssaySet>("essaySet", c => (ItemBankCodes.TryParse(c, out EssaySet v), v), ItemBankCodes.CodesOf<EssaySet>(), "essaySet");
            if (!f.Has("rubric")) f.Problem(f.Line, "an essay needs a rubric (a rubric id from rubrics/)");
            else rubric = f.Scalar("rubric")?.Trim();
            if (body.Length == 0) f.Problem(bodyLine, "the prompt (the Markdown body after the front matter) is empty");
        }

        if (problems.Count > before || id is null || type is null || level is null || designation is null || status is null
            || author is null || domains is null)
            return Failed(id);

        var content = new ItemContent
        {
            Id = id,
            Type = type.Value,
            Level = level.Value,
            Designation = designation.Value,
            Domains = domains,
            Author = author,
            References = references.Select(r => ItemText.Field(r.Value)).ToList(),
            Key = key,
            Options = options,
            EssaySet = essaySet,
            Rubric = rubric,
            Body = body,
        };
        return new ParsedItem(path, fileName, id, file.Lines, false,
            new ItemDocument(content, status.Value, reviewers.Select(r => r.Value).ToList()) { Enemies = enemies });
    }

    /// <summary>Item ids, none the item itself nor named twice (whether they exist, and name it back, is the linter's check).</summary>
    private static List<string> Enemies(Fields f, string? self)
    {
        var list = f.ScalarList("enemies", required: false) ?? [];
        var ids = new List<string>();
        foreach (var (value, line) in list)
        {
            var enemy = value.Trim();
            if (!ItemText.IsValidId(enemy)) f.Problem(line, $"enemy '{FieldLimits.Clip(enemy, 40)}' is not an item id: lower-case letters, digits and '-'");
            else if (enemy == self) f.Problem(line, "an item cannot be its own enemy");
            else if (ids.Contains(enemy)) f.Problem(line, $"enemy '{enemy}' is named twice");
            else ids.Add(enemy);
        }
        return ids;
    }

    /// <summary>A non-empty list of domain ids (whether the bank's blueprint knows them is the linter's check).</summary>
    internal static List<string>? Domains(Fields f, string key)
    {
        var list = f.ScalarList(key);
        if (list is null) return null;
        if (list.Count == 0)
        {
            f.Problem(key, $"{key} is empty; name at least one competency domain");
            return null;
        }
        foreach (var (value, line) in list)
        {
            if (!ItemText.IsValidId(value))
            {
                f.Problem(line, $"domain '{value}' is not a domain id: lower-case letters, digits and '-'");
                return null;
            }
        }
        return list.Select(d => d.Value).ToList();
    }

    private static (string? Key, List<ItemOption> Options) McqParts(Fields f)
    {
        var key = f.Has("key") ? f.Scalar("key")?.Trim() : null;
        if (!f.Has("key")) f.Problem(f.Line, "key is missing: an MCQ names its keyed option (A, B, C or D)");
        var seq = f.Sequence("options");
        if (seq is null) return (key, []);
        if (seq.Children.Count != 4)
        {
            f.Problem("options", $"an MCQ has exactly 4 options (A, B, C, D); found {seq.Children.Count}");
            return (key, []);
        }
        var options = new List<ItemOption>();
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var expected = OptionIds[i];
            var line = f.File.LineOf(seq.Children[i]);
            if (seq.Children[i] is not YamlMappingNode map)
            {
                f.Problem(line, $"option {expected} must be a mapping with id, text and rationale");
                return (key, []);
            }
            var o = new Fields(f.File, map, $"options[{i}].", $"option {expected}", OptionKeys);
            var oid = o.Scalar("id")?.Trim();
            if (!o.Ok) return (key, []);
            if (oid != expected)
            {
                f.Problem(o.LineOf("id"), $"option {i + 1} has id '{oid}'; the options are A, B, C, D in this order");
                return (key, []);
            }
            var optionText = o.Has("text") ? o.Scalar("text", required: false) : null;
            var rationale = o.Has("rationale") ? o.Scalar("rationale", required: false) : null;
            if (!o.Ok) return (key, []);
            if (string.IsNullOrWhiteSpace(optionText))
            {
                f.Problem(o.Has("text") ? o.LineOf("text") : o.Line, $"option {expected} has no text");
                return (key, []);
            }
            if (string.IsNullOrWhiteSpace(rationale))
            {
                f.Problem(o.Has("rationale") ? o.LineOf("rationale") : o.Line, $"option {expected} has no rationale");
                return (key, []);
            }
            options.Add(new ItemOption(expected, ItemText.Field(optionText), ItemText.Field(rationale)));
        }
        if (key is not null && !OptionIds.Contains(key, StringComparer.Ordinal))
            f.Problem("key", $"key '{key}' is not among the options A, B, C, D");
        return (key, options);
    }
}
