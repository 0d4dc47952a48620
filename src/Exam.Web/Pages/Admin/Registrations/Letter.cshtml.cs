using Exam.Web.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Admin.Registrations;

/// <summary>One admission letter as the letter pages show it; <see cref="Alone"/> when it is the page's only letter.</summary>
public sealed record LetterView(AdmissionLetter Letter, string SignInAddress, bool Alone);

public sealed class LetterModel(RegistrationService registrations) : PageModel
{
    public AdmissionLetter Letter { get; private set; } = null!;
    public string SignInAddress { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var letter = await registrations.LetterAsync(id, IssuedCode.TakeForLetter(TempData, id), HttpContext.RequestAborted);
        if (letter is null) return NotFound();
        Letter = letter;
        SignInAddress = $"{Request.Scheme}://{Request.Host}{Request.PathBase}/Account/CandidateSignIn";
        return Page();
    }
}
