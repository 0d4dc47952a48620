using Exam.Data.ItemBank;
using Exam.Web.Committee;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.Rubrics;

public sealed class DiffModel(RubricCatalog catalog) : PageModel
{
    [BindProperty(SupportsGet = true)] public int From { get; set; }
    [BindProperty(SupportsGet = true)] public int To { get; set; }

    public StoredRubricVersion Before { get; private set; } = null!;
    public StoredRubricVersion After { get; private set; } = null!;
    public IReadOnlyList<StoredRubricVersion> Versions { get; private set; } = [];
    public VersionComparison Comparison { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var found = await catalog.VersionsAsync(id, From, To, HttpContext.RequestAborted);
        if (found is null) return NotFound();
        (Before, After, Versions) = found.Value;
        Comparison = VersionComparison.Of(Before.Content, After.Content);
        return Page();
    }
}
