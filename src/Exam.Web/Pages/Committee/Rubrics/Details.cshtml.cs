using Exam.Web.Committee;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.Rubrics;

public sealed class DetailsModel(RubricCatalog catalog, RubricReview review) : PageModel
{
    /// <summary>The version the person read when they acted: a step applies only if it is still the latest.</summary>
    [BindProperty] public string? Version { get; set; }
    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public bool Confirm { get; set; }
    [TempData] public string? Message { get; set; }

    public RubricView Rubric { get; private set; } = null!;
    public string? Error { get; private set; }

    /// <summary>The step that was refused, so its comment box keeps what was typed.</summary>
    public ReviewAction? Refused { get; private set; }

    public string? CommentFor(ReviewAction action) => Refused == action ? Comment : null;

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostSubmitAsync(string id) => ActAsync(id, ReviewAction.Submit);

    public Task<IActionResult> OnPostRequestChangesAsync(string id) => ActAsync(id, ReviewAction.RequestChanges);

    public Task<IActionResult> OnPostApproveAsync(string id) => ActAsync(id, ReviewAction.Approve);

    public Task<IActionResult> OnPostRetireAsync(string id) => ActAsync(id, ReviewAction.Retire);

    /// <summary>A refused step is a 400 with the reason on the page (and nothing changed).</summary>
    private async Task<IActionResult> ActAsync(string id, ReviewAction action)
    {
        var outcome = await review.ActAsync(User.Identity!.Name!, id, Version, action, Comment, Confirm, HttpContext.RequestAborted);
        if (outcome.Succeeded)
        {
            Message = outcome.Message;
            return RedirectToPage(new { id });
        }
        if (!await LoadAsync(id)) return NotFound();
        Error = outcome.Message;
        Refused = action;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(string id)
    {
        var rubric = await catalog.ViewAsync(id, HttpContext.RequestAborted);
        if (rubric is null) return false;
        Rubric = rubric;
        return true;
    }
}
