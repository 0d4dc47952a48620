using System.Globalization;
using System.Text.RegularExpressions;

namespace Exam.Core.Scheduling;

/// <summary>A wall-clock time read in a sitting's zone: the instant it names in UTC, or why it names none.</summary>
public sealed record LocalTimeReading(DateTimeOffset? Utc, string? Error);

/// <summary>
/// The time zone a sitting is held in, by IANA id ("America/Detroit"). Coordinators type and read a sitting's times on
/// its wall clock; the server stores and compares UTC. The conversion refuses the wall times a daylight-saving change
/// makes meaningless: one skipped when the clocks go forward, one that happens twice when they go back.
/// </summary>
public sealed partial class SittingTimeZone
{
    public const int MaxIdLength = FieldLimits.TimeZoneId;

    private readonly TimeZoneInfo _zone;

    private SittingTimeZone(TimeZoneInfo zone) => _zone = zone;

    /// <summary>The IANA id, as stored with the sitting.</summary>
    public string Id => _zone.Id;

    public static SittingTimeZone Utc { get; } = new(TimeZoneInfo.Utc);

    /// <summary>The zone of an IANA id, or why not. Windows names ("Eastern Standard Time") are refused: one spelling is stored.</summary>
    public static (SittingTimeZone? Zone, string? Error) Find(string? id)
    {
        var trimmed = id?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxIdLength) return (null, "Choose the sitting's time zone, e.g. America/Detroit.");
        if (trimmed is "UTC" or "Etc/UTC") return (Utc, null);
        if (!IdPattern().IsMatch(trimmed)) return (null, NotAZone(trimmed));
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(trimmed);
            if (zone.HasIanaId && zone.Id == trimmed) return (new SittingTimeZone(zone), null);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
        }
        return (null, NotAZone(trimmed));
    }

    private static string NotAZone(string id) => $"'{id}' is not a time zone name such as America/Detroit or Europe/London.";

    /// <summary>Area/Location names: letters, digits, '_', '-', '+', between slashes; nothing that walks a path.</summary>
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$")]
    private static partial Regex IdPattern();

    /// <summary>The zone of an id already stored (checked when stored); UTC when the id is no longer known to this machine.</summary>
    public static SittingTimeZone FromStored(string? id) => Find(id).Zone ?? Utc;

    /// <summary>
    /// The UTC instant of a wall-clock time in this zone. A time in the hour skipped when the clocks go forward, or in
    /// the hour that happens twice when they go back, names no single instant: the error says so, and what to do.
    /// </summary>
    public LocalTimeReading ToUtc(DateTime wallClock)
    {
        var wall = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (_zone.IsInvalidTime(wall))
        {
            var (from, to) = Gap(wall);
            return new(null, $"{Format(wall)} does not exist in {Id}: that night the clocks go forward from {from:HH:mm} to {to:HH:mm}. " +
                             "Choose a time outside that gap.");
        }
        if (_zone.IsAmbiguousTime(wall))
        {
            var offsets = _zone.GetAmbiguousTimeOffsets(wall).OrderByDescending(o => o).Select(Offset).ToList();
            return new(null, $"{Format(wall)} happens twice in {Id}: that night the clocks go back, so it comes once at {offsets[0]} " +
                             $"and again at {offsets[^1]}. Choose a time outside the repeated hour.");
        }
        return new(new DateTimeOffset(wall, _zone.GetUtcOffset(wall)).ToUniversalTime(), null);
    }

    /// <summary>The wall-clock time of a UTC instant in this zone, with the offset in force then.</summary>
    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone);

    /// <summary>"2027-03-14 09:00": the wall-clock time, as typed in a datetime-local field.</summary>
    public string Wall(DateTimeOffset instant) => Format(ToLocal(instant).DateTime);

    /// <summary>"UTC-04:00": the offset in force at the instant.</summary>
    public string OffsetAt(DateTimeOffset instant) => Offset(ToLocal(instant).Offset);

    private static string Format(DateTime wall) => wall.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Offset(TimeSpan offset) =>
        "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    /// <summary>The skipped stretch around an invalid wall time: the last valid minute's end before it, the first valid minute after.</summary>
    private (DateTime From, DateTime To) Gap(DateTime wall)
    {
        var from = wall;
        while (_zone.IsInvalidTime(from.AddMinutes(-1))) from = from.AddMinutes(-1);
        var to = wall;
        while (_zone.IsInvalidTime(to)) to = to.AddMinutes(1);
        return (from, to);
    }
}
