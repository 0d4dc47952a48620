using Exam.Web.Infrastructure;

namespace Exam.Web.Rating;

/// <summary>Returns lapsed claims to the queue and tells the raters. Several nodes may sweep: releasing is conditional.</summary>
public sealed partial class LeaseSweeper(RatingService rating, RatingOptions options, TimeProvider clock, ILogger<LeaseSweeper> logger)
    : PeriodicSweeper(TimeSpan.FromSeconds(options.SweepIntervalSeconds), clock)
{
    protected override async Task SweepAsync(CancellationToken ct)
    {
        var released = await rating.SweepExpiredAsync(ct);
        if (released > 0) Released(logger, released);
    }

    protected override void SweepFailed(Exception e) => SweepFailed(logger, e);

    [LoggerMessage(3000, LogLevel.Information, "Returned {Count} lapsed rating claim(s) to the queue")]
    private static partial void Released(ILogger logger, int count);

    [LoggerMessage(3001, LogLevel.Error, "The rating lease sweep failed; it runs again at the next tick")]
    private static partial void SweepFailed(ILogger logger, Exception e);
}
