using Exam.Web.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Admin.Sittings;

public sealed class CreateModel(SittingScheduler scheduler) : PageModel
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? FormId { get; set; }
    /// <summary>datetime-local values, read as UTC.</summary>
    [BindProperty] public DateTime? OpensAt { get; set; }
    [BindProperty] public DateTime? ClosesAt { get; set; }
    [BindProperty] public long? ProctorUserId { get; set; }
    [BindProperty] public bool Remote { get; set; }
    [BindProperty] public string? Location { get; set; }
    [BindProperty] public bool RequiresAdmission { get; set; } = true;
    [TempData] public string? Message { get; set; }
    public SittingChoices Choices { get; private set; } = new([], []);
    public string? Error { get; private set; }

    public async Task OnGetAsync() => Choices = await scheduler.ChoicesAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        var (id, error) = ModelState.IsValid
            ? await scheduler.CreateAsync(User.Identity!.Name!,
                new SittingInput(Title, FormId, Utc(OpensAt), Utc(ClosesAt), ProctorUserId, Remote, Location, RequiresAdmission),
                HttpContext.RequestAborted)
            : (null, "Check the dates and times: enter them as date and time in UTC.");
        if (id is null)
        {
            Error = error;
            Choices = await scheduler.ChoicesAsync(HttpContext.RequestAborted);
            return Page();
        }
        Message = $"Sitting '{Title!.Trim()}' created.";
        return RedirectToPage("Details", new { id });
    }

    private static DateTimeOffset? Utc(DateTime? local) =>
        local is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Unspecified), TimeSpan.Zero) : null;
}
