using Exam.Core.ItemBank;
using Exam.Web.Delivery;
using Exam.Web.Rating;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Standards;

/// <summary>
/// A new validity paper: from a response of an earlier sitting (by its code; the essay is copied and raters will see
/// it under new codes) or an exemplar written for a form's prompt; then agreed scores per criterion and a rationale.
/// </summary>
public sealed class CreateModel(Standardisation standards) : PageModel
{
    public IReadOnlyList<(string FormId, DeliveredEssay Essay, Rubric Rubric)> Prompts { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Prompt { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? ResponseCode { get; set; }

    [BindProperty]
    public string? EssayText { get; set; }

    [BindProperty]
    public Dictionary<string, int?> Scores { get; set; } = [];

    [BindProperty]
    public string? Rationale { get; set; }

    public string? Error { get; private set; }

    public (string FormId, DeliveredEssay Essay, Rubric Rubric)? Chosen => Prompts.Cast<(string, DeliveredEssay, Rubric)?>()
        .FirstOrDefault(p => Key(p!.Value.Item1, p.Value.Item2.ItemVersionId) == Prompt);

    public static string Key(string formId, long itemVersionId) => $"{formId}:{itemVersionId}";

    public async Task OnGetAsync() => Prompts = await standards.PromptsAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        Prompts = await standards.PromptsAsync(HttpContext.RequestAborted);
        if (Chosen is not { } chosen) { Error = "Choose the prompt first."; Response.StatusCode = 400; return Page(); }
        var (id, error) = await standards.CreatePaperAsync(new PaperDraft(Title, ResponseCode, chosen.FormId, chosen.Essay.ItemVersionId,
            EssayText, Scores, Rationale), User.Identity!.Name!, HttpContext.RequestAborted);
        if (id is null)
        {
            Error = error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        TempData["Message"] = $"Validity paper \"{Title?.Trim()}\" saved.";
        return Redirect("/Standards");
    }
}
