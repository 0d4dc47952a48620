using System.Text.Json;
using System.Text.RegularExpressions;

namespace Exam.Core.ItemBank;

/// <summary>One option of a multiple-choice item: its letter, text, and why it is (or is not) the key.</summary>
public sealed record ItemOption(string Id, string Text, string Rationale);

/// <summary>
/// Everything in an item file except <c>status</c> and <c>reviewers</c>: the part that makes a version. Two items
/// with the same content have the same <see cref="Version"/> whatever the layout of the file they came from.
/// </summary>
public sealed record ItemContent
{
    public required string Id { get; init; }
    public ItemType Type { get; init; }
    public Level Level { get; init; }
    public Designation Designation { get; init; }
    public IReadOnlyList<string> Domains { get; init; } = [];
    public string Author { get; init; } = "";
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>MCQ only: the id of the keyed option.</summary>
    public string? Key { get; init; }

    /// <summary>MCQ only: A, B, C, D in order.</summary>
    public IReadOnlyList<ItemOption> Options { get; init; } = [];

    /// <summary>Essay only.</summary>
    public EssaySet? EssaySet { get; init; }

    /// <summary>Essay only: the rubric id.</summary>
    public string? Rubric { get; init; }

    /// <summary>The stem (MCQ) or the prompt (essay), Markdown.</summary>
    public string Body { get; init; } = "";

    /// <summary>The blueprint domain an MCQ counts toward: its first domain.</summary>
    public string? PrimaryDomain => Domains.Count > 0 ? Domains[0] : null;

    /// <summary>The canonical serialization the version hash is taken over (also what the database stores).</summary>
    public string ToCanonicalJson()
    {
        var j = new CanonicalJson().BeginObject()
            .Property("id", Id)
            .Property("type", ItemBankCodes.Code(Type))
            .Property("level", ItemBankCodes.Code(Level))
            .Property("designation", ItemBankCodes.Code(Designation))
            .StringArray("domains", Domains)
            .Property("author", Author)
            .StringArray("references", References);
        if (Key is not null) j.Property("key", Key);
        if (Options.Count > 0)
        {
            j.Name("options").BeginArray();
            foreach (var o in Options)
                j.BeginObject().Property("id", o.Id).Property("text", o.Text).Property("rationale", o.Rationale).EndObject();
            j.EndArray();
        }
        if (EssaySet is { } set) j.Property("essaySet", ItemBankCodes.Code(set));
        if (Rubric is not null) j.Property("rubric", Rubric);
        return j.Property("body", Body).EndObject().ToString();
    }

    /// <summary>The version name: 12 lower-case hex digits of the SHA-256 of <see cref="ToCanonicalJson"/>.</summary>
    public string Version => CanonicalJson.VersionOf(ToCanonicalJson());

    public ItemPin Pin => new(Id, Version);

    /// <summary>Reads what <see cref="ToCanonicalJson"/> wrote.</summary>
    public static ItemContent FromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        return new ItemContent
        {
            Id = r.GetProperty("id").GetString()!,
            Type = ItemBankCodes.Parse<ItemType>(r.GetProperty("type").GetString()!),
            Level = ItemBankCodes.Parse<Level>(r.GetProperty("level").GetString()!),
            Designation = ItemBankCodes.Parse<Designation>(r.GetProperty("designation").GetString()!),
            Domains = Strings(r, "domains"),
            Author = r.GetProperty("author").GetString()!,
            References = Strings(r, "references"),
            Key = r.TryGetProperty("key", out var k) ? k.GetString() : null,
            Options = r.TryGetProperty("options", out var os)
                ? os.EnumerateArray().Select(o => new ItemOption(
                    o.GetProperty("id").GetString()!, o.GetProperty("text").GetString()!, o.GetProperty("rationale").GetString()!)).ToList()
                : [],
            EssaySet = r.TryGetProperty("essaySet", out var es) ? ItemBankCodes.Parse<EssaySet>(es.GetString()!) : null,
            Rubric = r.TryGetProperty("rubric", out var rb) ? rb.GetString() : null,
            Body = r.GetProperty("body").GetString()!,
        };
    }

    internal static List<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) ? a.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
}

/// <summary>An item file as a whole: its content and the review state of that content.</summary>
public sealed record ItemDocument(ItemContent Content, ItemStatus Status, IReadOnlyList<string> Reviewers)
{
    /// <summary>The items this one must never share a form with (see <see cref="EnemyPairs"/>): the item's, not the version's.</summary>
    public IReadOnlyList<string> Enemies { get; init; } = [];
}

/// <summary>A pinned version, written <c>id@hash</c> in forms.</summary>
public readonly partial record struct ItemPin(string Id, string Hash)
{
    public override string ToString() => $"{Id}@{Hash}";

    public static bool TryParse(string? text, out ItemPin pin)
    {
        var m = text is null ? Match.Empty : PinPattern().Match(text);
        pin = m.Success ? new ItemPin(m.Groups[1].Value, m.Groups[2].Value) : default;
        return m.Success;
    }

    public static ItemPin Parse(string text) =>
        TryParse(text, out var pin) ? pin : throw new FormatException($"'{text}' is not id@hash (12 lower-case hex digits).");

    [GeneratedRegex("^([a-z0-9][a-z0-9-]*)@([0-9a-f]{12})$")]
    private static partial Regex PinPattern();
}

/// <summary>The text rules every writer of item content follows, so equal content hashes equal.</summary>
public static class ItemText
{
    /// <summary>Ids of items, rubrics, criteria and forms: lower-case letters, digits and '-'.</summary>
    public static bool IsValidId(string id) => id.Length > 0 && id.Length <= FieldLimits.BankId
        && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && id[0] != '-';

    /// <summary>A field of text (option, rationale, descriptor): line ends as \n, no surrounding whitespace.</summary>
    public static string Field(string? text) => (text ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Trim();

    /// <summary>
    /// A Markdown body: line ends as \n, no trailing whitespace on any line, no blank lines at either end (the
    /// indentation of the first line is kept: it can mean a code block).
    /// </summary>
    public static string Body(string? text)
    {
        var lines = (text ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[0].Length == 0) lines.RemoveAt(0);
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return string.Join('\n', lines);
    }
}
