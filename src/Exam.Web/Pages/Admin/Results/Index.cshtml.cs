using System.Text;
using Exam.Data.Scheduling;
using Exam.Web.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Admin.Results;

/// <summary>Coordinators: results per sitting, exported as CSV.</summary>
public sealed class IndexModel(ResultService results) : PageModel
{
    public IReadOnlyList<(Sitting Sitting, int Recorded, int Released)> Sittings { get; private set; } = [];

    public async Task OnGetAsync() => Sittings = await results.SittingsAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnGetExportAsync(long sittingId)
    {
        if (await results.CsvAsync(sittingId, HttpContext.RequestAborted) is not { } csv) return NotFound();
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", $"results-sitting-{sittingId}.csv");
    }
}
