using Exam.Data.StandardSetting;
using Exam.Web.StandardSetting;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Panel;

/// <summary>The standard-setting studies the signed-in staff member is a panelist in.</summary>
public sealed class IndexModel(StandardSettingStudies studies) : PageModel
{
    public IReadOnlyList<StoredStudy> Studies { get; private set; } = [];

    public async Task OnGetAsync() => Studies = await studies.ListForPanelistAsync(User.Identity!.Name!, HttpContext.RequestAborted);
}
