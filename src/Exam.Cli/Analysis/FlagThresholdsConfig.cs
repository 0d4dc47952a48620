using System.Globalization;
using System.Text.Json;
using Exam.Core.Psychometrics;

namespace Exam.Cli.Analysis;

/// <summary>
/// The flag thresholds as the web app configures them (<c>Analysis:Flags</c>), so the command and the committee's page
/// flag the same items: read from a JSON file in appsettings shape (<c>--config src/Exam.Web/appsettings.json</c> reads
/// the app's own), then from the environment variables that override it in the app (<c>Analysis__Flags__MinP</c>).
/// Keys are case-insensitive as in the app; unset thresholds keep their defaults. An unknown key or a value that is not
/// a number is a usage error rather than a silently different report.
/// </summary>
internal static class FlagThresholdsConfig
{
    private static readonly Dictionary<string, Func<FlagThresholds, double, FlagThresholds>> Setters = new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(FlagThresholds.MinP)] = (t, v) => t with { MinP = v },
        [nameof(FlagThresholds.MaxP)] = (t, v) => t with { MaxP = v },
        [nameof(FlagThresholds.MinRpbCorrected)] = (t, v) => t with { MinRpbCorrected = v },
        [nameof(FlagThresholds.MaxDistractorRpb)] = (t, v) => t with { MaxDistractorRpb = v },
        [nameof(FlagThresholds.MinKr20)] = (t, v) => t with { MinKr20 = v },
        [nameof(FlagThresholds.MinStableN)] = (t, v) => v == Math.Floor(v) && v is >= 0 and <= int.MaxValue
            ? t with { MinStableN = (int)v }
            : throw new CliUsageException("Analysis:Flags:MinStableN is a whole number of attempts"),
    };

    public static FlagThresholds Load(string? configPath, CliContext context)
    {
        var thresholds = FlagThresholds.Default;
        if (configPath is not null) thresholds = FromFile(Path.GetFullPath(configPath, context.CurrentDirectory), thresholds);
        foreach (var name in Setters.Keys)
            if (context.Environment($"Analysis__Flags__{name}") is { } value)
                thresholds = Set(thresholds, name, value, $"Analysis__Flags__{name}");
        return thresholds;
    }

    private static FlagThresholds FromFile(string path, FlagThresholds thresholds)
    {
        if (!File.Exists(path)) throw new CliUsageException($"no configuration file at {path}");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new CliUsageException($"{path} is not valid JSON: {e.Message}");
        }
        using (doc)
        {
            if (Child(doc.RootElement, "Analysis") is not { } analysis || Child(analysis, "Flags") is not { } flags) return thresholds;
            if (flags.ValueKind != JsonValueKind.Object) throw new CliUsageException($"{path}: Analysis:Flags is not an object");
            foreach (var p in flags.EnumerateObject())
            {
                var text = p.Value.ValueKind switch
                {
                    JsonValueKind.Number => p.Value.GetRawText(),
                    JsonValueKind.String => p.Value.GetString()!,
                    _ => throw new CliUsageException($"{path}: Analysis:Flags:{p.Name} is not a number"),
                };
                thresholds = Set(thresholds, p.Name, text, $"{path}: Analysis:Flags:{p.Name}");
            }
        }
        return thresholds;
    }

    private static FlagThresholds Set(FlagThresholds thresholds, string name, string text, string where)
    {
        if (!Setters.TryGetValue(name, out var set))
            throw new CliUsageException($"{where}: unknown threshold (known: {string.Join(", ", Setters.Keys)})");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new CliUsageException($"{where}: '{text}' is not a number");
        return set(thresholds, value);
    }

    // Configuration keys are case-insensitive in the app; so here.
    private static JsonElement? Child(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object) return null;
        foreach (var p in parent.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) return p.Value;
        return null;
    }
}
