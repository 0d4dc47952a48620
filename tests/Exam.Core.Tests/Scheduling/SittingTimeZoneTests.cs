using Exam.Core.Scheduling;

namespace Exam.Core.Tests.Scheduling;

/// <summary>A sitting's wall-clock times and UTC, across the daylight-saving changes of America/Detroit in 2027.</summary>
public sealed class SittingTimeZoneTests
{
    private static readonly SittingTimeZone Detroit = SittingTimeZone.Find("America/Detroit").Zone!;

    private static DateTime Wall(int month, int day, int hour, int minute = 0) => new(2027, month, day, hour, minute, 0, DateTimeKind.Unspecified);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2027, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void The_same_wall_time_is_an_hour_earlier_in_UTC_once_the_clocks_have_gone_forward()
    {
        Assert.Equal(Utc(3, 13, 14), Detroit.ToUtc(Wall(3, 13, 9)).Utc); // EST, UTC-05:00
        Assert.Equal(Utc(3, 14, 13), Detroit.ToUtc(Wall(3, 14, 9)).Utc); // EDT, UTC-04:00
        Assert.Equal(Utc(11, 7, 14), Detroit.ToUtc(Wall(11, 7, 9)).Utc); // EST again after the clocks go back
        Assert.Equal("UTC-05:00", Detroit.OffsetAt(Utc(3, 13, 14)));
        Assert.Equal("UTC-04:00", Detroit.OffsetAt(Utc(3, 14, 13)));
    }

    [Fact]
    public void A_window_across_the_change_is_as_long_as_the_clocks_say_not_as_the_wall_says()
    {
        // 09:00 Saturday to 09:00 Sunday on the wall: 23 real hours in March, 25 in November.
        var march = Detroit.ToUtc(Wall(3, 14, 9)).Utc!.Value - Detroit.ToUtc(Wall(3, 13, 9)).Utc!.Value;
        var november = Detroit.ToUtc(Wall(11, 7, 9)).Utc!.Value - Detroit.ToUtc(Wall(11, 6, 9)).Utc!.Value;
        Assert.Equal(TimeSpan.FromHours(23), march);
        Assert.Equal(TimeSpan.FromHours(25), november);
    }

    [Fact]
    public void A_wall_time_in_the_skipped_hour_is_refused_with_the_gap_named()
    {
        var reading = Detroit.ToUtc(Wall(3, 14, 2, 30));
        Assert.Null(reading.Utc);
        Assert.Equal("2027-03-14 02:30 does not exist in America/Detroit: that night the clocks go forward from 02:00 to 03:00. " +
                     "Choose a time outside that gap.", reading.Error);
        Assert.Null(Detroit.ToUtc(Wall(3, 14, 2)).Utc);
        Assert.Equal(Utc(3, 14, 6, 59), Detroit.ToUtc(Wall(3, 14, 1, 59)).Utc);
        Assert.Equal(Utc(3, 14, 7), Detroit.ToUtc(Wall(3, 14, 3)).Utc);
    }

    [Fact]
    public void A_wall_time_in_the_repeated_hour_is_refused_with_both_offsets_named()
    {
        var reading = Detroit.ToUtc(Wall(11, 7, 1, 30));
        Assert.Null(reading.Utc);
        Assert.Equal("2027-11-07 01:30 happens twice in America/Detroit: that night the clocks go back, so it comes once at UTC-04:00 " +
                     "and again at UTC-05:00. Choose a time outside the repeated hour.", reading.Error);
        Assert.Equal(Utc(11, 7, 4, 59), Detroit.ToUtc(Wall(11, 7, 0, 59)).Utc);
        Assert.Equal(Utc(11, 7, 7), Detroit.ToUtc(Wall(11, 7, 2)).Utc); // 02:00 EST, after the repeated hour
    }

    [Fact]
    public void Every_quarter_hour_of_both_change_days_reads_back_as_typed_or_is_refused()
    {
        foreach (var day in new[] { Wall(3, 14, 0), Wall(11, 7, 0) })
        {
            var refused = 0;
            for (var wall = day.AddHours(-6); wall < day.AddHours(30); wall = wall.AddMinutes(15))
            {
                var reading = Detroit.ToUtc(wall);
                if (reading.Utc is not { } utc) { refused++; Assert.NotNull(reading.Error); continue; }
                Assert.Equal(wall, Detroit.ToLocal(utc).DateTime);
                Assert.Equal(wall.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), Detroit.Wall(utc));
            }
            Assert.Equal(4, refused); // the four quarter hours of the one skipped or repeated hour
        }
    }

    [Theory]
    [InlineData("America/Detroit", "America/Detroit")]
    [InlineData(" Europe/London ", "Europe/London")]
    [InlineData("UTC", "UTC")]
    public void An_IANA_id_is_found(string typed, string stored) => Assert.Equal(stored, SittingTimeZone.Find(typed).Zone!.Id);

    [Theory]
    [InlineData(null, "Choose the sitting's time zone, e.g. America/Detroit.")]
    [InlineData("", "Choose the sitting's time zone, e.g. America/Detroit.")]
    [InlineData("Eastern Standard Time", "'Eastern Standard Time' is not a time zone name such as America/Detroit or Europe/London.")]
    [InlineData("Mars/Olympus_Mons", "'Mars/Olympus_Mons' is not a time zone name such as America/Detroit or Europe/London.")]
    [InlineData("../../etc/passwd", "'../../etc/passwd' is not a time zone name such as America/Detroit or Europe/London.")]
    public void Anything_else_is_refused_with_a_message(string? typed, string error)
    {
        var (zone, message) = SittingTimeZone.Find(typed);
        Assert.Null(zone);
        Assert.Equal(error, message);
    }

    [Fact]
    public void An_id_longer_than_the_column_is_refused() =>
        Assert.Null(SittingTimeZone.Find("America/" + new string('x', SittingTimeZone.MaxIdLength)).Zone);

    [Fact]
    public void Offsets_east_of_Greenwich_and_in_half_hours_read_as_such() =>
        Assert.Equal("UTC+05:30", SittingTimeZone.Find("Asia/Kolkata").Zone!.OffsetAt(Utc(6, 1, 12)));
}
