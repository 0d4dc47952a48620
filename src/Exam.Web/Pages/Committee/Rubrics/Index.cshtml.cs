using Exam.Web.Committee;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.Rubrics;

public sealed class IndexModel(RubricCatalog catalog) : PageModel
{
    public IReadOnlyList<RubricRow> Rows { get; private set; } = [];

    public async Task OnGetAsync() => Rows = await catalog.ListAsync(HttpContext.RequestAborted);
}
