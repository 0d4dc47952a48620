using Exam.Web.Committee;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.Forms;

public sealed class SwapModel(FormBuilder forms) : PageModel
{
    [BindProperty] public string? Replacement { get; set; }
    [TempData] public string? Message { get; set; }

    public FormView Form { get; private set; } = null!;
    public PinnedItem Current { get; private set; } = null!;
    public IReadOnlyList<ItemRow> Replacements { get; private set; } = [];
    public IReadOnlyList<InputProblem> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, int position) => await LoadAsync(id, position) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string id, int position)
    {
        var outcome = await forms.SwapAsync(User.Identity!.Name!, id, position, Replacement, HttpContext.RequestAborted);
        if (outcome.Succeeded)
        {
            Message = outcome.Message;
            return RedirectToPage("Details", new { id });
        }
        if (!await LoadAsync(id, position)) return NotFound();
        Problems = outcome.Problems;
        return Page();
    }

    private async Task<bool> LoadAsync(string id, int position)
    {
        var found = await forms.SwapChoicesAsync(id, position, HttpContext.RequestAborted);
        if (found is null) return false;
        (Form, Current, Replacements) = found.Value;
        return true;
    }
}
