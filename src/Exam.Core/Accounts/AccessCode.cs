using System.Security.Cryptography;
using System.Text;

namespace Exam.Core.Accounts;

/// <summary>
/// One-time candidate access codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z),
/// shown as XXXX-XXXX and typed in any case, with or without the dash.
/// </summary>
public static class AccessCode
{
    public const string Alphabet = "346789ABCDEFGHJKMNPQRTUVWXY";
    public const int Length = 8;

    public static string Generate()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return Format(new string(chars));
    }

    public static string Format(string normalized) =>
        normalized.Length == Length ? $"{normalized[..4]}-{normalized[4..]}" : normalized;

    /// <summary>Upper-cases and drops spaces and dashes; null when what is left cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        var sb = new StringBuilder(Length);
        foreach (var c in typed)
        {
            if (c is '-' or ' ') continue;
            var u = char.ToUpperInvariant(c);
            if (!Alphabet.Contains(u, StringComparison.Ordinal)) return null;
            sb.Append(u);
        }
        return sb.Length == Length ? sb.ToString() : null;
    }
}
