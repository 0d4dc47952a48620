using System.Text.RegularExpressions;

namespace Exam.Core.ItemBank.Cues;

/// <summary>
/// The surface features a testwise candidate reads, defined as the committee's cue script (tools/cues.py) defines
/// them, so the report's figures and the script's agree: compound actions, absolute and hedging terms, content words.
/// </summary>
public static partial class CueTerms
{
    /// <summary>A two-part action: " and " as a word, lower case (a leading "And" starts a sentence, not a compound).</summary>
    public static bool IsCompound(string text) => Compound().IsMatch(text);

    /// <summary>Absolute terms (always, never, only, must, all, ...): testwise candidates strike options that carry them.</summary>
    public static bool HasAbsolute(string text) => Absolute().IsMatch(text);

    /// <summary>Hedging terms (may, often, usually, ...): testwise candidates favour options that carry them.</summary>
    public static bool HasHedge(string text) => Hedge().IsMatch(text);

    /// <summary>
    /// Content words: runs of a-z and apostrophes, lower-cased, longer than two letters, not a stop word nor a word every
    /// item in this field uses (infant, parent, specialist...), which would match every stem and tell nothing.
    /// </summary>
    public static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length > 2 && !StopWords.Contains(w));

    /// <summary>Length in characters (Unicode scalar values, as the script counts them).</summary>
    public static int Length(string text) => text.EnumerateRunes().Count();

    private static readonly HashSet<string> StopWords = new((
        "a an the of to and or in on for with as at by from that this these those is are be was were it its their they them his her " +
        "he she you your which who whom what when how why than then into about over after before during not no yes most more least " +
        "best first next following should would could will can do does did has have had being been infant infants mental health " +
        "specialist mentor parent parents caregiver caregivers child children family families baby babies mother father")
        .Split(' '), StringComparer.Ordinal);

    [GeneratedRegex(@"\band\b")]
    private static partial Regex Compound();

    [GeneratedRegex(@"\b(always|never|only|must|all|every|none|no one|nothing|entirely|completely|solely)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Absolute();

    [GeneratedRegex(@"\b(may|might|often|usually|generally|some|sometimes|can|likely|typically)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Hedge();

    [GeneratedRegex("[a-z']+")]
    private static partial Regex WordPattern();
}
