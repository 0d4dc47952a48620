using Exam.Web.Committee;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee;

public sealed class IndexModel(ItemCatalog catalog) : PageModel
{
    public CommitteeSummary Summary { get; private set; } = null!;

    public async Task OnGetAsync() => Summary = await catalog.SummaryAsync(HttpContext.RequestAborted);
}
