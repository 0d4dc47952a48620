using Exam.Web.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Admin.Sittings;

public sealed class CreateModel(SittingScheduler scheduler) : PageModel
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? FormId { get; set; }
    /// <summary>datetime-local values: wall-clock time in <see cref="TimeZone"/>.</summary>
    [BindProperty] public DateTime? OpensAt { get; set; }
    [BindProperty] public DateTime? ClosesAt { get; set; }
    /// <summary>The sitting's IANA time zone id.</summary>
    [BindProperty] public string? TimeZone { get; set; }
    [BindProperty] public long? ProctorUserId { get; set; }
    [BindProperty] public bool Remote { get; set; }
    [BindProperty] public string? Location { get; set; }
    [BindProperty] public bool RequiresAdmission { get; set; } = true;
    [TempData] public string? Message { get; set; }
    public SittingChoices Choices { get; private set; } = new([], []);
    public string? Error { get; private set; }

    public async Task OnGetAsync() => Choices = await scheduler.ChoicesAsync(HttpContext.RequestAborted);

    /// <summary>The IANA zones this server knows, for the field's suggestions.</summary>
    public static IReadOnlyList<string> KnownZones { get; } =
        TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId && z.Id.Contains('/')).Select(z => z.Id).Append("UTC").Order(StringComparer.Ordinal).ToList();

    public async Task<IActionResult> OnPostAsync()
    {
        var (id, error) = ModelState.IsValid
            ? await scheduler.CreateAsync(User.Identity!.Name!,
                new SittingInput(Title, FormId, OpensAt, ClosesAt, TimeZone, ProctorUserId, Remote, Location, RequiresAdmission),
                HttpContext.RequestAborted)
            : (null, "Check the dates and times: enter each as a date and a time of day.");
        if (id is null)
        {
            Error = error;
            Choices = await scheduler.ChoicesAsync(HttpContext.RequestAborted);
            return Page();
        }
        Message = $"Sitting '{Title!.Trim()}' created.";
        return RedirectToPage("Details", new { id });
    }
}
