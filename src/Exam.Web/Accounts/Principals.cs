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

    public static ClaimsPrincipal ForStaff(StaffAccount account)
    {
        var claims = new List<Claim>
        {
            new(KindClaim, "staff"),
            new(IdClaim, account.Id.ToString()),
            new(ClaimTypes.Name, account.UserName),
            new(ClaimTypes.GivenName, account.DisplayName),
        };
        claims.AddRange(account.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    /// <summary>
    /// A candidate, with this sign-in's session id (an attempt belongs to one session at a time) and the registration
    /// their access code was issued for when there is one.
    /// </summary>
    public static ClaimsPrincipal ForCandidate(Candidate candidate, string sessionId, long? registrationId = null)
    {
        var claims = new List<Claim>
        {
            new(KindClaim, "candidate"),
            new(SessionClaim, sessionId),
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

    public static bool IsStaff(this ClaimsPrincipal user) => user.FindFirstValue(KindClaim) == "staff";

    public static long? AccountId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(IdClaim), out var id) ? id : null;

    /// <summary>Where a signed-in user lands: the first area their roles open.</summary>
    public static string HomePage(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Candidate) ? "/Candidate" :
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Coordinator) ? "/Admin" :
        user.IsInRole(Roles.Committee) ? "/Committee" :
        user.IsInRole(Roles.LeadRater) || user.IsInRole(Roles.Rater) ? "/Rating" :
        user.IsInRole(Roles.Proctor) ? "/Proctor" : "/";
}
