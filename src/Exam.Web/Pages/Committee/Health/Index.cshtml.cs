using Exam.Web.Committee;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.Health;

public sealed class IndexModel(BankHealth health) : PageModel
{
    public BankHealthReport Report { get; private set; } = null!;

    public async Task OnGetAsync() => Report = await health.LoadAsync(HttpContext.RequestAborted);

    public static string Percent(double value) => (value * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
