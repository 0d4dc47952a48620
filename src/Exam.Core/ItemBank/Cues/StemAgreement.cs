namespace Exam.Core.ItemBank.Cues;

/// <summary>
/// Grammatical agreement of the options with a stem that ends in "a" or "an" (a completion stem): an option that does
/// not fit the article is struck unread, or a lone fitting one is picked. The sound is judged by the first letter, with
/// the usual exceptions (an hour, an honest; a one-time, a unit, a European).
/// </summary>
public static class StemAgreement
{
    private static readonly string[] VowelSoundsDespiteConsonant = ["hour", "honest", "honor", "honour", "heir"];
    private static readonly string[] ConsonantSoundsDespiteVowel = ["one", "once", "uni", "use", "usu", "uti", "eu", "ewe", "ubi", "ura"];

    /// <summary>"a" or "an" when the stem ends with that word (before any trailing blank, dash or colon), else null.</summary>
    public static string? ClosingArticle(string stem)
    {
        var words = stem.TrimEnd().TrimEnd('_', '.', ':', '-', '\u2026', ' ').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var last = words.Length == 0 ? "" : words[^1].ToLowerInvariant();
        return last is "a" or "an" ? last : null;
    }

    /// <summary>The ids of the options that do not fit the stem's closing article, in option order.</summary>
    public static IReadOnlyList<string> Disagreeing(string stem, IReadOnlyList<ItemOption> options)
    {
        if (ClosingArticle(stem) is not { } article) return [];
        return options.Where(o => StartsWithVowelSound(o.Text) != (article == "an")).Select(o => o.Id).ToList();
    }

    public static bool StartsWithVowelSound(string text)
    {
        var word = new string(text.TrimStart().TakeWhile(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
        if (word.Length == 0) return false;
        if (VowelSoundsDespiteConsonant.Any(w => word.StartsWith(w, StringComparison.Ordinal))) return true;
        if (ConsonantSoundsDespiteVowel.Any(w => word.StartsWith(w, StringComparison.Ordinal))) return false;
        return "aeiou".Contains(word[0]) || word == "8" || word.StartsWith("18", StringComparison.Ordinal) || word.StartsWith("11", StringComparison.Ordinal);
    }
}
