using System.Globalization;
using Exam.Core.Delivery;
using Exam.Core.Scheduling;
using Exam.Data.Accounts;
using Exam.Data.Scheduling;

namespace Exam.Web.Scheduling;

/// <summary>
/// How scheduling facts read on pages and letters, so every page says them the same way. A sitting's times read in its
/// time zone, named beside them; other times (a record made, a lockout) in UTC.
/// </summary>
public static class SchedulingText
{
    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>"2027-03-14 09:00 America/Detroit (UTC-04:00)"; a sitting in UTC reads as before, "2027-03-14 13:00 UTC".</summary>
    public static string When(DateTimeOffset at, string timeZone)
    {
        var zone = SittingTimeZone.FromStored(timeZone);
        return zone.Id == SittingTimeZone.Utc.Id ? When(at) : $"{zone.Wall(at)} {zone.Id} ({zone.OffsetAt(at)})";
    }

    public static string Window(DateTimeOffset opensAt, DateTimeOffset closesAt) => $"{When(opensAt)} to {When(closesAt)}";

    /// <summary>The window in the sitting's zone, the zone named once, and each end's offset (they differ across a DST change).</summary>
    public static string Window(DateTimeOffset opensAt, DateTimeOffset closesAt, string timeZone)
    {
        var zone = SittingTimeZone.FromStored(timeZone);
        if (zone.Id == SittingTimeZone.Utc.Id) return Window(opensAt, closesAt);
        var (from, to) = (zone.OffsetAt(opensAt), zone.OffsetAt(closesAt));
        return from == to
            ? $"{zone.Wall(opensAt)} to {zone.Wall(closesAt)} {zone.Id} time ({from})"
            : $"{zone.Wall(opensAt)} ({from}) to {zone.Wall(closesAt)} ({to}) {zone.Id} time";
    }

    public static string Parts(RegistrationSummary r) => (r.SitPartOne, r.SitPartTwo) switch
    {
        (true, true) => "Part One and Part Two",
        (true, false) => "Part One",
        (false, true) => "Part Two",
        _ => "None",
    };

    public static string ExtraTime(RegistrationSummary r) =>
        ExtraTime(r.SitPartOne ? r.ExtraTimePartOne : 0, r.SitPartTwo ? r.ExtraTimePartTwo : 0) ?? "No extra time";

    public static string Accommodations(RegistrationSummary r) =>
        Accommodations(r.SitPartOne ? r.ExtraTimePartOne : 0, r.SitPartTwo ? r.ExtraTimePartTwo : 0, r.Breaks, r.SeparateRoom, r.RestBreaks);

    /// <summary>
    /// Every accommodation on one line, the same on the registration, the letter, the roster, the console and the report:
    /// "Part One: 25% extra time; 2 rest breaks of 10 min per part; separate room; notes: ...", or "None".
    /// </summary>
    public static string Accommodations(int extraPartOne, int extraPartTwo, RestBreakAllowance breaks, bool separateRoom, string? notes)
    {
        var said = new List<string>();
        if (ExtraTime(extraPartOne, extraPartTwo) is { } extra) said.Add(extra);
        if (breaks.Any) said.Add(breaks.Describe());
        if (separateRoom) said.Add("separate room");
        if (!string.IsNullOrWhiteSpace(notes)) said.Add("rest breaks: " + notes.Trim());
        if (said.Count == 0) return "None";
        var text = string.Join("; ", said);
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static string? ExtraTime(int partOne, int partTwo)
    {
        var parts = new List<string>();
        if (partOne > 0) parts.Add($"{RegistrationService.PartName(1)}: {partOne}% extra time");
        if (partTwo > 0) parts.Add($"{RegistrationService.PartName(2)}: {partTwo}% extra time");
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    /// <summary>Where a registration's access code stands at <paramref name="now"/>.</summary>
    /// <param name="examSubmittedAt">When the registration's exam was submitted: the code has done its work ("used").</param>
    /// <param name="timeZone">The sitting's zone, which its code's validity reads in.</param>
    public static string CodeState(StoredAccessCode? live, DateTimeOffset now, DateTimeOffset? examSubmittedAt = null, string timeZone = "UTC") =>
        examSubmittedAt is { } used ? $"Used: exam submitted {When(used, timeZone)}" : live switch
        {
            null => "No live code: reissue one",
            _ when now < live.ValidFrom => $"Issued; valid from {When(live.ValidFrom, timeZone)}",
            _ when now >= live.ValidUntil => $"Expired {When(live.ValidUntil, timeZone)}",
            _ => $"Live until {When(live.ValidUntil, timeZone)}",
        };

    /// <summary>A wall-clock time as a datetime-local field holds it.</summary>
    public static string DateTimeLocal(DateTime? wall) => wall?.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) ?? "";
}
