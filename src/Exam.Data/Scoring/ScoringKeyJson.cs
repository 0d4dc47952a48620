using System.Text.Json;
using Exam.Core.Scoring;

namespace Exam.Data.Scoring;

/// <summary>The stored form of a corrected scoring key (scoring_keys.items_json), read by scoring and by item analysis.</summary>
public static class ScoringKeyJson
{
    private sealed record KeyItemJson(string ItemId, string Domain, string[] Accepted, bool Dropped);

    public static string ToJson(ScoringKey key) =>
        JsonSerializer.Serialize(key.Items.Select(i => new KeyItemJson(i.ItemId, i.Domain, i.Accepted.Order(StringComparer.Ordinal).ToArray(), i.Dropped)));

    /// <summary>The stored key with its adopted cut (columns of its own beside the items).</summary>
    public static ScoringKey FromJson(StoredScoringKey stored) => new(stored.Version,
        JsonSerializer.Deserialize<KeyItemJson[]>(stored.ItemsJson)!
            .Select(i => new KeyedItem(i.ItemId, i.Domain, new HashSet<string>(i.Accepted, StringComparer.Ordinal), i.Dropped)).ToList())
    {
        Cut = stored is { CutRaw: { } raw, CutOutOf: { } outOf } ? new CutScore(raw, outOf) : null,
    };
}
