using Exam.Web.Accounts;
using Exam.Web.Rating;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Rating.Qualify;

/// <summary>The rater's qualification in the open window: per essay set, the set to rate, their attempt and standing.</summary>
public sealed class IndexModel(Standardisation standards, RatingOptions options) : PageModel
{
    public QualificationOverview Overview { get; private set; } = new(false, false, []);

    public ValidityOptions Rule => options.Validity;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync() => Overview = await standards.OverviewAsync(User.AccountId()!.Value, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostStartAsync(string? essaySet)
    {
        if (await standards.StartAsync(User.AccountId()!.Value, essaySet ?? "", User.Identity!.Name!, HttpContext.RequestAborted) is { } error)
            Message = error;
        return RedirectToPage();
    }
}
