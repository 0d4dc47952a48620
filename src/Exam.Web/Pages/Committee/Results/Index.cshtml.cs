using Exam.Data.Scheduling;
using Exam.Web.Results;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.Results;

public sealed class IndexModel(ResultService results) : PageModel
{
    public IReadOnlyList<(Sitting Sitting, int Recorded, int Released)> Sittings { get; private set; } = [];

    public async Task OnGetAsync() => Sittings = await results.SittingsAsync(HttpContext.RequestAborted);
}
