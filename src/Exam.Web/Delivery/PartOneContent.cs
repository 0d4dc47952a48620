using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace Exam.Web.Delivery;

/// <summary>
/// Part One's content as one immutable resource per form: each question's stem (sanitized HTML) and its options'
/// texts in the item's own order. It holds no key, no rationale and no option letter, and is the same for every
/// candidate on the form, so it is built once, named by a hash of its bytes (a new build is a new URL) and cached by
/// the browser; the candidate's page carries only the option order and the saved answers (README, "Resilience and load").
/// </summary>
public sealed class PartOneContent
{
    private static readonly ConditionalWeakTable<FormContent, PartOneContent> Built = new();

    private PartOneContent(FormContent form)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128 * 1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("form", form.FormId);
            json.WriteStartArray("questions");
            foreach (var q in form.PartOne)
            {
                json.WriteStartObject();
                json.WriteNumber("position", q.Position);
                json.WriteString("stem", q.StemHtml);
                json.WriteStartArray("options");
                foreach (var o in q.Options) json.WriteStringValue(o.Text);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        Bytes = buffer.WrittenMemory;
        Version = Convert.ToHexStringLower(SHA256.HashData(Bytes.Span))[..20];
        ETag = $"\"{Version}\"";
        Url = $"{PathPrefix}/{Uri.EscapeDataString(form.FormId)}/{Version}";
        _brotli = new(() => Compress(Bytes, s => new BrotliStream(s, CompressionLevel.SmallestSize)));
        _gzip = new(() => Compress(Bytes, s => new GZipStream(s, CompressionLevel.SmallestSize)));
    }

    private readonly Lazy<ReadOnlyMemory<byte>> _brotli;
    private readonly Lazy<ReadOnlyMemory<byte>> _gzip;

    /// <summary>
    /// The bytes in the encoding the browser accepts, compressed once per form: a room starting together fetches a
    /// quarter of the bytes (13 KB instead of 48 KB for the demo form's 60 questions), and no core compresses it twice. Each
    /// encoding has its own strong ETag, as a validator must differ between encodings of one resource.
    /// </summary>
    public (ReadOnlyMemory<byte> Bytes, string? Encoding, string ETag) Encoded(string? encoding) => encoding switch
    {
        "br" => (_brotli.Value, "br", $"\"{Version}.br\""),
        "gzip" => (_gzip.Value, "gzip", $"\"{Version}.gz\""),
        _ => (Bytes, null, ETag),
    };

    private static ReadOnlyMemory<byte> Compress(ReadOnlyMemory<byte> bytes, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var stream = compressor(output)) stream.Write(bytes.Span);
        return output.ToArray();
    }

    /// <summary>Where the resources live: /Candidate/Exam/PartOne/Content/{form}/{version}.</summary>
    public const string PathPrefix = "/Candidate/Exam/PartOne/Content";

    public static PartOneContent For(FormContent form) => Built.GetValue(form, f => new PartOneContent(f));

    /// <summary>The JSON, UTF-8.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>A hash of the bytes: the URL's last segment and the strong ETag.</summary>
    public string Version { get; }
    public string ETag { get; }
    public string Url { get; }

    /// <summary>
    /// This candidate's view of the content: per question, the item's option indexes in the order shown (slot 1
    /// first), the slot chosen (0 when none) and the flag. The order is the attempt's (seeded), as a save maps it back.
    /// </summary>
    public static string[] Orders(FormContent form, long seed) =>
        form.PartOne.Select(q =>
        {
            var order = ExamService.SlotOrder(seed, q.Position);
            return string.Concat(order.Select(letter => IndexOf(q.Options, letter).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }).ToArray();

    private static int IndexOf(IReadOnlyList<DeliveredOption> options, string id)
    {
        for (var o = 0; o < options.Count; o++)
            if (options[o].Id == id) return o;
        throw new InvalidOperationException($"Option {id} is not one of the question's options.");
    }
}
