using Exam.Core.Accounts;
using Exam.Data.Scheduling;
using Exam.Web.Results;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Exam.Web.Pages.Rating;

/// <summary>Lead raters review the feedback candidates will get: the sittings with final essays, then one sitting's essays.</summary>
[Authorize(Roles = Roles.LeadRater)]
public sealed class FeedbackModel(FeedbackReviews reviews) : FeedbackReviewPage(reviews)
{
    private readonly FeedbackReviews _reviews = reviews;

    public IReadOnlyList<(Sitting Sitting, int Essays, int Held)> Sittings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long? id)
    {
        if (id is { } sittingId) return await ShowAsync(sittingId);
        Sittings = await _reviews.SittingsAsync(HttpContext.RequestAborted);
        return Page();
    }
}
