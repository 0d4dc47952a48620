using System.Globalization;
using Exam.Data.Accounts;
using Exam.Data.Scheduling;

namespace Exam.Web.Scheduling;

/// <summary>How scheduling facts read on pages and letters, so every page says them the same way. Times are UTC.</summary>
public static class SchedulingText
{
    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string Window(DateTimeOffset opensAt, DateTimeOffset closesAt) => $"{When(opensAt)} to {When(closesAt)}";

    public static string Parts(RegistrationSummary r) => (r.SitPartOne, r.SitPartTwo) switch
    {
        (true, true) => "Part One and Part Two",
        (true, false) => "Part One",
        (false, true) => "Part Two",
        _ => "None",
    };

    public static string ExtraTime(RegistrationSummary r)
    {
        var parts = new[] { 1, 2 }.Where(p => r.Sits(p) && r.ExtraTimePercent(p) > 0)
            .Select(p => $"{RegistrationService.PartName(p)}: {r.ExtraTimePercent(p)}% extra time").ToList();
        return parts.Count == 0 ? "No extra time" : string.Join("; ", parts);
    }

    public static string Accommodations(RegistrationSummary r)
    {
        var extra = ExtraTime(r);
        var noExtra = r.ExtraTimePartOne == 0 && r.ExtraTimePartTwo == 0;
        return (noExtra, r.RestBreaks) switch
        {
            (true, null) => "None",
            (true, { } breaks) => $"Rest breaks: {breaks}",
            (false, null) => extra,
            (false, { } breaks) => $"{extra}; rest breaks: {breaks}",
        };
    }

    /// <summary>Where a registration's access code stands at <paramref name="now"/>.</summary>
    public static string CodeState(StoredAccessCode? live, DateTimeOffset now) => live switch
    {
        null => "No live code: reissue one",
        _ when now < live.ValidFrom => $"Issued; valid from {When(live.ValidFrom)}",
        _ when now >= live.ValidUntil => $"Expired {When(live.ValidUntil)}",
        _ => $"Live until {When(live.ValidUntil)}",
    };

    public static string DateTimeLocal(DateTimeOffset? at) =>
        at is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : "";
}
