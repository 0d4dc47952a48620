using System.Text;
using Exam.Core.ItemBank;
using Exam.Data.Analysis;
using Exam.Data.Database;
using Exam.Data.ItemBank;
using Exam.Data.Scheduling;
using Exam.Web.Analysis;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.Analysis;

/// <summary>Classical item analysis of a published form, or of one sitting of it; the scored response matrix as CSV.</summary>
public sealed class IndexModel(Db db, ItemBankStore bank, SittingStore sittings, ItemAnalyses analyses) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? FormId { get; set; }
    [BindProperty(SupportsGet = true)] public long? SittingId { get; set; }

    public IReadOnlyList<StoredForm> Forms { get; private set; } = [];
    public IReadOnlyList<Sitting> Sittings { get; private set; } = [];
    public FormAnalysis? Analysis { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnGetCsvAsync()
    {
        await LoadAsync();
        if (Analysis is null) return NotFound();
        var name = $"responses-{Analysis.Data.FormId}{(SittingId is { } id ? $"-sitting-{id}" : "")}.csv";
        return File(Encoding.UTF8.GetBytes(ResponseMatrixCsv.Write(Analysis.Data.Matrix)), "text/csv; charset=utf-8", name);
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        await using (var s = await db.OpenAsync(ct))
        {
            Forms = (await bank.ListFormsAsync(s, ct)).Where(f => f.FormStatus == FormStatus.Published).ToList();
            if (FormId is null || Forms.All(f => f.Id != FormId)) { FormId = null; SittingId = null; return; }
            Sittings = (await sittings.ListAsync(s, ct)).Where(x => x.FormId == FormId).OrderBy(x => x.OpensAt).ToList();
        }
        if (SittingId is { } sitting && Sittings.All(x => x.Id != sitting)) SittingId = null;
        Analysis = await analyses.RunAsync(FormId, SittingId, ct);
    }
}
