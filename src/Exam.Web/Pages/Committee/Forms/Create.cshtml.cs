using Exam.Web.Committee;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.Forms;

public sealed class CreateModel(FormBuilder forms, BankBlueprintSource blueprints) : PageModel
{
    [BindProperty] public FormSettingsInput Settings { get; set; } = new();
    [TempData] public string? Message { get; set; }
    public IReadOnlyList<InputProblem> Problems { get; private set; } = [];

    public async Task OnGetAsync() => Settings = FormSettingsInput.Defaults(await blueprints.CurrentAsync(HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostAsync()
    {
        var (id, problems) = await forms.CreateAsync(User.Identity!.Name!, Settings, HttpContext.RequestAborted);
        if (id is null)
        {
            Problems = problems;
            return Page();
        }
        Message = $"Form {id} created as a draft. Assemble Part One next.";
        return RedirectToPage("Details", new { id });
    }
}
