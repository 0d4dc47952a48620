using Exam.Data.ItemBank;
using Exam.Web.Committee;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.Rubrics;

public sealed class EditModel(RubricEditor editor) : PageModel
{
    [BindProperty] public RubricInput Input { get; set; } = new();
    [TempData] public string? Message { get; set; }

    public StoredRubricVersion Latest { get; private set; } = null!;
    public IReadOnlyList<InputProblem> Problems { get; private set; } = [];
    public string? Notice { get; private set; }

    public RubricFields Fields => new(Input, Problems);

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (await editor.LatestAsync(id, HttpContext.RequestAborted) is not { } latest) return NotFound();
        Latest = latest;
        Input = RubricInput.From(latest);
        return Page();
    }

    /// <summary>Saved: to the rubric's page. Bad input or a stale editor: 400 with the problems, nothing saved.</summary>
    public async Task<IActionResult> OnPostAsync(string id)
    {
        var outcome = await editor.SaveAsync(User.Identity!.Name!, id, Input, HttpContext.RequestAborted);
        if (outcome.Kind == SaveKind.NotFound) return NotFound();
        if (outcome.Kind == SaveKind.Saved)
        {
            Message = outcome.Message;
            return RedirectToPage("Details", new { id });
        }
        if (await editor.LatestAsync(id, HttpContext.RequestAborted) is not { } latest) return NotFound();
        Latest = latest;
        if (outcome.Kind == SaveKind.NoChanges)
        {
            Notice = outcome.Message;
            return Page();
        }
        Problems = outcome.Kind == SaveKind.Stale ? [new InputProblem("Input_Title", outcome.Message!)] : outcome.AllProblems;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
