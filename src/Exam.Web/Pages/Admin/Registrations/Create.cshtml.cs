using Exam.Core.Accounts;
using Exam.Web.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Admin.Registrations;

public sealed class CreateModel(CandidateRecords records, SittingScheduler scheduler, RegistrationService registrations, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public long CandidateId { get; set; }
    [BindProperty] public long? SittingId { get; set; }
    [BindProperty] public bool PartOne { get; set; } = true;
    [BindProperty] public bool PartTwo { get; set; } = true;
    [BindProperty] public int ExtraTimePartOne { get; set; }
    [BindProperty] public int ExtraTimePartTwo { get; set; }
    [BindProperty] public string? RestBreaks { get; set; }
    [BindProperty] public int BreakCount { get; set; }
    [BindProperty] public int BreakMinutes { get; set; }
    [BindProperty] public bool SeparateRoom { get; set; }
    [BindProperty] public string? OverrideReason { get; set; }

    public Data.Accounts.Candidate Candidate { get; private set; } = null!;
    public IReadOnlyList<SittingView> Sittings { get; private set; } = [];
    public string? Error { get; private set; }
    public bool RetakeRefused { get; private set; }
    public bool MayOverride => User.IsInRole(Roles.Admin);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = ModelState.IsValid
            ? await registrations.RegisterAsync(User.Identity!.Name!, MayOverride,
                new RegistrationInput(CandidateId, SittingId, PartOne, PartTwo, ExtraTimePartOne, ExtraTimePartTwo, RestBreaks, OverrideReason,
                    BreakCount, BreakMinutes, SeparateRoom),
                HttpContext.RequestAborted)
            : RegistrationOutcome.Refused($"Extra time is a whole percentage from 0 to {RegistrationService.MaxExtraTimePercent}; rest breaks are whole numbers.");
        if (outcome.RegistrationId is { } id)
        {
            IssuedCode.ToShow(TempData, id, outcome.AccessCode!);
            return RedirectToPage("Details", new { id });
        }
        Error = outcome.Error;
        RetakeRefused = outcome.RetakeRefused;
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        var candidate = await records.GetAsync(CandidateId, HttpContext.RequestAborted);
        if (candidate is null) return false;
        Candidate = candidate;
        Sittings = await scheduler.OpenForRegistrationAsync(clock.GetUtcNow(), HttpContext.RequestAborted);
        return true;
    }
}
