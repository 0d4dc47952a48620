using Exam.Web.Committee;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.Forms;

public sealed class DetailsModel(FormBuilder forms) : PageModel
{
    [BindProperty] public FormSettingsInput Settings { get; set; } = new();
    [BindProperty] public int? Seed { get; set; }
    [BindProperty] public List<TrackInput> Tracks { get; set; } = [];
    [TempData] public string? Message { get; set; }

    public FormView Form { get; private set; } = null!;
    public IReadOnlyList<InputProblem> Problems { get; private set; } = [];

    /// <summary>The result of a check or a refused publication: null when no check ran.</summary>
    public IReadOnlyList<string>? CheckProblems { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Settings = FormSettingsInput.From(Form.Definition, Form.Bank);
        Seed = Form.Definition.Seed;
        return Page();
    }

    public async Task<IActionResult> OnGetCheckAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Settings = FormSettingsInput.From(Form.Definition, Form.Bank);
        Seed = Form.Definition.Seed;
        CheckProblems = await forms.CheckAsync(id, HttpContext.RequestAborted) ?? [];
        return Page();
    }

    public Task<IActionResult> OnPostSettingsAsync(string id) =>
        StepAsync(id, forms.UpdateSettingsAsync(User.Identity!.Name!, id, Settings, HttpContext.RequestAborted), keepSettings: true);

    public Task<IActionResult> OnPostAssembleAsync(string id) =>
        StepAsync(id, forms.AssembleAsync(User.Identity!.Name!, id, Seed, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostPartTwoAsync(string id) =>
        StepAsync(id, forms.UpdatePartTwoAsync(User.Identity!.Name!, id, Tracks, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostPublishAsync(string id)
    {
        var (published, problems) = await forms.PublishAsync(User.Identity!.Name!, id, HttpContext.RequestAborted);
        if (published)
        {
            Message = $"Form {id} is published. It never changes from now on.";
            return RedirectToPage(new { id });
        }
        if (!await LoadAsync(id)) return NotFound();
        Settings = FormSettingsInput.From(Form.Definition, Form.Bank);
        Seed = Form.Definition.Seed;
        CheckProblems = problems;
        return Page();
    }

    private async Task<IActionResult> StepAsync(string id, Task<FormOutcome> step, bool keepSettings = false)
    {
        var outcome = await step;
        if (outcome.Succeeded)
        {
            Message = outcome.Message;
            return RedirectToPage(new { id });
        }
        if (!await LoadAsync(id)) return NotFound();
        Problems = outcome.Problems;
        if (!keepSettings) Settings = FormSettingsInput.From(Form.Definition, Form.Bank);
        return Page();
    }

    private async Task<bool> LoadAsync(string id)
    {
        var form = await forms.ViewAsync(id, HttpContext.RequestAborted);
        if (form is null) return false;
        Form = form;
        return true;
    }
}
