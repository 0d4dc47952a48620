using Exam.Web.StandardSetting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Panel;

/// <summary>A panelist's save: one rating (position and percentage), or the pass rate they expect (round 2).</summary>
public sealed record RatingSave(int? Position, int? Rating, int? ExpectedPass);

/// <summary>
/// A panelist rates the form's Part One items in the open round. The page shows only their own ratings (and from round 2
/// the round-1 spread without names). Each rating autosaves as JSON; without script the form saves them all at once.
/// </summary>
public sealed class StudyModel(StandardSettingStudies studies) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }

    public PanelistView View { get; private set; } = null!;
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await ShowAsync();

    public async Task<IActionResult> OnPostSaveAsync([FromBody] RatingSave save)
    {
        var outcome = await studies.SaveAsync(Id, Me, save.Position, save.Rating, save.ExpectedPass, HttpContext.RequestAborted);
        return outcome.Saved
            ? new JsonResult(new { ok = true, save.Position, save.Rating, save.ExpectedPass })
            : new ObjectResult(new { ok = false, message = outcome.Message }) { StatusCode = outcome.Status };
    }

    /// <summary>The form without script: saves every rating given, then, with <c>finish</c>, finishes the round.</summary>
    /// <remarks>
    /// The fields bind as this handler's parameters, not page properties: a page property would also bind on the JSON
    /// save, where the dictionary binder falls back to the query string and fails.
    /// </remarks>
    public async Task<IActionResult> OnPostSaveAllAsync(bool finish, Dictionary<int, int?>? ratings, int? expectedPass)
    {
        foreach (var (position, rating) in (ratings ?? []).Where(r => r.Value is not null).OrderBy(r => r.Key))
            if (await studies.SaveAsync(Id, Me, position, rating, null, HttpContext.RequestAborted) is { Saved: false } refused)
                return await AfterAsync($"Question {position}: {refused.Message}", null);
        if (expectedPass is { } pass && await studies.SaveAsync(Id, Me, null, null, pass, HttpContext.RequestAborted) is { Saved: false } no)
            return await AfterAsync(no.Message, null);
        if (!finish) return await AfterAsync(null, "Saved.");
        return await AfterAsync(await studies.FinishRoundAsync(Id, Me, HttpContext.RequestAborted), "Round finished. Thank you.");
    }

    private string Me => User.Identity!.Name!;

    private async Task<IActionResult> AfterAsync(string? error, string? done)
    {
        (Error, Done) = (error, error is null ? done : null);
        return await ShowAsync();
    }

    private async Task<IActionResult> ShowAsync()
    {
        // Not on this panel: the same answer as no such study, so the page tells nothing about other panels.
        if (await studies.PanelistAsync(Id, Me, HttpContext.RequestAborted) is not { } view) return NotFound();
        View = view;
        return Page();
    }
}
