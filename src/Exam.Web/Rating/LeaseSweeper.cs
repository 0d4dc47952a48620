namespace Exam.Web.Rating;

/// <summary>Returns lapsed claims to the queue and tells the raters. Several nodes may sweep: releasing is conditional.</summary>
public sealed partial class LeaseSweeper(RatingService rating, RatingOptions options, TimeProvider clock, ILogger<LeaseSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.SweepIntervalSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var released = await rating.SweepExpiredAsync(stoppingToken);
                if (released > 0) Released(logger, released);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                SweepFailed(logger, e);
            }
        }
    }

    [LoggerMessage(3000, LogLevel.Information, "Returned {Count} lapsed rating claim(s) to the queue")]
    private static partial void Released(ILogger logger, int count);

    [LoggerMessage(3001, LogLevel.Error, "The rating lease sweep failed; it runs again at the next tick")]
    private static partial void SweepFailed(ILogger logger, Exception e);
}
