using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Exam.Web.Delivery;

/// <summary>
/// Part One's content sealed (AES-256-GCM over its gzip bytes), so that the browser can fetch it while the candidate
/// reads the rules and nobody can read it before beginning: the key is only on the Part One page, which exists once the
/// attempt (and its clock) has begun. A room that begins together then asks for the questions before the click, not
/// with it. The same idea as the encrypted test packages of delivery centres, whose key is released at the start.
/// The key and nonce are derived from the site's secret, the form and the content's version, so every node seals to
/// the same bytes (one cacheable resource), and one key ever seals one plaintext (the nonce may then be fixed).
/// </summary>
public sealed class PartOneSeal
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly byte[] _secret;
    private readonly ConditionalWeakTable<PartOneContent, Sealed> _sealed = new();

    /// <param name="siteSecret">The secret every node shares (Security:AccessCodeKey); a purpose of its own is derived from it.</param>
    public PartOneSeal(byte[] siteSecret) =>
        _secret = HMACSHA256.HashData(siteSecret, "Exam.Web.Delivery.PartOneSeal.v1"u8);

    /// <summary>The sealed resource: nonce, ciphertext and tag; where it lives; the key the Part One page gives.</summary>
    public sealed record Sealed(ReadOnlyMemory<byte> Bytes, string Url, string ETag, string Key);

    public Sealed For(PartOneContent content) => _sealed.GetValue(content, Seal);

    private Sealed Seal(PartOneContent content)
    {
        var key = Derive("key", content, 32);
        var nonce = Derive("nonce", content, NonceBytes);
        var plain = content.Encoded("gzip").Bytes.Span;
        var bytes = new byte[NonceBytes + plain.Length + TagBytes];
        nonce.CopyTo(bytes, 0);
        using (var aes = new AesGcm(key, TagBytes))
            aes.Encrypt(nonce, plain, bytes.AsSpan(NonceBytes, plain.Length), bytes.AsSpan(NonceBytes + plain.Length));
        return new Sealed(bytes, content.Url + "/sealed", $"\"{content.Version}.sealed\"", Convert.ToBase64String(key));
    }

    private byte[] Derive(string what, PartOneContent content, int length) =>
        HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes($"{what}|{content.Url}"))[..length];
}
