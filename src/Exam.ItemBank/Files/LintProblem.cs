namespace Exam.ItemBank.Files;

/// <summary>
/// One problem in one file, printed <c>file:line: message</c>. A warning (printed <c>file:line: warning: message</c>)
/// blocks nothing unless lint runs <c>--strict</c>: it marks what should change but need not stop an import.
/// </summary>
public sealed record LintProblem(string File, int Line, string Message, bool Warning = false)
{
    public override string ToString() => $"{File}:{Line}: {(Warning ? "warning: " : "")}{Message}";
}

/// <summary>Where things are in a file: a key path (such as <c>options[1].text</c>) to its line.</summary>
public sealed class SourceLines
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public int this[string path] => _lines.TryGetValue(path, out var line) ? line : Fallback;

    /// <summary>The line used when a path was not seen (a missing key): the start of the front matter or file.</summary>
    public int Fallback { get; set; } = 1;

    public void Set(string path, int line) => _lines.TryAdd(path, line);

    public bool Has(string path) => _lines.ContainsKey(path);
}
