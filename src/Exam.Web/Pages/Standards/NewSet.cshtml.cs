using Exam.Data.Rating;
using Exam.Web.Rating;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Standards;

/// <summary>A qualification set: papers of one essay set; it becomes that set's active one (raters must pass it).</summary>
public sealed class NewSetModel(Standardisation standards, RatingOptions options) : PageModel
{
    public IReadOnlyList<ValidityPaper> Papers { get; private set; } = [];

    public int Required => options.Validity.QualifyRequired;

    [BindProperty]
    public string? EssaySet { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public List<long> PaperIds { get; set; } = [];

    public string? Error { get; private set; }

    public async Task OnGetAsync() => Papers = (await standards.CatalogueAsync(HttpContext.RequestAborted)).Papers;

    public async Task<IActionResult> OnPostAsync()
    {
        var (id, error) = await standards.CreateSetAsync(EssaySet, Title, PaperIds, User.Identity!.Name!, HttpContext.RequestAborted);
        if (id is not null)
        {
            TempData["Message"] = $"Qualification set \"{Title?.Trim()}\" is now the active one for {EssaySet}.";
            return Redirect("/Standards");
        }
        Papers = (await standards.CatalogueAsync(HttpContext.RequestAborted)).Papers;
        Error = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
