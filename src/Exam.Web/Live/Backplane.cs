using StackExchange.Redis;

namespace Exam.Web.Live;

/// <summary>
/// Whether the SignalR backplane (Redis) can carry messages now, from the connection's own events, and the moment it
/// comes back: then every live page on this node is told to resync from the database, because whatever other nodes
/// sent meanwhile is lost. Without a backplane (one node) it is always up.
/// </summary>
public sealed partial class Backplane(LiveOptions options, ILogger<Backplane> logger)
{
    private int _connected = 1; // 1 while the link is up

    // Transport time, not exam time: real time on purpose (tests move the exam's clock by hand).
    private long _coolOffUntil; // Environment.TickCount64
    private long _dropped;

    /// <summary>Raised (once per outage, after <see cref="LiveOptions.ResyncDelay"/>) when the backplane carries messages again.</summary>
    public event Action? Restored;

    public bool IsUp => Volatile.Read(ref _connected) == 1 && Environment.TickCount64 >= Interlocked.Read(ref _coolOffUntil);

    /// <summary>Follows a Redis connection: the subscription link is the one that carries hub messages.</summary>
    public void Watch(IConnectionMultiplexer redis)
    {
        if (!redis.IsConnected && Interlocked.Exchange(ref _connected, 0) == 1) Down(logger, "not connected at start");
        redis.ConnectionFailed += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription && Interlocked.Exchange(ref _connected, 0) == 1) Down(logger, e.FailureType.ToString());
        };
        redis.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription) Restore();
        };
    }

    /// <summary>The link is back: messages flow again, and the pages on this node are told to resync shortly.</summary>
    internal void Restore()
    {
        if (Interlocked.Exchange(ref _connected, 1) == 1) return;
        Interlocked.Exchange(ref _coolOffUntil, 0);
        _ = AnnounceAsync();
    }

    /// <summary>A send through the backplane timed out: stop waiting on it for a while (the link may be up but stuck).</summary>
    public void SendTimedOut()
    {
        Interlocked.Exchange(ref _coolOffUntil, Environment.TickCount64 + (long)options.CoolOff.TotalMilliseconds);
        CoolingOff(logger, options.CoolOff.TotalSeconds);
    }

    /// <summary>A message that needed the backplane was not sent while it was down.</summary>
    public void Dropped() => Interlocked.Increment(ref _dropped);

    private async Task AnnounceAsync()
    {
        await Task.Delay(options.ResyncDelay);
        Up(logger, Interlocked.Exchange(ref _dropped, 0));
        try { Restored?.Invoke(); }
        catch (Exception e) { ResyncFailed(logger, e); }
    }

    [LoggerMessage(1400, LogLevel.Warning, "The SignalR backplane is down ({Why}): live messages between nodes are dropped; pages resync when it returns")]
    private static partial void Down(ILogger logger, string why);

    [LoggerMessage(1401, LogLevel.Information, "The SignalR backplane is back ({Dropped} message(s) were not sent meanwhile); live pages on this node resync")]
    private static partial void Up(ILogger logger, long dropped);

    [LoggerMessage(1402, LogLevel.Warning, "A live message timed out; messages between nodes are dropped for {Seconds} s")]
    private static partial void CoolingOff(ILogger logger, double seconds);

    [LoggerMessage(1403, LogLevel.Warning, "Telling live pages to resync failed")]
    private static partial void ResyncFailed(ILogger logger, Exception e);
}
