using Exam.Core.Accounts;
using Exam.Web.Accounts;
using Exam.Web.Rating;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Rating;

/// <summary>The rater's queue: waiting responses per set (live over the rating hub), their claims, "Start next".</summary>
public sealed class IndexModel(RatingService rating) : PageModel
{
    public QueueView Queue { get; private set; } = new([], [], [], false, false);

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync() =>
        Queue = await rating.QueueAsync(User.AccountId()!.Value, User.IsInRole(Roles.LeadRater), HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostStartNextAsync(bool adjudication)
    {
        if (adjudication && !User.IsInRole(Roles.LeadRater)) return Forbid();
        var next = await rating.StartNextAsync(User.AccountId()!.Value, User.Identity!.Name!, adjudication, HttpContext.RequestAborted);
        if (next.Code is null)
        {
            // One message whatever the reason (taken by others, already read by you, a declared conflict): it must
            // not tell a rater that the responses still counted are ones their declarations excluded.
            if (next.MustQualify && !adjudication) return Redirect("/Rating/Qualify");
            Message = next.WindowClosed ? "Rating is closed: no rating window is open."
                : adjudication ? "No response is waiting for adjudication that you can take just now."
                : "No response is waiting that you can take just now.";
            return RedirectToPage();
        }
        return Redirect("/Rating/Rate/" + next.Code);
    }
}
