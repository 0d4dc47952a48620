using System.Text.Json;
using Exam.Core.Scoring;

namespace Exam.Data.Scoring;

/// <summary>The stored form of a corrected scoring key (scoring_keys.items_json), read by scoring and by item analysis.</summary>
public static class ScoringKeyJson
{
    private sealed record KeyItemJson(string ItemId, string Domain, string[] Accepted, bool Dropped);

    public static string ToJson(ScoringKey key) =>
        JsonSerializer.Serialize(key.Items.Select(i => new KeyItemJson(i.ItemId, i.Domain, i.Accepted.Order(StringComparer.Ordinal).ToArray(), i.Dropped)));

    public static ScoringKey FromJson(StoredScoringKey stored) => new(stored.Version,
        JsonSerializer.Deserialize<KeyItemJson[]>(stored.ItemsJson)!
            .Select(i => new KeyedItem(i.ItemId, i.Domain, new HashSet<string>(i.Accepted, StringComparer.Ordinal), i.Dropped)).ToList());
}
