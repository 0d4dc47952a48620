using Exam.Web.Pages.Rating;
using Exam.Web.Results;
using Microsoft.AspNetCore.Mvc;

namespace Exam.Web.Pages.Committee.Results;

/// <summary>The committee reviews the feedback of a sitting's essays before releasing its results.</summary>
public sealed class FeedbackModel(FeedbackReviews reviews) : FeedbackReviewPage(reviews)
{
    public Task<IActionResult> OnGetAsync(long id) => ShowAsync(id);
}
