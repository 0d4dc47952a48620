namespace Exam.Core.Accounts;

/// <summary>Who a sign-in belongs to: a staff account or a candidate.</summary>
public static class PrincipalKind
{
    public const string Staff = "staff";
    public const string Candidate = "candidate";
}

/// <summary>Why sign-ins were ended on the server.</summary>
public static class SessionEndReason
{
    public const string SignOut = "sign-out";
    public const string Readmit = "readmit";
    public const string Disabled = "disabled";

    /// <summary>The sign-in outlived <see cref="EndedSessions.MaxLifetime"/> (never stored: it follows from the ticket).</summary>
    public const string Expired = "expired";
}

/// <summary>
/// What a sign-in cookie carries about its sign-in: whose it is, an id of its own (random), the computer's exam session
/// for a candidate, and when the password or access code was checked.
/// </summary>
public sealed record SignInTicket(string Kind, long PrincipalId, string SignInId, string? DeviceSession, DateTimeOffset SignedInAt);

/// <summary>
/// Sign-ins the server has ended. With <see cref="SignInId"/>: that one sign-in (signing out). Without: every sign-in
/// of the principal made at or before <see cref="EndedAt"/>, only those on one computer when <see cref="DeviceSession"/>
/// is given (a re-admit moves the exam away from it). A later sign-in is not touched, so the person can sign in again.
/// </summary>
public sealed record SessionEnd(
    string Kind, long PrincipalId, string? SignInId, string? DeviceSession, DateTimeOffset EndedAt, string Reason);

/// <summary>
/// The ended sign-ins a node knows of, and the rule that a cookie is no longer good. Not thread-safe: the caller locks.
/// A sign-in also ends on its own <see cref="MaxLifetime"/> after the sign-in, however active, so ends older than that
/// can be forgotten.
/// </summary>
public sealed class EndedSessions(TimeSpan maxLifetime)
{
    private readonly Dictionary<string, Ended> _signIns = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Kind, long Id), Ended> _principals = [];
    private readonly Dictionary<(long Candidate, string Device), Ended> _devices = [];

    private readonly record struct Ended(DateTimeOffset At, string Reason);

    public TimeSpan MaxLifetime { get; } = maxLifetime;

    public void Add(SessionEnd end)
    {
        var ended = new Ended(end.EndedAt, end.Reason);
        if (end.SignInId is { } signIn) Later(_signIns, signIn, ended);
        else if (end.DeviceSession is { } device) Later(_devices, (end.PrincipalId, device), ended);
        else Later(_principals, (end.Kind, end.PrincipalId), ended);
    }

    /// <summary>Why this sign-in may no longer be used (a <see cref="SessionEndReason"/>), or null while it may.</summary>
    public string? EndOf(SignInTicket ticket, DateTimeOffset now)
    {
        if (now - ticket.SignedInAt > MaxLifetime) return SessionEndReason.Expired;
        if (_signIns.TryGetValue(ticket.SignInId, out var one)) return one.Reason;
        if (_principals.TryGetValue((ticket.Kind, ticket.PrincipalId), out var all) && ticket.SignedInAt <= all.At) return all.Reason;
        return ticket is { Kind: PrincipalKind.Candidate, DeviceSession: { } device }
            && _devices.TryGetValue((ticket.PrincipalId, device), out var onDevice) && ticket.SignedInAt <= onDevice.At
            ? onDevice.Reason : null;
    }

    /// <summary>Forgets ends that no live sign-in can match any more (every sign-in they could end has run out).</summary>
    public void Prune(DateTimeOffset now)
    {
        var before = now - MaxLifetime;
        Drop(_signIns, before);
        Drop(_principals, before);
        Drop(_devices, before);
    }

    public int Count => _signIns.Count + _principals.Count + _devices.Count;

    private static void Later<TKey>(Dictionary<TKey, Ended> map, TKey key, Ended ended) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var known) || ended.At > known.At) map[key] = ended;
    }

    private static void Drop<TKey>(Dictionary<TKey, Ended> map, DateTimeOffset before) where TKey : notnull
    {
        foreach (var key in map.Where(e => e.Value.At < before).Select(e => e.Key).ToList()) map.Remove(key);
    }
}
