using Exam.Core.ItemBank;
using Exam.Data.Database;
using Exam.Data.ItemBank;
using Exam.Data.StandardSetting;
using Exam.Web.StandardSetting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.StandardSetting;

/// <summary>The committee's standard-setting studies, and opening a new one for a published form.</summary>
public sealed class IndexModel(Db db, ItemBankStore bank, StandardSettingStudies studies) : PageModel
{
    [BindProperty] public string FormId { get; set; } = "";
    [BindProperty] public string Title { get; set; } = "";
    [BindProperty] public string Description { get; set; } = "";

    public IReadOnlyList<StoredStudy> Studies { get; private set; } = [];
    public IReadOnlyList<StoredForm> Forms { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var (id, error) = await studies.CreateAsync(FormId ?? "", Title ?? "", Description ?? "", User.Identity!.Name!, HttpContext.RequestAborted);
        if (id is { } created) return RedirectToPage("Study", new { id = created });
        Error = error;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Studies = await studies.ListAsync(HttpContext.RequestAborted);
        await using var s = await db.OpenAsync(HttpContext.RequestAborted);
        Forms = (await bank.ListFormsAsync(s, HttpContext.RequestAborted)).Where(f => f.FormStatus == FormStatus.Published).ToList();
    }
}
