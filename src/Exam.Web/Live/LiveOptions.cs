namespace Exam.Web.Live;

/// <summary>Bound from the <c>Live</c> section: how hub messages leave the server.</summary>
public sealed class LiveOptions
{
    /// <summary>How long one hub message may take to leave (through the backplane) before it is given up and logged.</summary>
    public double SendTimeoutSeconds { get; set; } = 2;

    /// <summary>After a send timed out, messages that need the backplane are dropped for this long (pages resync later).</summary>
    public double CoolOffSeconds { get; set; } = 5;

    /// <summary>How long after the backplane returns the pages on this node are told to resync (its subscriptions come back first).</summary>
    public double ResyncDelaySeconds { get; set; } = 1;

    public TimeSpan SendTimeout => TimeSpan.FromSeconds(SendTimeoutSeconds);
    public TimeSpan CoolOff => TimeSpan.FromSeconds(CoolOffSeconds);
    public TimeSpan ResyncDelay => TimeSpan.FromSeconds(ResyncDelaySeconds);
}
