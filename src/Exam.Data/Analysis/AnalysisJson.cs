using System.Text.Json;
using System.Text.Json.Nodes;
using Exam.Core.Psychometrics;

namespace Exam.Data.Analysis;

/// <summary>
/// The analysis as one JSON object (what <c>exam analysis --json</c> prints). Statistics are rounded to three
/// decimals, the precision the analysis page shows, so the two can be compared figure by figure.
/// </summary>
public static class AnalysisJson
{
    public static double? Round(double? value) => value is { } v ? Math.Round(v, 3, MidpointRounding.AwayFromZero) : null;

    /// <summary>A statistic as the page shows it: three decimals, or "n/a" when it is undefined.</summary>
    public static string Show(double? value) =>
        Round(value) is { } v ? v.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "n/a";

    public static string Write(ScoredResponses data, AnalysisReport report)
    {
        var t = report.Test;
        var json = new JsonObject
        {
            ["form"] = data.FormId,
            ["sitting"] = data.SittingId,
            ["keyVersion"] = data.KeyVersion,
            ["n"] = t.N,
            ["scoredItems"] = t.Items,
            ["mean"] = Round(t.Mean),
            ["sd"] = Round(t.Sd),
            ["min"] = t.Min,
            ["max"] = t.Max,
            ["kr20"] = Round(t.Kr20),
            ["sem"] = Round(t.Sem),
            ["cutPercent"] = t.CutPercent,
            ["cutRaw"] = t.CutRaw,
            ["passRate"] = Round(t.PassRate),
            ["unstable"] = t.Unstable(report.Thresholds),
            ["lowReliability"] = t.LowReliability(report.Thresholds),
            ["droppedPositions"] = new JsonArray(report.DroppedPositions.Select(p => (JsonNode?)p).ToArray()),
            ["domains"] = new JsonArray(t.Domains.Select(d => (JsonNode?)new JsonObject
            {
                ["domain"] = d.Domain, ["items"] = d.Items, ["mean"] = Round(d.Mean),
            }).ToArray()),
        };
        json["items"] = new JsonArray(report.Items.Select(i => (JsonNode?)new JsonObject
        {
            ["position"] = i.Position,
            ["itemId"] = i.ItemId,
            ["version"] = i.Version,
            ["domain"] = i.Domain,
            ["n"] = i.N,
            ["p"] = Round(i.P),
            ["rpbCorrected"] = Round(i.RpbCorrected),
            ["rpb"] = Round(i.Rpb),
            ["upperLower"] = Round(i.UpperLower),
            ["omits"] = i.Omits,
            ["options"] = new JsonArray(i.Options.Select(o => (JsonNode?)new JsonObject
            {
                ["option"] = o.Option, ["keyed"] = o.Keyed, ["count"] = o.Count, ["proportion"] = Round(o.Proportion), ["rpb"] = Round(o.Rpb),
            }).ToArray()),
            ["flags"] = new JsonArray(i.Flags.Select(f => (JsonNode?)ItemFlags.Code(f)).ToArray()),
        }).ToArray());
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
