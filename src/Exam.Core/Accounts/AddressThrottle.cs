using System.Net;
using System.Net.Sockets;

namespace Exam.Core.Accounts;

/// <summary>
/// How many failed sign-ins one client address may make in a window, across all accounts. Per-account lockout
/// stops guessing one account; this stops one address from spraying many (locking out a room, or guessing codes
/// across it). With the defaults an address can lock out at most 20 / 5 = 4 accounts per quarter hour, while a room
/// behind one NAT address still has room for its honest typos.
/// </summary>
public sealed record AddressThrottleOptions
{
    public int MaxFailures { get; init; } = 20;
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);
}

/// <summary>The failures counted for one address: since <paramref name="WindowStarted"/>, <paramref name="Failures"/> of them.</summary>
public sealed record AddressFailures(DateTimeOffset WindowStarted, int Failures);

/// <summary>Pure throttle arithmetic: a fixed window that starts at the first failure after the last window ended.</summary>
public sealed class AddressThrottle(AddressThrottleOptions options)
{
    public AddressThrottleOptions Options { get; } = options;

    public bool IsThrottled(AddressFailures? failures, DateTimeOffset now) =>
        failures is { } f && f.Failures >= Options.MaxFailures && f.WindowStarted + Options.Window > now;

    /// <summary>When a throttled address may try again.</summary>
    public DateTimeOffset ThrottledUntil(AddressFailures failures) => failures.WindowStarted + Options.Window;

    public AddressFailures AfterFailure(AddressFailures? failures, DateTimeOffset now) =>
        failures is null || failures.WindowStarted + Options.Window <= now
            ? new AddressFailures(now, 1)
            : failures with { Failures = failures.Failures + 1 };

    /// <summary>The most accounts one address can lock out in one window: the documented bound.</summary>
    public int MostAccountsLockedPerWindow(LockoutOptions lockout) => Options.MaxFailures / lockout.MaxFailedAttempts;

    /// <summary>
    /// The key an address is counted under. IPv6 clients are counted per /64 network, since one host commonly holds a
    /// whole /64 and could otherwise take a fresh count per address; IPv4-mapped IPv6 counts as the IPv4 address.
    /// No address (a Unix socket) is one key of its own.
    /// </summary>
    public static string KeyFor(IPAddress? address)
    {
        if (address is null) return "no-address";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
