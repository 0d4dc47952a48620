using System.Globalization;
using System.Text;
using Exam.Core.ItemBank;

namespace Exam.ItemBank.Files;

/// <summary>
/// Writes items, rubrics and forms in exactly one layout, so parse → write reproduces a canonical file byte for byte
/// and export → import is a no-op. Keys in a fixed order; plain scalars unless they need double quotes; option text,
/// rationale and rubric descriptors as a <c>&gt;-</c> block with the whole text on one line (<c>|-</c> when it has line
/// breaks); domains, reviewers and enemies as flow lists; references as a block list of double-quoted strings; then
/// <c>---</c>, the Markdown body, and one newline.
/// </summary>
public static class ItemBankWriter
{
    public static string WriteItem(ItemDocument doc)
    {
        var c = doc.Content;
        var w = new StringBuilder("---\n");
        Line(w, 0, "id", Scalar(c.Id));
        Line(w, 0, "type", ItemBankCodes.Code(c.Type));
        Line(w, 0, "level", ItemBankCodes.Code(c.Level));
        Line(w, 0, "designation", ItemBankCodes.Code(c.Designation));
        Line(w, 0, "domains", FlowList(c.Domains));
        if (c.EssaySet is { } set) Line(w, 0, "essaySet", ItemBankCodes.Code(set));
        if (c.Rubric is not null) Line(w, 0, "rubric", Scalar(c.Rubric));
        Line(w, 0, "status", ItemBankCodes.Code(doc.Status));
        Line(w, 0, "author", Scalar(c.Author));
        if (doc.Reviewers.Count > 0) Line(w, 0, "reviewers", FlowList(doc.Reviewers));
        if (doc.Enemies.Count > 0) Line(w, 0, "enemies", FlowList(doc.Enemies));
        if (c.References.Count > 0)
        {
            w.Append("references:\n");
            foreach (var r in c.References) w.Append("  - ").Append(DoubleQuoted(r)).Append('\n');
        }
        if (c.Key is not null) Line(w, 0, "key", Scalar(c.Key));
        if (c.Options.Count > 0)
        {
            w.Append("options:\n");
            foreach (var o in c.Options)
            {
                w.Append("  - id: ").Append(Scalar(o.Id)).Append('\n');
                Block(w, 4, "text", o.Text);
                Block(w, 4, "rationale", o.Rationale);
            }
        }
        return Body(w, c.Body);
    }

    public static string WriteRubric(RubricDocument doc)
    {
        var r = doc.Rubric;
        var w = new StringBuilder("---\n");
        Line(w, 0, "id", Scalar(r.Id));
        Line(w, 0, "title", Scalar(r.Title));
        Line(w, 0, "essaySet", ItemBankCodes.Code(r.EssaySet));
        Line(w, 0, "status", ItemBankCodes.Code(doc.Status));
        Line(w, 0, "author", Scalar(doc.Author));
        if (doc.Reviewers.Count > 0) Line(w, 0, "reviewers", FlowList(doc.Reviewers));
        w.Append("criteria:\n");
        foreach (var c in r.Criteria)
        {
            w.Append("  - id: ").Append(Scalar(c.Id)).Append('\n');
            Line(w, 4, "title", Scalar(c.Title));
            Line(w, 4, "domains", FlowList(c.Domains));
            w.Append("    points:\n");
            for (var p = 0; p < c.Points.Count; p++) Block(w, 6, p.ToString(CultureInfo.InvariantCulture), c.Points[p]);
        }
        return Body(w, r.Notes);
    }

