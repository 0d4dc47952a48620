using System.Threading.Channels;

namespace Exam.Web.Live;

/// <summary>
/// Where hub messages wait to leave: never on a request's path. Sends are queued in the order they were made and
/// delivered one at a time by a background worker, each within <see cref="LiveOptions.SendTimeout"/>. A failure is
/// logged and forgotten: every live page resyncs from the database on reconnect, when the backplane returns and at an
/// interval, so a lost message costs seconds, never correctness. While the backplane is down, messages that need it
/// are dropped at once rather than each waiting out a timeout.
/// </summary>
public sealed partial class LiveDispatch(LiveOptions options, Backplane backplane, ILogger<LiveDispatch> logger) : BackgroundService
{
    /// <summary>Far above any burst (a thousand candidates' deadline is a thousand messages); beyond it a message is dropped.</summary>
    private const int Capacity = 100_000;

    private readonly Channel<Message> _queue = Channel.CreateBounded<Message>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    private sealed record Message(string What, Func<Task> Send, bool NeedsBackplane);

    /// <summary>Queues a send; returns at once.</summary>
    public void Post(string what, Func<Task> send, bool needsBackplane)
    {
        if (!_queue.Writer.TryWrite(new Message(what, send, needsBackplane))) QueueFull(logger, what);
    }

    /// <summary>
    /// Runs a connection's own bookkeeping with the backplane (joining, leaving) within the bound. A failure is logged,
    /// and the caller goes on: a page that joins while Redis is down still gets its view from the database.
    /// </summary>
    public async Task<bool> BoundedAsync(string what, Func<Task> action)
    {
        var task = Observed(action);
        try
        {
            await task.WaitAsync(options.SendTimeout);
            return true;
        }
        catch (TimeoutException)
        {
            backplane.SendTimedOut();
            Failed(logger, what, $"no answer within {options.SendTimeout.TotalSeconds:0.#} s");
            return false;
        }
        catch (Exception e)
        {
            // One line, not a stack: while Redis is down every page that connects comes through here.
            Failed(logger, what, $"{e.GetType().Name}: {e.Message.Split('\n')[0]}");
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                if (message.NeedsBackplane && !backplane.IsUp)
                {
                    backplane.Dropped();
                    continue;
                }
                await BoundedAsync(message.What, message.Send);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>A task whose failure is always observed, even when nobody waits for it any longer.</summary>
    private static Task Observed(Func<Task> action)
    {
        Task task;
        try { task = action(); }
        catch (Exception e) { task = Task.FromException(e); }
        _ = task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return task;
    }

    [LoggerMessage(1410, LogLevel.Warning, "Live message not delivered: {What} ({Why})")]
    private static partial void Failed(ILogger logger, string what, string why);

    [LoggerMessage(1411, LogLevel.Warning, "Live message dropped, the queue is full: {What}")]
    private static partial void QueueFull(ILogger logger, string what);
}
