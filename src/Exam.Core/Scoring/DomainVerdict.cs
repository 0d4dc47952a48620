namespace Exam.Core.Scoring;

/// <summary>What a score report may say about one competency domain's subscore.</summary>
public enum DomainVerdict
{
    /// <summary>Too few items to say anything: the report gives the count and no verdict.</summary>
    TooFewItems,
    Met,
    ToStrengthen,
}

/// <summary>
/// The one home for drawing a verdict on a domain subscore. On 1 to 3 items a single answer moves the percent by 33 to 100
/// points, so "to strengthen" would rest on one lucky or unlucky answer: below <see cref="MinimumItems"/> scored items the
/// report states the count and draws no verdict either way.
/// </summary>
public static class DomainVerdicts
{
    /// <summary>The fewest scored items a domain verdict may rest on.</summary>
    public const int MinimumItems = 4;

    public static bool CanJudge(int items) => items >= MinimumItems;

    /// <summary>The verdict on <paramref name="raw"/> of <paramref name="items"/>, held to the part's pass mark (<paramref name="meetsMark"/>).</summary>
    public static DomainVerdict Of(int raw, int items, Func<int, int, bool> meetsMark) =>
        !CanJudge(items) ? DomainVerdict.TooFewItems : meetsMark(raw, items) ? DomainVerdict.Met : DomainVerdict.ToStrengthen;
}
