using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Exam.Web.Infrastructure;

/// <summary>
/// Data protection that remembers, for a few minutes, what it has already unprotected in this process. Every request
/// unprotects the same sign-in cookie again, and every save and form post the same two antiforgery tokens: each time a
/// key derivation (HMAC-SHA512) and AES-GCM, about a tenth of a save's CPU. Only a payload that unprotected
/// successfully is remembered, keyed by its purposes and its exact bytes (authenticated ciphertext: no other bytes
/// reach the entry), so nothing refused is ever accepted and nothing is accepted under another purpose. Protect is
/// untouched. What it changes: a payload already seen outlives the revocation of its key by at most <see cref="Kept"/>
/// (cookies are ended through <c>SignInSessions</c>, not by revoking keys).
/// </summary>
public sealed class RememberedUnprotect : IDataProtectionProvider
{
    public static readonly TimeSpan Kept = TimeSpan.FromMinutes(5);

    /// <summary>Past this many entries everything is forgotten at once (about 30 MB at most; a room of 1,000 uses a few thousand).</summary>
    public const int MaxEntries = 20_000;

    private readonly IDataProtectionProvider _inner;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<Key, Entry> _seen = new(KeyComparer.Instance);

    public RememberedUnprotect(IDataProtectionProvider inner, TimeProvider clock)
    {
        _inner = inner;
        _clock = clock;
    }

    public IDataProtector CreateProtector(string purpose) => new Protector(this, _inner.CreateProtector(purpose), purpose);

    /// <summary>Wraps the data protection provider registered so far (call after AddDataProtection).</summary>
    public static void Register(IServiceCollection services)
    {
        var original = services.LastOrDefault(d => d.ServiceType == typeof(IDataProtectionProvider))
            ?? throw new InvalidOperationException("AddDataProtection must come before RememberedUnprotect.Register.");
        services.RemoveAll<IDataProtectionProvider>();
        services.AddSingleton<IDataProtectionProvider>(sp => new RememberedUnprotect(Create(sp, original), sp.GetRequiredService<TimeProvider>()));
    }

    private static IDataProtectionProvider Create(IServiceProvider sp, ServiceDescriptor d) => (IDataProtectionProvider)(
        d.ImplementationInstance ?? d.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, d.ImplementationType!));

    private byte[] Unprotect(IDataProtector inner, string purposes, byte[] protectedData)
    {
        var key = new Key(purposes, protectedData);
        var now = _clock.GetTimestamp();
        if (_seen.TryGetValue(key, out var entry) && now < entry.Until) return entry.Plain.ToArray();
        var plain = inner.Unprotect(protectedData); // throws for anything forged, altered or under another purpose
        if (_seen.Count >= MaxEntries) _seen.Clear();
        _seen[new Key(purposes, protectedData.ToArray())] = new Entry(plain.ToArray(), now + (long)(Kept.TotalSeconds * _clock.TimestampFrequency));
        return plain;
    }

    private sealed class Protector(RememberedUnprotect owner, IDataProtector inner, string purposes) : IDataProtector
    {
        public IDataProtector CreateProtector(string purpose) => new Protector(owner, inner.CreateProtector(purpose), purposes + "\0" + purpose);
        public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);
        public byte[] Unprotect(byte[] protectedData) => owner.Unprotect(inner, purposes, protectedData);
    }

    private readonly record struct Key(string Purposes, byte[] Payload);

    private sealed record Entry(byte[] Plain, long Until);

    private sealed class KeyComparer : IEqualityComparer<Key>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals(Key x, Key y) => x.Purposes == y.Purposes && x.Payload.AsSpan().SequenceEqual(y.Payload);

        public int GetHashCode(Key key)
        {
            var hash = new HashCode();
            hash.Add(key.Purposes);
            hash.AddBytes(key.Payload);
            return hash.ToHashCode();
        }
    }
}
