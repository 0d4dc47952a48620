using Exam.Core.ItemBank;
using Exam.Data.ItemBank;
using Exam.Web.Committee;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.Items;

public sealed class EditModel(ItemEditor editor) : PageModel
{
    [BindProperty] public ItemInput Input { get; set; } = new();
    [TempData] public string? Message { get; set; }

    public StoredItemVersion Latest { get; private set; } = null!;
    public IReadOnlyList<Rubric> Rubrics { get; private set; } = [];
    public IReadOnlyList<string> Enemies { get; private set; } = [];
    public IReadOnlyList<InputProblem> Problems { get; private set; } = [];
    public ItemPreview? Preview { get; private set; }
    public string? Notice { get; private set; }

    public ItemFields Fields => new(Latest.Content.Type, Input, Problems, Rubrics);

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Input = ItemInput.From(Latest, Enemies);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Preview = editor.Preview(Latest.Content.Type, Input);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        var outcome = await editor.SaveAsync(User.Identity!.Name!, id, Input, HttpContext.RequestAborted);
        switch (outcome.Kind)
        {
            case SaveKind.NotFound:
                return NotFound();
            case SaveKind.Saved:
                Message = outcome.Message;
                return RedirectToPage("Details", new { id });
        }
        if (!await LoadAsync(id)) return NotFound();
        if (outcome.Kind == SaveKind.Stale) Problems = [new InputProblem("Body", outcome.Message!)];
        else if (outcome.Kind == SaveKind.NoChanges) Notice = outcome.Message;
        else Problems = outcome.AllProblems;
        return Page();
    }

    private async Task<bool> LoadAsync(string id)
    {
        var (latest, enemies, rubrics) = await editor.LoadAsync(id, HttpContext.RequestAborted);
        if (latest is null) return false;
        (Latest, Enemies, Rubrics) = (latest, enemies, rubrics);
        return true;
    }
}
