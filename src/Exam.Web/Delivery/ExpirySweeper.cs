using Exam.Web.Infrastructure;

namespace Exam.Web.Delivery;

/// <summary>
/// Submits parts whose time is up, so a closed browser is submitted too (finish time = the deadline).
/// Several web nodes may sweep at once: submitting a part is idempotent.
/// </summary>
public sealed partial class ExpirySweeper(ExamService exams, DeliveryOptions options, TimeProvider clock, ILogger<ExpirySweeper> logger)
    : PeriodicSweeper(TimeSpan.FromSeconds(options.SweepIntervalSeconds), clock)
{
    protected override async Task SweepAsync(CancellationToken ct)
    {
        var submitted = await exams.SweepExpiredAsync(ct);
        if (submitted > 0) Swept(logger, submitted);
    }

    protected override void SweepFailed(Exception e) => SweepFailed(logger, e);

    [LoggerMessage(2000, LogLevel.Information, "Submitted {Count} expired exam part(s)")]
    private static partial void Swept(ILogger logger, int count);

    [LoggerMessage(2001, LogLevel.Error, "The expiry sweep failed; it runs again at the next tick")]
    private static partial void SweepFailed(ILogger logger, Exception e);
}
