using Exam.Web.Accounts;
using Exam.Web.Rating;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Rating;

public sealed record DraftRequest(Dictionary<string, int?>? Scores, string? Feedback);

/// <summary>
/// Rating one response, known here only by its code: the prompt, the rubric, the essay as plain text, a score per
/// criterion and feedback. Drafts save as the rater works and renew the claim; submitting is final.
/// </summary>
public sealed class RateModel(RatingService rating) : PageModel
{
    public RatingWork Work { get; private set; } = null!;

    [BindProperty]
    public Dictionary<string, int?> Scores { get; set; } = [];

    [BindProperty]
    public string? Feedback { get; set; }

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    private long RaterId => User.AccountId()!.Value;

    public async Task<IActionResult> OnGetAsync(string code)
    {
        if (await rating.OpenAsync(RaterId, code, HttpContext.RequestAborted) is not { } work) return NotFound();
        Work = work;
        Scores = work.Scores.ToDictionary(p => p.Key, p => (int?)p.Value);
        Feedback = work.Feedback;
        return Page();
    }

    public async Task<IActionResult> OnPostAutosaveAsync(string code, [FromBody] DraftRequest draft)
    {
        var result = await rating.SaveDraftAsync(RaterId, code, draft.Scores ?? [], draft.Feedback, HttpContext.RequestAborted);
        return result.Outcome switch
        {
            RatingOutcome.Done => new JsonResult(new { saved = true, leaseUntil = result.LeaseUntil }),
            RatingOutcome.NotFound => NotFound(),
            RatingOutcome.Invalid => BadRequest(new { saved = false, message = result.Message }),
            _ => new ConflictObjectResult(new { saved = false, message = result.Message }),
        };
    }

    public async Task<IActionResult> OnPostDraftAsync(string code)
    {
        var result = await rating.SaveDraftAsync(RaterId, code, Scores, Feedback, HttpContext.RequestAborted);
        if (result.Outcome == RatingOutcome.NotFound) return NotFound();
        if (!result.Ok) return await ShowAsync(code, result.Message);
        Message = "Draft saved.";
        return Redirect("/Rating/Rate/" + code);
    }

    public async Task<IActionResult> OnPostSubmitAsync(string code)
    {
        var result = await rating.SubmitAsync(RaterId, User.Identity!.Name!, code, Scores, Feedback, HttpContext.RequestAborted);
        if (result.Outcome == RatingOutcome.NotFound) return NotFound();
        if (!result.Ok) return await ShowAsync(code, result.Message);
        TempData["Message"] = $"Rating of {code} submitted.";
        return Redirect("/Rating");
    }

    public async Task<IActionResult> OnPostReleaseAsync(string code)
    {
        var result = await rating.ReleaseAsync(RaterId, User.Identity!.Name!, code, HttpContext.RequestAborted);
        if (result.Outcome == RatingOutcome.NotFound) return NotFound();
        TempData["Message"] = result.Ok ? $"{code} went back to the queue." : result.Message;
        return Redirect("/Rating");
    }

    // A refused submission shows the page again with what the rater entered: nothing is lost.
    private async Task<IActionResult> ShowAsync(string code, string? error)
    {
        if (await rating.OpenAsync(RaterId, code, HttpContext.RequestAborted) is not { } work) return NotFound();
        Work = work;
        Error = error;
        return Page();
    }
}
