namespace Exam.Web.Delivery;

/// <summary>Bound from the <c>Delivery</c> section.</summary>
public sealed class DeliveryOptions
{
    /// <summary>A save that left the browser at the last second is still taken this long after the deadline.</summary>
    public int SaveGraceSeconds { get; set; } = 30;

    /// <summary>How often the expiry sweeper looks for parts whose time is up.</summary>
    public int SweepIntervalSeconds { get; set; } = 5;

    public TimeSpan SaveGrace => TimeSpan.FromSeconds(SaveGraceSeconds);
}
