using Exam.Core.ItemBank;
using Exam.Data.Rating;
using Exam.Web.Rating;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Standards;

/// <summary>One validity paper: the essay, the agreed scores and rationale, every version; saving makes a new version.</summary>
public sealed class PaperModel(Standardisation standards) : PageModel
{
    public ValidityPaper Paper { get; private set; } = null!;
    public IReadOnlyList<ValidityPaperVersion> Versions { get; private set; } = [];
    public Rubric Rubric { get; private set; } = null!;
    public string PromptHtml { get; private set; } = "";

    [BindProperty]
    public Dictionary<string, int?> Scores { get; set; } = [];

    [BindProperty]
    public string? Rationale { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Scores = RatingService.Scores(Paper.ScoresJson).ToDictionary(p => p.Key, p => (int?)p.Value);
        Rationale = Paper.Rationale;
        Version = Paper.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        var error = await standards.ReviseAsync(id, Version, Scores, Rationale, User.Identity!.Name!, HttpContext.RequestAborted);
        if (!await LoadAsync(id)) return NotFound();
        if (error is null) return Redirect($"/Standards/Paper/{id}");
        Error = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(long id)
    {
        var (paper, versions, rubric, prompt) = await standards.PaperAsync(id, HttpContext.RequestAborted);
        if (paper is null) return false;
        (Paper, Versions, Rubric, PromptHtml) = (paper, versions, rubric!, prompt!);
        return true;
    }
}
