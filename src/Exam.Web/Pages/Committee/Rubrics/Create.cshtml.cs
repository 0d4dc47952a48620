using Exam.Web.Committee;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.Rubrics;

public sealed class CreateModel(RubricEditor editor) : PageModel
{
    [BindProperty] public RubricInput Input { get; set; } = new();
    [TempData] public string? Message { get; set; }

    public IReadOnlyList<InputProblem> Problems { get; private set; } = [];

    public RubricFields Fields => new(Input, Problems);

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await editor.CreateAsync(User.Identity!.Name!, Input, HttpContext.RequestAborted);
        if (outcome.Kind == SaveKind.Saved)
        {
            Message = outcome.Message;
            return RedirectToPage("Details", new { id = Input.Id!.Trim() });
        }
        Problems = outcome.AllProblems;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
