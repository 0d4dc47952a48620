using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace Exam.Web.Accounts;

/// <summary>
/// Lets a candidate come back to their exam on the same computer without the proctor (after signing out, or after
/// the browser crashed): at sign-in this browser is given a cookie, protected so that it cannot be made or changed
/// elsewhere, holding the candidate and the session id of the sign-in. When the same candidate signs in again from
/// the same browser, the sign-in takes that session id again, so the attempt, which belongs to one session, is
/// still theirs. Another computer has no such cookie and gets a new session: it still needs the proctor's re-admit.
/// When the proctor re-admits the candidate on another computer the attempt moves to that computer's session, so
/// the old computer's cookie no longer fits either.
/// </summary>
public sealed class ExamDevice(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookieName = "exam-device";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(2); // longer than any sitting day

    private IDataProtector Protector => protection.CreateProtector("Exam.Web.Accounts.ExamDevice.v1");

    /// <summary>The session id this browser had for this candidate, or a new one.</summary>
    public string SessionFor(HttpContext http, long candidateId)
    {
        if (http.Request.Cookies.TryGetValue(CookieName, out var value) && Read(value) is var (candidate, session) && candidate == candidateId)
            return session;
        return Guid.NewGuid().ToString("N");
    }

    public void Remember(HttpContext http, long candidateId, string sessionId) =>
        http.Response.Cookies.Append(CookieName, Protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{candidateId}|{sessionId}")),
            new CookieOptions
            {
                HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Strict, Path = "/",
                Expires = clock.GetUtcNow() + Lifetime, IsEssential = true,
            });

    private (long Candidate, string Session)? Read(string value)
    {
        try
        {
            var parts = Protector.Unprotect(value).Split('|');
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) && parts[1].Length > 0
                ? (id, parts[1]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // made or changed elsewhere, or from keys no longer held: a new session
        }
    }
}
