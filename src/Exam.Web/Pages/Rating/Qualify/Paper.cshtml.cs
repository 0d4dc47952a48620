using Exam.Web.Accounts;
using Exam.Web.Rating;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Rating.Qualify;

/// <summary>One practice paper of a qualification attempt; after submitting, the agreed scores and rationale.</summary>
public sealed class PaperModel(Standardisation standards) : PageModel
{
    public PracticePaper Paper { get; private set; } = null!;

    [BindProperty]
    public Dictionary<string, int?> Scores { get; set; } = [];

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code)
    {
        if (await standards.PracticeAsync(User.AccountId()!.Value, code, HttpContext.RequestAborted) is not { } paper) return NotFound();
        Paper = paper;
        Scores = paper.Given.ToDictionary(p => p.Key, p => (int?)p.Value);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code)
    {
        var error = await standards.SubmitPracticeAsync(User.AccountId()!.Value, code, Scores, User.Identity!.Name!, HttpContext.RequestAborted);
        if (await standards.PracticeAsync(User.AccountId()!.Value, code, HttpContext.RequestAborted) is not { } paper) return NotFound();
        if (error is null) return Redirect("/Rating/Qualify/Paper/" + code);
        Paper = paper;
        Error = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
