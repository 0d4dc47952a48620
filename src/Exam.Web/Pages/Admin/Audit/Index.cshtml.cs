using Exam.Data.Audit;
using Exam.Data.Database;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Admin.Audit;

public sealed class IndexModel(Db db, AuditLog audit) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; }
    public IReadOnlyList<AuditRecord> Entries { get; private set; } = [];

    public async Task OnGetAsync()
    {
        PageNumber = Math.Max(0, PageNumber);
        await using var s = await db.OpenAsync(HttpContext.RequestAborted);
        Entries = await audit.RecentAsync(s, PageSize, PageNumber * PageSize,
            string.IsNullOrWhiteSpace(Action) ? null : Action.Trim(), ct: HttpContext.RequestAborted);
    }
}
