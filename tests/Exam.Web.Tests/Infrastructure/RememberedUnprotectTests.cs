using System.Security.Cryptography;
using System.Text;
using Exam.Web.Infrastructure;
using Exam.Web.Tests.Fixtures;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Exam.Web.Tests.Infrastructure;

/// <summary>
/// The process remembers what it has unprotected (a cookie read on every request), and never more than that: a payload
/// it was refused stays refused, a payload is only ever valid under its own purposes, and it is forgotten after a while.
/// </summary>
public sealed class RememberedUnprotectTests(ExamAppFactory factory) : IClassFixture<ExamAppFactory>
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly CountingProvider _keys = new(new EphemeralDataProtectionProvider());

    [Fact]
    public void A_payload_seen_before_unprotects_without_the_cryptography_and_to_the_same_bytes()
    {
        var protector = new RememberedUnprotect(_keys, _clock).CreateProtector("cookie").CreateProtector("v2");
        var payload = protector.Protect(Encoding.UTF8.GetBytes("candidate 17"));

        var first = protector.Unprotect(payload);
        first[0] = (byte)'X'; // a caller that changes what it was given changes nothing remembered
        var second = protector.Unprotect(payload.ToArray());

        Assert.Equal("candidate 17", Encoding.UTF8.GetString(second));
        Assert.Equal(1, _keys.Unprotects);
    }

    [Fact]
    public void A_payload_changed_by_one_bit_is_refused_every_time()
    {
        var protector = new RememberedUnprotect(_keys, _clock).CreateProtector("cookie");
        var payload = protector.Protect(Encoding.UTF8.GetBytes("candidate 17"));
        protector.Unprotect(payload);
        payload[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(payload));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(payload));
        Assert.Equal(3, _keys.Unprotects);
    }

    [Fact]
    public void A_payload_remembered_under_one_purpose_is_refused_under_another()
    {
        var provider = new RememberedUnprotect(_keys, _clock);
        var cookie = provider.CreateProtector("cookie");
        var payload = cookie.Protect(Encoding.UTF8.GetBytes("candidate 17"));
        cookie.Unprotect(payload);

        Assert.ThrowsAny<CryptographicException>(() => provider.CreateProtector("antiforgery").Unprotect(payload));
        Assert.ThrowsAny<CryptographicException>(() => provider.CreateProtector("cookie").CreateProtector("v2").Unprotect(payload));
        Assert.Equal("candidate 17", Encoding.UTF8.GetString(provider.CreateProtector("cookie").Unprotect(payload)));
    }

    [Fact]
    public void A_payload_is_forgotten_after_the_time_it_is_kept()
    {
        var protector = new RememberedUnprotect(_keys, _clock).CreateProtector("cookie");
        var payload = protector.Protect(Encoding.UTF8.GetBytes("candidate 17"));
        protector.Unprotect(payload);
        _clock.Advance(RememberedUnprotect.Kept - TimeSpan.FromSeconds(1));
        protector.Unprotect(payload);
        Assert.Equal(1, _keys.Unprotects);

        _clock.Advance(TimeSpan.FromSeconds(2));
        protector.Unprotect(payload);
        Assert.Equal(2, _keys.Unprotects);
    }

    [Fact]
    public void The_site_reads_its_cookies_and_tokens_through_it() =>
        Assert.IsType<RememberedUnprotect>(factory.Services.GetRequiredService<IDataProtectionProvider>());

    /// <summary>Real data protection (ephemeral keys) that counts the unprotects it performs.</summary>
    private sealed class CountingProvider(IDataProtectionProvider inner) : IDataProtectionProvider
    {
        private int _unprotects;
        public int Unprotects => _unprotects;

        public IDataProtector CreateProtector(string purpose) => new Counting(this, inner.CreateProtector(purpose));

        private sealed class Counting(CountingProvider owner, IDataProtector inner) : IDataProtector
        {
            public IDataProtector CreateProtector(string purpose) => new Counting(owner, inner.CreateProtector(purpose));
            public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

            public byte[] Unprotect(byte[] protectedData)
            {
                Interlocked.Increment(ref owner._unprotects);
                return inner.Unprotect(protectedData);
            }
        }
    }
}
