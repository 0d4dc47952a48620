using Exam.Web.Delivery;
using Exam.Web.Infrastructure;

namespace Exam.Web.Proctoring;

/// <summary>
/// Ends rest breaks that have lasted their approved length, so the candidate's clock runs again even when nobody at the
/// console ends the break (a stopped part never expires). Any node may sweep: ending a break is conditional.
/// </summary>
public sealed partial class RestBreakSweeper(ProctorService proctoring, DeliveryOptions options, TimeProvider clock, ILogger<RestBreakSweeper> logger)
    : PeriodicSweeper(TimeSpan.FromSeconds(options.SweepIntervalSeconds), clock)
{
    protected override async Task SweepAsync(CancellationToken ct)
    {
        var ended = await proctoring.EndOverdueBreaksAsync(ct);
        if (ended > 0) Ended(logger, ended);
    }

    protected override void SweepFailed(Exception e) => SweepFailed(logger, e);

    [LoggerMessage(1320, LogLevel.Information, "Ended {Count} rest break(s) at their approved length")]
    private static partial void Ended(ILogger logger, int count);

    [LoggerMessage(1321, LogLevel.Error, "The rest-break sweep failed; it runs again at the next tick")]
    private static partial void SweepFailed(ILogger logger, Exception e);
}
