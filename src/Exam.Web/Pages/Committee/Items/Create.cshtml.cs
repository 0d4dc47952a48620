using Exam.Core.ItemBank;
using Exam.Web.Committee;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.Items;

public sealed class CreateModel(ItemEditor editor) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty] public string? Id { get; set; }
    [BindProperty] public ItemInput Input { get; set; } = new();
    [TempData] public string? Message { get; set; }

    public IReadOnlyList<Rubric> Rubrics { get; private set; } = [];
    public IReadOnlyList<InputProblem> Problems { get; private set; } = [];
    public ItemPreview? Preview { get; private set; }

    public ItemType ItemType => ItemBankCodes.TryParse(Type, out ItemType t) ? t : ItemType.Mcq;

    public ItemFields Fields => new(ItemType, Input, Problems, Rubrics);

    public async Task OnGetAsync()
    {
        Input = ItemInput.Blank(ItemType);
        Rubrics = await editor.RubricsAsync(HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        Rubrics = await editor.RubricsAsync(HttpContext.RequestAborted);
        Preview = editor.Preview(ItemType, Input);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await editor.CreateAsync(User.Identity!.Name!, Id, ItemType, Input, HttpContext.RequestAborted);
        if (outcome.Kind == SaveKind.Saved)
        {
            Message = $"Item {outcome.Version!.ItemId} created as version 1, a draft.";
            return RedirectToPage("Details", new { id = outcome.Version.ItemId });
        }
        Rubrics = await editor.RubricsAsync(HttpContext.RequestAborted);
        Problems = outcome.AllProblems;
        return Page();
    }
}
