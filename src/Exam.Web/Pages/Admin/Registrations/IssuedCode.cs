using System.Globalization;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Exam.Web.Pages.Admin.Registrations;

/// <summary>
/// Carries a freshly issued plain code between requests through TempData (an encrypted cookie), each hop reading it
/// once: issue → the registration page shows it → the letter prints it. Only the hash is in the database.
/// </summary>
internal static class IssuedCode
{
    private static string ShowKey(long registrationId) => "issued-code:" + registrationId.ToString(CultureInfo.InvariantCulture);
    private static string LetterKey(long registrationId) => "letter-code:" + registrationId.ToString(CultureInfo.InvariantCulture);

    public static void ToShow(ITempDataDictionary tempData, long registrationId, string code) => tempData[ShowKey(registrationId)] = code;

    /// <summary>The code to show now, if it was just issued; it is then handed on to the letter, once.</summary>
    public static string? TakeToShow(ITempDataDictionary tempData, long registrationId)
    {
        if (tempData[ShowKey(registrationId)] is not string code) return null;
        tempData[LetterKey(registrationId)] = code;
        return code;
    }

    /// <summary>A code issued where no registration page shows it (a roster import): it goes straight to the letter, once.</summary>
    public static void ForLetter(ITempDataDictionary tempData, long registrationId, string code) => tempData[LetterKey(registrationId)] = code;

    public static string? TakeForLetter(ITempDataDictionary tempData, long registrationId) => tempData[LetterKey(registrationId)] as string;
}
