using Exam.Web.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.Results;

/// <summary>The committee reviews a sitting's results and releases them to the candidates in one audited step.</summary>
public sealed class SittingModel(ResultService results) : PageModel
{
    public SittingResults Results { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public int Unreleased => Results.Rows.Count(r => !r.Result.IsReleased);

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await results.ForSittingAsync(id, HttpContext.RequestAborted) is not { } r) return NotFound();
        Results = r;
        return Page();
    }

    public async Task<IActionResult> OnPostRecordAsync(long id)
    {
        var recorded = await results.RecordAsync(id, User.Identity!.Name!, HttpContext.RequestAborted);
        Message = recorded == 0 ? "There was nothing new to record." : $"Recorded {recorded} result{(recorded == 1 ? "" : "s")}.";
        return Redirect($"/Committee/Results/Sitting/{id}");
    }

    public async Task<IActionResult> OnPostReleaseAsync(long id)
    {
        var (released, held) = await results.ReleaseAsync(id, User.Identity!.Name!, HttpContext.RequestAborted);
        Message = held > 0
            ? $"Nothing was released: the feedback on {held} essay{(held == 1 ? "" : "s")} after discrepant ratings waits for review. Review it, then release."
            : released == 0 ? "There was nothing new to release." : $"Released {released} result{(released == 1 ? "" : "s")} to the candidates.";
        return Redirect($"/Committee/Results/Sitting/{id}");
    }
}
