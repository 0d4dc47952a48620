using Exam.Core.Blueprint;
using Exam.Web.Committee;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.Blueprint;

public sealed class IndexModel(BankBlueprintEditor editor) : PageModel
{
    [BindProperty] public string? Document { get; set; }
    [BindProperty] public int BaseVersion { get; set; }
    [TempData] public string? Message { get; set; }

    public int Version { get; private set; }
    public BankBlueprint Bank { get; private set; } = null!;
    public IReadOnlyList<InputProblem> Problems { get; private set; } = [];

    public async Task OnGetAsync()
    {
        (Version, var text, Bank) = await editor.LoadAsync(HttpContext.RequestAborted);
        Document = text;
        BaseVersion = Version;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await editor.SaveAsync(User.Identity!.Name!, BaseVersion, Document, HttpContext.RequestAborted);
        if (outcome.Problems.Count == 0)
        {
            Message = outcome.Message;
            return RedirectToPage();
        }
        (Version, _, Bank) = await editor.LoadAsync(HttpContext.RequestAborted);
        Problems = outcome.Problems;
        return Page();
    }
}
