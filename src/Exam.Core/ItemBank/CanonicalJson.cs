using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Exam.Core.ItemBank;

/// <summary>
/// A small JSON writer with one output for one value: properties in the order written, no whitespace, and only
/// <c>"</c>, <c>\</c> and control characters escaped (everything else literal UTF-8). Content hashes are taken over
/// this text, so it must never depend on a library's escaping defaults.
/// </summary>
public sealed class CanonicalJson
{
    private readonly StringBuilder _sb = new();
    private readonly Stack<bool> _first = new();

    public CanonicalJson BeginObject() => Open('{');
    public CanonicalJson EndObject() => Close('}');
    public CanonicalJson BeginArray() => Open('[');
    public CanonicalJson EndArray() => Close(']');

    public CanonicalJson Name(string name)
    {
        Separator();
        WriteString(name);
        _sb.Append(':');
        _first.Push(true); // the value that follows takes no comma
        _pendingValue = true;
        return this;
    }

    public CanonicalJson Text(string value)
    {
        ValueStart();
        WriteString(value);
        return this;
    }

    public CanonicalJson Number(long value)
    {
        ValueStart();
        _sb.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public CanonicalJson Boolean(bool value)
    {
        ValueStart();
        _sb.Append(value ? "true" : "false");
        return this;
    }

    public CanonicalJson Property(string name, string value) => Name(name).Text(value);
    public CanonicalJson Property(string name, bool value) => Name(name).Boolean(value);
    public CanonicalJson Property(string name, long value) => Name(name).Number(value);

    public CanonicalJson StringArray(string name, IEnumerable<string> values)
    {
        Name(name).BeginArray();
        foreach (var v in values) Text(v);
        return EndArray();
    }

    public override string ToString() => _sb.ToString();

    /// <summary>SHA-256 of the UTF-8 text, lower-case hex.</summary>
    public static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The version name: the first 12 hex digits of the SHA-256 of the canonical JSON.</summary>
    public static string VersionOf(string canonicalJson) => Sha256Hex(canonicalJson)[..12];

    private bool _pendingValue;

    private CanonicalJson Open(char c)
    {
        ValueStart();
        _sb.Append(c);
        _first.Push(true);
        return this;
    }

    private CanonicalJson Close(char c)
    {
        _first.Pop();
        _sb.Append(c);
        return this;
    }

    private void ValueStart()
    {
        if (_pendingValue)
        {
            _pendingValue = false;
            _first.Pop();
            return;
        }
        Separator();
    }

    private void Separator()
    {
        if (_first.Count == 0) return;
        if (_first.Peek())
        {
            _first.Pop();
            _first.Push(false);
        }
        else
        {
            _sb.Append(',');
        }
    }

    private void WriteString(string s)
    {
        _sb.Append('"');
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '"': _sb.Append("\\\""); break;
                case '\\': _sb.Append("\\\\"); break;
                case '\n': _sb.Append("\\n"); break;
                case '\r': _sb.Append("\\r"); break;
                case '\t': _sb.Append("\\t"); break;
                case < ' ': _sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: _sb.Append(ch); break;
            }
        }
        _sb.Append('"');
    }
}
