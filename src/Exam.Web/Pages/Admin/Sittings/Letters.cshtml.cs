using Exam.Web.Pages.Admin.Registrations;
using Exam.Web.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Admin.Sittings;

/// <summary>
/// Every admission letter of the sitting on one printable page, a page break after each. A code just issued (by an
/// import, or a registration) is printed once, as on the single letter; the others say how to get a new one.
/// </summary>
public sealed class LettersModel(RegistrationService registrations) : PageModel
{
    public string SittingTitle { get; private set; } = "";
    public long SittingId { get; private set; }
    public IReadOnlyList<AdmissionLetter> Letters { get; private set; } = [];
    public string SignInAddress { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var letters = await registrations.LettersForSittingAsync(id, r => IssuedCode.TakeForLetter(TempData, r), HttpContext.RequestAborted);
        if (letters is null) return NotFound();
        (SittingId, SittingTitle, Letters) = (id, letters.Value.Title, letters.Value.Letters);
        SignInAddress = $"{Request.Scheme}://{Request.Host}{Request.PathBase}/Account/CandidateSignIn";
        return Page();
    }
}
