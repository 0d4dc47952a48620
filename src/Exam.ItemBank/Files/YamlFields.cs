using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Exam.ItemBank.Files;

/// <summary>
/// The YAML text of a file, loaded with the representation model so every node keeps its line. Parsing reports
/// through here: each problem once, with the file's own line number.
/// </summary>
internal sealed class YamlFile(string path, int lineOffset, List<LintProblem> problems)
{
    public string Path { get; } = path;
    public SourceLines Lines { get; } = new();
    public List<LintProblem> Problems { get; } = problems;

    public int LineOf(YamlNode node) => (int)node.Start.Line + lineOffset;

    public void Problem(int line, string message) => Problems.Add(new LintProblem(Path, line, message));

    /// <summary>Loads one YAML document whose root must be a mapping; null (with the problem reported) otherwise.</summary>
    public YamlMappingNode? LoadMapping(string yaml, string what)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                Problem(lineOffset + 1, $"{what} must be a YAML mapping of keys to values");
                return null;
            }
            if (stream.Documents.Count > 1)
            {
                Problem(LineOf(stream.Documents[1].RootNode), $"{what} must be one YAML document");
                return null;
            }
            return root;
        }
        catch (YamlException e)
        {
            var message = (e.InnerException?.Message ?? e.Message).Trim();
            var at = message.IndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith('(') && at > 0) message = message[(at + 3)..];
            Problem((int)e.Start.Line + lineOffset, $"malformed YAML: {message}");
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // The scanner fails without a position on some broken input (an unclosed flow list): report where the
            // last well-formed piece ended.
            Problem(LastGoodLine(yaml) + lineOffset, $"malformed YAML: {e.Message}");
            return null;
        }
    }

    private static int LastGoodLine(string yaml)
    {
        var line = 1;
        try
        {
            var parser = new Parser(new StringReader(yaml));
            while (parser.MoveNext()) line = (int)(parser.Current?.End.Line ?? line);
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException)
        {
            // expected: this is the broken input
        }
        return line;
    }
}

/// <summary>Reads the keys of one mapping: required or optional, with the node kind each must have.</summary>
internal sealed class Fields
{
    private readonly YamlFile _file;
    private readonly YamlMappingNode _node;
    private readonly string _prefix;
    private readonly string _context;
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);

    public Fields(YamlFile file, YamlMappingNode node, string prefix, string context, IReadOnlyCollection<string> known)
    {
        _file = file;
        _node = node;
        _prefix = prefix;
        _context = context;
        Line = file.LineOf(node);
        foreach (var (k, v) in node.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(name))
            {
                Ok = false;
                file.Problem(file.LineOf(k), $"unknown key '{name}'{InContext}; expected one of: {string.Join(", ", known)}");
                continue;
            }
            _entries[name] = (k, v);
            file.Lines.Set(prefix + name, file.LineOf(k));
        }
    }

    /// <summary>False once any problem was reported through this reader.</summary>
    public bool Ok { get; private set; } = true;

    public int Line { get; }

    public YamlFile File => _file;

    private string InContext => _context.Length == 0 ? "" : $" in {_context}";

    public bool Has(string key) => _entries.ContainsKey(key);

    public int LineOf(string key) => _entries.TryGetValue(key, out var e) ? _file.LineOf(e.Key) : Line;

    public void Problem(string key, string message)
    {
        Ok = false;
        _file.Problem(LineOf(key), message);
    }

    public void Problem(int line, string message)
    {
        Ok = false;
        _file.Problem(line, message);
    }

    private bool Missing(string key, bool required)
    {
        if (_entries.ContainsKey(key)) return false;
        if (required) Problem(Line, $"{key} is missing{InContext}");
        return true;
    }

    /// <summary>The file's <c>id</c>: lower-case letters, digits and '-'; null (with a problem) when missing or malformed.</summary>
    public string? Id()
    {
        var id = Scalar("id")?.Trim();
        if (id is null || Exam.Core.ItemBank.ItemText.IsValidId(id)) return id;
        Problem("id", $"id '{id}' must be lower-case letters, digits and '-'");
        return null;
    }

    /// <summary>A scalar value (trimmed); null when missing, not a scalar, or (when required) empty.</summary>
    public string? Scalar(string key, bool required = true)
    {
        if (Missing(key, required)) return null;
        var (_, value) = _entries[key];
        if (value is not YamlScalarNode scalar)
        {
            Problem(key, $"{key} must be a single value{InContext}");
            return null;
        }
        var text = scalar.Value ?? "";
        if (required && text.Trim().Length == 0)
        {
            Problem(key, $"{key} is empty{InContext}");
            return null;
        }
        return text;
    }

    /// <summary>A scalar read as one of the codes of an enum.</summary>
    public T? Code<T>(string key, Func<string, (bool Ok, T Value)> parse, IReadOnlyList<string> codes, string what, bool required = true)
        where T : struct
    {
        var text = Scalar(key, required);
        if (text is null) return null;
        var (ok, value) = parse(text.Trim());
        if (ok) return value;
        Problem(key, $"unknown {what} '{text}'{InContext}; expected {string.Join(" | ", codes)}");
        return null;
    }

    public int? Int(string key, bool required, int min, int max)
    {
        var text = Scalar(key, required);
        if (text is null) return null;
        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            Problem(key, $"{key} must be a whole number from {min} to {max}{InContext}; found '{text}'");
            return null;
        }
        return n;
    }

    public bool? Bool(string key, bool required)
    {
        var text = Scalar(key, required);
        if (text is null) return null;
        switch (text.Trim())
        {
            case "true": return true;
            case "false": return false;
            default:
                Problem(key, $"{key} must be true or false{InContext}; found '{text}'");
                return null;
        }
    }

    public YamlSequenceNode? Sequence(string key, bool required = true)
    {
        if (Missing(key, required)) return null;
        var (_, value) = _entries[key];
        if (value is YamlSequenceNode seq) return seq;
        Problem(key, $"{key} must be a list{InContext}");
        return null;
    }

    public YamlMappingNode? Mapping(string key, bool required = true)
    {
        if (Missing(key, required)) return null;
        var (_, value) = _entries[key];
        if (value is YamlMappingNode map) return map;
        Problem(key, $"{key} must be a mapping of keys to values{InContext}");
        return null;
    }

    /// <summary>A list of scalar values, each with its line; null when missing or malformed.</summary>
    public List<(string Value, int Line)>? ScalarList(string key, bool required = true)
    {
        var seq = Sequence(key, required);
        if (seq is null) return null;
        var list = new List<(string, int)>();
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var child = seq.Children[i];
            var line = _file.LineOf(child);
            _file.Lines.Set($"{_prefix}{key}[{i}]", line);
            if (child is not YamlScalarNode { Value: { } v } || v.Trim().Length == 0)
            {
                Problem(line, $"{key} must be a list of single non-empty values{InContext}");
                return null;
            }
            list.Add((v.Trim(), line));
        }
        return list;
    }
}