    public static string WriteForm(FormDefinition f)
    {
        var w = new StringBuilder();
        Line(w, 0, "id", Scalar(f.Id));
        Line(w, 0, "title", Scalar(f.Title));
        Line(w, 0, "status", ItemBankCodes.Code(f.Status));
        if (f.Seed is { } seed) Line(w, 0, "seed", Number(seed));
        w.Append("partOne:\n");
        Line(w, 2, "minutes", Number(f.PartOne.Minutes));
        Line(w, 2, "cutPercent", Number(f.PartOne.CutPercent));
        if (f.PartOne.Blueprint.Counts.Count == 0) Line(w, 2, "blueprint", "{}");
        else
        {
            w.Append("  blueprint:\n");
            foreach (var (domain, count) in f.PartOne.Blueprint.Counts) Line(w, 4, domain, Number(count));
        }
        BlockList(w, 2, "items", f.PartOne.Items.Select(p => p.ToString()));
        w.Append("partTwo:\n");
        Line(w, 2, "minutes", Number(f.PartTwo.Minutes));
        Line(w, 2, "cutPercent", Number(f.PartTwo.CutPercent));
        Line(w, 2, "tolerance", Number(f.PartTwo.Tolerance));
        Line(w, 2, "resolution", ItemBankCodes.Code(f.PartTwo.Resolution));
        Line(w, 2, "combine", ItemBankCodes.Code(f.PartTwo.Combine));
        if (f.PartTwo.AdjudicatorSeesReads) Line(w, 2, "adjudicatorSeesReads", "true");
        BlockList(w, 2, "rubrics", f.PartTwo.Rubrics.Select(p => p.ToString()));
        if (f.PartTwo.Tracks.Count == 0) Line(w, 2, "tracks", "{}");
        else
        {
            w.Append("  tracks:\n");
            foreach (var t in f.PartTwo.Tracks)
            {
                w.Append("    ").Append(t.Track).Append(":\n");
                Line(w, 6, "choose", Number(t.Choose));
                if (t.Require.Count > 0)
                {
                    w.Append("      require:\n");
                    foreach (var (set, n) in t.Require.OrderBy(r => r.Key)) Line(w, 8, ItemBankCodes.Code(set), Number(n));
                }
                BlockList(w, 6, "items", t.Items.Select(p => p.ToString()));
            }
        }
        Line(w, 0, "retakeWaitDays", Number(f.RetakeWaitDays));
        return w.ToString();
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder w, int indent, string key, string value) =>
        w.Append(' ', indent).Append(key).Append(": ").Append(value).Append('\n');

    private static void BlockList(StringBuilder w, int indent, string key, IEnumerable<string> values)
    {
        var list = values.ToList();
        if (list.Count == 0)
        {
            Line(w, indent, key, "[]");
            return;
        }
        w.Append(' ', indent).Append(key).Append(":\n");
        foreach (var v in list) w.Append(' ', indent + 2).Append("- ").Append(Scalar(v)).Append('\n');
    }

    private static string Body(StringBuilder w, string body)
    {
        w.Append("---\n");
        if (body.Length > 0) w.Append(body).Append('\n');
        return w.ToString();
    }

    /// <summary>A text field: <c>&gt;-</c> with the text on one line, <c>|-</c> when it has line breaks.</summary>
    private static void Block(StringBuilder w, int indent, string key, string text)
    {
        if (text.Length == 0 || NeedsEscapes(text) || text != text.Trim())
        {
            Line(w, indent, key, DoubleQuoted(text));
            return;
        }
        var contentIndent = indent + 2;
        if (!text.Contains('\n'))
        {
            w.Append(' ', indent).Append(key).Append(": >-\n").Append(' ', contentIndent).Append(text).Append('\n');
            return;
        }
        w.Append(' ', indent).Append(key).Append(": |-\n");
        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0) w.Append(' ', contentIndent).Append(line);
            w.Append('\n');
        }
    }

    private static string FlowList(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(v => Scalar(v, flow: true))) + "]";

    /// <summary>The value plain when YAML reads it back as the same string (and no other tool would read it as a number, boolean or null); double-quoted otherwise.</summary>
    public static string Scalar(string value, bool flow = false) => NeedsQuotes(value, flow) ? DoubleQuoted(value) : value;

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n",
    };

    private static bool NeedsQuotes(string s, bool flow)
    {
        if (s.Length == 0 || s != s.Trim() || NeedsEscapes(s) || s.Contains('\n') || s.Contains('\t')) return true;
        if ("-?:,[]{}#&*!|>'\"%@`".Contains(s[0]) || char.IsDigit(s[0]) || s[0] == '.' || s[0] == '+') return true;
        if (s.Contains(": ", StringComparison.Ordinal) || s.Contains(" #", StringComparison.Ordinal) || s.EndsWith(':')) return true;
        if (flow && s.IndexOfAny([',', '[', ']', '{', '}']) >= 0) return true;
        return Reserved.Contains(s);
    }

    private static bool NeedsEscapes(string s) =>
        s.Any(ch => (ch < ' ' && ch != '\n' && ch != '\t') || ch == '\u007f' || ch == '\u0085' || ch == '\u2028' || ch == '\u2029' || ch == '\ufeff');

    public static string DoubleQuoted(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                case '\u0085': sb.Append("\\N"); break;
                case '\u2028': sb.Append("\\L"); break;
                case '\u2029': sb.Append("\\P"); break;
                case '\ufeff': sb.Append("\\uFEFF"); break;
                case < ' ' or '\u007f': sb.Append("\\x").Append(((int)ch).ToString("X2", CultureInfo.InvariantCulture)); break;
                default: sb.Append(ch); break;
            }
        }
        return sb.Append('"').ToString();
    }
}
