namespace Exam.Web.Delivery;

/// <summary>Bound from the <c>Delivery</c> section.</summary>
public sealed class DeliveryOptions
{
    /// <summary>
    /// The window for delayed changes: a change made before the deadline (a slow network, a short offline spell) is still
    /// taken when it arrives up to this long after it, recorded as delivered late. The sweeper submits a part once this
    /// window has passed; a change made after the deadline is never taken.
    /// </summary>
    public int SaveGraceSeconds { get; set; } = 30;

    /// <summary>How often the expiry sweeper looks for parts whose time is up.</summary>
    public int SweepIntervalSeconds { get; set; } = 5;

    public TimeSpan SaveGrace => TimeSpan.FromSeconds(SaveGraceSeconds);
}
