using Exam.Web.Committee;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.Forms;

public sealed class IndexModel(FormBuilder forms) : PageModel
{
    public IReadOnlyList<FormRow> Forms { get; private set; } = [];

    public async Task OnGetAsync() => Forms = await forms.ListAsync(HttpContext.RequestAborted);
}
