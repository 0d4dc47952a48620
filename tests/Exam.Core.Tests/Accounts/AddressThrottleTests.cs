using System.Net;
using Exam.Core.Accounts;

namespace Exam.Core.Tests.Accounts;

public sealed class AddressThrottleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);
    private readonly AddressThrottle _throttle = new(new AddressThrottleOptions { MaxFailures = 20, Window = TimeSpan.FromMinutes(15) });

    [Fact]
    public void Nineteen_failures_leave_the_address_open_and_the_twentieth_pauses_it_until_the_window_ends()
    {
        AddressFailures? f = null;
        for (var i = 0; i < 19; i++) f = _throttle.AfterFailure(f, Now.AddSeconds(i));
        Assert.False(_throttle.IsThrottled(f, Now.AddSeconds(19)));
        f = _throttle.AfterFailure(f, Now.AddSeconds(19));
        Assert.True(_throttle.IsThrottled(f, Now.AddSeconds(20)));
        Assert.Equal(Now.AddMinutes(15), _throttle.ThrottledUntil(f));
        Assert.True(_throttle.IsThrottled(f, Now.AddMinutes(14.9)));
        Assert.False(_throttle.IsThrottled(f, Now.AddMinutes(15)));
    }

    [Fact]
    public void A_failure_after_the_window_ended_starts_a_new_window()
    {
        var f = _throttle.AfterFailure(new AddressFailures(Now, 20), Now.AddMinutes(15));
        Assert.Equal(new AddressFailures(Now.AddMinutes(15), 1), f);
    }

    [Fact]
    public void The_documented_bound_is_the_failures_allowed_over_the_lockout_limit()
    {
        Assert.Equal(4, _throttle.MostAccountsLockedPerWindow(new LockoutOptions { MaxFailedAttempts = 5 }));
        // The shipped defaults are the numbers the README states.
        Assert.Equal(20, new AddressThrottleOptions().MaxFailures);
        Assert.Equal(TimeSpan.FromMinutes(15), new AddressThrottleOptions().Window);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    public void Addresses_are_counted_as_IPv4_hosts_and_IPv6_64_networks(string address, string key) =>
        Assert.Equal(key, AddressThrottle.KeyFor(IPAddress.Parse(address)));

    [Fact]
    public void A_connection_without_an_address_has_a_key_of_its_own() => Assert.Equal("no-address", AddressThrottle.KeyFor(null));
}
