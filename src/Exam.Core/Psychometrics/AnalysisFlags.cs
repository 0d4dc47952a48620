namespace Exam.Core.Psychometrics;

/// <summary>
/// Where an item or a test is flagged for the committee's review. Defaults follow common certification practice
/// (Prometric): p outside 0.30-0.89, corrected point-biserial below 0.20, KR-20 below 0.80; a distractor nobody
/// chose, or one whose choosers score above the rest (point-biserial above zero: a possible second key).
/// </summary>
public sealed record FlagThresholds
{
    public double MinP { get; init; } = 0.30;
    public double MaxP { get; init; } = 0.89;
    public double MinRpbCorrected { get; init; } = 0.20;
    public double MaxDistractorRpb { get; init; }
    public double MinKr20 { get; init; } = 0.80;

    /// <summary>Below this many attempts the statistics are too unstable to act on alone.</summary>
    public int MinStableN { get; init; } = 30;

    public static FlagThresholds Default { get; } = new();
}

public enum ItemFlag
{
    TooHard,
    TooEasy,
    LowDiscrimination,
    UnusedDistractor,
    DistractorPositiveRpb,
}

public static class ItemFlags
{
    /// <summary>The flag's name in URLs and JSON.</summary>
    public static string Code(ItemFlag flag) => flag switch
    {
        ItemFlag.TooHard => "too-hard",
        ItemFlag.TooEasy => "too-easy",
        ItemFlag.LowDiscrimination => "low-discrimination",
        ItemFlag.UnusedDistractor => "unused-distractor",
        ItemFlag.DistractorPositiveRpb => "distractor-positive-rpb",
        _ => throw new ArgumentOutOfRangeException(nameof(flag)),
    };

    public static ItemFlag? Parse(string? code) =>
        Enum.GetValues<ItemFlag>().Cast<ItemFlag?>().FirstOrDefault(f => Code(f!.Value) == code);

    public static string Describe(ItemFlag flag, FlagThresholds t) => flag switch
    {
        ItemFlag.TooHard => $"p below {t.MinP:0.00}",
        ItemFlag.TooEasy => $"p above {t.MaxP:0.00}",
        ItemFlag.LowDiscrimination => $"corrected point-biserial below {t.MinRpbCorrected:0.00} (or none: nobody or everybody was right)",
        ItemFlag.UnusedDistractor => "a distractor nobody chose",
        ItemFlag.DistractorPositiveRpb => $"a distractor with point-biserial above {t.MaxDistractorRpb:0.00} (a possible second key)",
        _ => throw new ArgumentOutOfRangeException(nameof(flag)),
    };
}
