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
public sealed class RateModel(RatingService rating, RatingOptions options) : PageModel
{
    public int HeartbeatSeconds => options.HeartbeatSeconds;

    public RatingWork Work { get; private set; } = null!;

    /// <summary>Set when the rater's claim lapsed and another rater has the response: the page hands back their draft.</summary>
    public Exam.Core.ItemBank.Rubric? LostRubric { get; private set; }

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
        if (await rating.OpenAsync(RaterId, code, HttpContext.RequestAborted) is not { } work)
            return await ShowLostAsync(code, RatingService.TakenMessage);
        Work = work;
        Scores = work.Scores.ToDictionary(p => p.Key, p => (int?)p.Value);
        Feedback = work.Feedback;
        return Page();
    }

    public async Task<IActionResult> OnPostAutosaveAsync(string code, [FromBody] DraftRequest draft)
    {
        var result = await rating.SaveDraftAsync(RaterId, code, draft.Scores ?? [], draft.Feedback, User.Identity!.Name, HttpContext.RequestAborted);
        return result.Outcome switch
        {
            RatingOutcome.Done => new JsonResult(new { saved = true, leaseUntil = result.LeaseUntil }),
            RatingOutcome.NotFound => NotFound(),
            RatingOutcome.Invalid => BadRequest(new { saved = false, message = result.Message }),
            _ => new ConflictObjectResult(new { saved = false, message = result.Message }),
        };
    }

    /// <summary>Sent by the open page every little while, typing or not, so an open page never loses its claim.</summary>
    public async Task<IActionResult> OnPostHeartbeatAsync(string code)
    {
        var result = await rating.HeartbeatAsync(RaterId, User.Identity!.Name!, code, HttpContext.RequestAborted);
        return result.Outcome switch
        {
            RatingOutcome.Done => new JsonResult(new { held = true, leaseUntil = result.LeaseUntil }),
            RatingOutcome.NotFound => NotFound(),
            _ => new ConflictObjectResult(new { held = false, taken = result.Outcome == RatingOutcome.Taken, message = result.Message }),
        };
    }

    public async Task<IActionResult> OnPostDraftAsync(string code)
    {
        var result = await rating.SaveDraftAsync(RaterId, code, Scores, Feedback, User.Identity!.Name, HttpContext.RequestAborted);
        if (result.Outcome == RatingOutcome.NotFound) return NotFound();
        if (result.Outcome == RatingOutcome.Taken) return await ShowLostAsync(code, result.Message);
        if (!result.Ok) return await ShowAsync(code, result.Message);
        Message = "Draft saved.";
        return Redirect("/Rating/Rate/" + code);
    }

    public async Task<IActionResult> OnPostSubmitAsync(string code)
    {
        var result = await rating.SubmitAsync(RaterId, User.Identity!.Name!, code, Scores, Feedback, HttpContext.RequestAborted);
        if (result.Outcome == RatingOutcome.NotFound) return NotFound();
        if (result.Outcome == RatingOutcome.Taken) return await ShowLostAsync(code, result.Message);
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

    // Another rater has the response now: no essay, only what this rater entered, for them to copy. 409, not 404.
    private async Task<IActionResult> ShowLostAsync(string code, string? message)
    {
        if (await rating.LostRubricAsync(RaterId, code, HttpContext.RequestAborted) is not { } rubric) return NotFound();
        LostRubric = rubric;
        Error = message;
        Response.StatusCode = StatusCodes.Status409Conflict;
        ViewData["Code"] = code;
        return Page();
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
