using Exam.Data.Scheduling;
using Exam.Web.Proctoring;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Proctor;

public sealed class IndexModel(ProctorService proctoring) : PageModel
{
    public IReadOnlyList<Sitting> Sittings { get; private set; } = [];

    public async Task OnGetAsync() => Sittings = await proctoring.SittingsForAsync(User, HttpContext.RequestAborted);
}
