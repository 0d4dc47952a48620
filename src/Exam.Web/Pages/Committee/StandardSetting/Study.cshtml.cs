using Exam.Core.StandardSetting;
using Exam.Web.Scoring;
using Exam.Web.StandardSetting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.StandardSetting;

/// <summary>
/// The facilitator's page of one study: the description, the panel and its progress, moving on, the discussion of
/// round 1 (widest spread first, with p values), the results, and adopting a cut (a dry run first when the form has results).
/// </summary>
public sealed class StudyModel(StandardSettingStudies studies) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty] public string Description { get; set; } = "";
    [BindProperty] public string Panelist { get; set; } = "";
    [BindProperty] public string From { get; set; } = "";
    [BindProperty] public int RawCut { get; set; }
    [BindProperty] public string Reason { get; set; } = "";
    [BindProperty] public int? PreviewedKeyVersion { get; set; }
    [BindProperty] public int? PreviewedCut { get; set; }

    public FacilitatorView View { get; private set; } = null!;
    public IReadOnlyList<Rescore>? Changes { get; private set; }
    public bool Adopted { get; private set; }
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await ShowAsync();

    public async Task<IActionResult> OnPostDescribeAsync() =>
        await AfterAsync(await studies.DescribeAsync(Id, Description ?? "", Actor, HttpContext.RequestAborted), "Description saved.");

    public async Task<IActionResult> OnPostInviteAsync() =>
        await AfterAsync(await studies.InviteAsync(Id, Panelist ?? "", Actor, HttpContext.RequestAborted), $"{Panelist} is on the panel.");

    public async Task<IActionResult> OnPostRemoveAsync() =>
        await AfterAsync(await studies.RemoveAsync(Id, Panelist ?? "", Actor, HttpContext.RequestAborted), $"{Panelist} has left the panel; their ratings are discarded.");

    public async Task<IActionResult> OnPostAdvanceAsync()
    {
        if (!Enum.GetValues<StudyStage>().Any(s => StudyStages.Code(s) == From)) return await AfterAsync("Reload the page and try again.", null);
        return await AfterAsync(await studies.AdvanceAsync(Id, StudyStages.Parse(From), Actor, HttpContext.RequestAborted), "The study moved on.");
    }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        var (changes, version, error) = await studies.PreviewAdoptionAsync(Id, RawCut, HttpContext.RequestAborted);
        (Changes, PreviewedKeyVersion, PreviewedCut, Error) = (changes, error is null ? version : null, error is null ? RawCut : null, error);
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostAdoptAsync()
    {
        // A preview of another cut is no preview of this one.
        var previewed = PreviewedCut == RawCut ? PreviewedKeyVersion : null;
        var (changes, error) = await studies.AdoptAsync(Id, RawCut, Reason ?? "", previewed, Actor, HttpContext.RequestAborted);
        (Changes, Error, Adopted) = (changes, error, error is null);
        return await ShowAsync();
    }

    private string Actor => User.Identity!.Name!;

    private async Task<IActionResult> AfterAsync(string? error, string? done)
    {
        (Error, Done) = (error, error is null ? done : null);
        return await ShowAsync();
    }

    private async Task<IActionResult> ShowAsync()
    {
        if (await studies.FacilitatorAsync(Id, HttpContext.RequestAborted) is not { } view) return NotFound();
        View = view;
        if (RawCut == 0 && view.Outcome is { } o) RawCut = o.Angoff.RawCut;
        if (string.IsNullOrEmpty(Description)) Description = view.Study.MccDescription;
        return Page();
    }
}
