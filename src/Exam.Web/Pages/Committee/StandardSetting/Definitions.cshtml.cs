using Exam.ItemBank.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.StandardSetting;

/// <summary>docs/standard-setting.md as the committee reads it: one text for the repository and the site.</summary>
public sealed class DefinitionsModel(ItemMarkdown markdown) : PageModel
{
    public string Html { get; private set; } = "";

    public async Task OnGetAsync() =>
        Html = markdown.Render(await System.IO.File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "docs", "standard-setting.md"), HttpContext.RequestAborted));
}
