using Exam.Web.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Rating;

/// <summary>
/// The feedback review of one sitting, for the committee and for lead raters (the same page, _FeedbackReview.cshtml):
/// approve the proposed feedback or save an edited text, over the version and proposal the reviewer saw.
/// </summary>
public abstract class FeedbackReviewPage(FeedbackReviews reviews) : PageModel
{
    public SittingFeedback? Feedback { get; private set; }

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Error { get; set; }

    protected async Task<IActionResult> ShowAsync(long id)
    {
        if (await reviews.ForSittingAsync(id, HttpContext.RequestAborted) is not { } feedback) return NotFound();
        Feedback = feedback;
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(long id, string code, int version, string? proposal) =>
        ReviewAsync(id, code, null, version, proposal);

    public Task<IActionResult> OnPostEditAsync(long id, string code, int version, string? proposal, string? text) =>
        ReviewAsync(id, code, text ?? "", version, proposal);

    private async Task<IActionResult> ReviewAsync(long id, string code, string? edited, int version, string? proposal)
    {
        var (outcome, message) = await reviews.ReviewAsync(code ?? "", edited, version, proposal, User.Identity!.Name!, HttpContext.RequestAborted);
        if (outcome == ReviewOutcome.NotFound) return NotFound();
        if (outcome == ReviewOutcome.Refused) Error = message;
        else Message = edited is null ? $"Feedback on {code} approved." : $"Edited feedback on {code} saved.";
        return Redirect(Request.Path);
    }
}
