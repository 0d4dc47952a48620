namespace Exam.Web.Infrastructure;

/// <summary>
/// A sweep that runs every interval until shutdown, on the server's clock. A failed sweep is logged and the next
/// tick tries again: sweeps are idempotent, and several web nodes may run them at once.
/// </summary>
public abstract class PeriodicSweeper(TimeSpan interval, TimeProvider clock) : BackgroundService
{
    protected abstract Task SweepAsync(CancellationToken ct);

    protected abstract void SweepFailed(Exception e);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                SweepFailed(e);
            }
        }
    }
}
