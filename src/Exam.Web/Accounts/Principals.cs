using System.Globalization;
using System.Security.Claims;
using Exam.Core.Accounts;
using Exam.Data.Accounts;

namespace Exam.Web.Accounts;

/// <summary>Builds the cookie principal for staff and candidates, and reads it back.</summary>
public static class Principals
{
    public const string Scheme = "Cookies";
    public const string KindClaim = "exam:kind";
    public const string IdClaim = "exam:id";
    public const string RegistrationClaim = "exam:registration";

    /// <summary>Identifies one sign-in of a candidate: an attempt belongs to one session at a time.</summary>
    public const string SessionClaim = "exam:session";

    /// <summary>This sign-in's own id and when it was made: what the server ends on sign-out (see <see cref="SignInSessions"/>).</summary>
    public const string SignInClaim = "exam:sign-in";
    public const string SignedInClaim = "exam:signed-in";

    public static ClaimsPrincipal ForStaff(StaffAccount account, SignInTicket ticket)
    {
        var claims = new List<Claim>
        {
            new(KindClaim, PrincipalKind.Staff),
            new(SignInClaim, ticket.SignInId),
            new(SignedInClaim, ticket.SignedInAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            new(IdClaim, account.Id.ToString()),
            new(ClaimTypes.Name, account.UserName),
            new(ClaimTypes.GivenName, account.DisplayName),
        };
        claims.AddRange(account.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    /// <summary>
    /// A candidate, with this computer's session id (the ticket's device session: an attempt belongs to one session at a
    /// time) and the registration their access code was issued for when there is one.
    /// </summary>
    public static ClaimsPrincipal ForCandidate(Candidate candidate, SignInTicket ticket, long? registrationId = null)
    {
        var claims = new List<Claim>
        {
            new(KindClaim, PrincipalKind.Candidate),
            new(SessionClaim, ticket.DeviceSession ?? throw new ArgumentException("A candidate's sign-in belongs to a computer's session.", nameof(ticket))),
            new(SignInClaim, ticket.SignInId),
            new(SignedInClaim, ticket.SignedInAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            new(IdClaim, candidate.Id.ToString()),
            new(ClaimTypes.Name, candidate.CandidateNumber),
            new(ClaimTypes.Role, Roles.Candidate),
        };
        if (registrationId is { } id) claims.Add(new Claim(RegistrationClaim, id.ToString(CultureInfo.InvariantCulture)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    /// <summary>The registration a candidate signed in for, or null.</summary>
    public static long? RegistrationId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(RegistrationClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static string? SessionId(this ClaimsPrincipal user) => user.FindFirstValue(SessionClaim);

    public static bool IsStaff(this ClaimsPrincipal user) => user.FindFirstValue(KindClaim) == PrincipalKind.Staff;

    /// <summary>The sign-in this cookie belongs to; null for a cookie made before sign-ins had ids (it is refused).</summary>
    public static SignInTicket? Ticket(this ClaimsPrincipal user)
    {
        var kind = user.FindFirstValue(KindClaim);
        if (kind is not (PrincipalKind.Staff or PrincipalKind.Candidate) || user.AccountId() is not { } id
            || user.FindFirstValue(SignInClaim) is not { Length: > 0 } signIn
            || !long.TryParse(user.FindFirstValue(SignedInClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
            return null;
        var device = kind == PrincipalKind.Candidate ? user.SessionId() : null;
        if (kind == PrincipalKind.Candidate && device is null) return null;
        return new SignInTicket(kind, id, signIn, device, DateTimeOffset.FromUnixTimeMilliseconds(ms));
    }

    public static long? AccountId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(IdClaim), out var id) ? id : null;

    /// <summary>
    /// Where a signed-in user lands: the first area their roles open. Never "/" for a role: the home page sends a
    /// signed-in user here, so a role without an area of its own would loop.
    /// </summary>
    public static string HomePage(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Candidate) ? "/Candidate" :
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Coordinator) ? "/Admin" :
        user.IsInRole(Roles.Committee) ? "/Committee" :
        user.IsInRole(Roles.LeadRater) || user.IsInRole(Roles.Rater) ? "/Rating" :
        user.IsInRole(Roles.Proctor) ? "/Proctor" :
        user.IsInRole(Roles.Panelist) ? "/Panel" : "/Account/AccessDenied";
}
