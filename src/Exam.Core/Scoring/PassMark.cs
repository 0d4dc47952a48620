using System.Globalization;

namespace Exam.Core.Scoring;

/// <summary>
/// The Part One pass mark in force: the committee's adopted cut (raw out of the scored items, from a standard-setting
/// study, carried by the key version) when there is one, else the form's published cut percent. The one home for
/// deciding and showing a Part One pass, so a score report never shows a stale published percent beside a pass
/// decided on an adopted cut.
/// </summary>
public sealed record PassMark(CutScore? Adopted, decimal PublishedPercent)
{
    public static PassMark Of(ScoringKey key, decimal publishedPercent) => new(key.Cut, publishedPercent);

    /// <summary>From what a result stored: the adopted raw cut and its base when both are there, else the published percent.</summary>
    public static PassMark Of(int? adoptedRaw, int? adoptedOutOf, decimal publishedPercent) =>
        new(adoptedRaw is { } raw && adoptedOutOf is { } outOf ? new CutScore(raw, outOf) : null, publishedPercent);

    /// <summary>Exact arithmetic either way: 48 of 60 passes at 80%; 47 of 59 does not.</summary>
    public bool Passes(int raw, int max) => Adopted is { } cut ? cut.Passes(raw, max) : McScorer.Passes(raw, max, PublishedPercent);

    /// <summary>The mark as a percentage of the scored items (two decimals), for display.</summary>
    public decimal Percent => Adopted?.Percent ?? PublishedPercent;

    /// <summary>How a report states the mark: "42 of 58 (72.41%)" for an adopted cut, "80%" for a published one.</summary>
    public string Describe() => Adopted is { } cut
        ? string.Create(CultureInfo.InvariantCulture, $"{cut.Raw} of {cut.OutOf} ({cut.Percent:0.##}%)")
        : string.Create(CultureInfo.InvariantCulture, $"{PublishedPercent:0.##}%");
}
