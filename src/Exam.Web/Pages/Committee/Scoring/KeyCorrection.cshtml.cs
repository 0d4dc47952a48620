using Exam.Core.ItemBank;
using Exam.Core.Psychometrics;
using Exam.Core.Scoring;
using Exam.Data.Database;
using Exam.Data.ItemBank;
using Exam.Web.Analysis;
using Exam.Web.Delivery;
using Exam.Web.Scoring;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Exam.Web.Pages.Committee.Scoring;

/// <summary>A Part One question with its options and what the current key accepts (committee eyes only).</summary>
public sealed record KeyedQuestion(int Position, string ItemId, IReadOnlyList<ItemOption> Options, KeyedItem Key);

public sealed class KeyCorrectionModel(Db db, ItemBankStore bank, KeyCorrections corrections, ItemAnalyses analyses) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? FormId { get; set; }
    [BindProperty] public int Position { get; set; }
    [BindProperty] public string Action { get; set; } = "change";
    [BindProperty] public List<string> Accepted { get; set; } = [];
    [BindProperty] public string Reason { get; set; } = "";

    public IReadOnlyList<StoredForm> Forms { get; private set; } = [];
    public IReadOnlyList<KeyedQuestion> Questions { get; private set; } = [];
    public int KeyVersion { get; private set; }
    public IReadOnlyList<Rescore>? Changes { get; private set; }

    /// <summary>How candidates answered each scored item under the current key: the evidence beside the dry run.</summary>
    public IReadOnlyList<ItemStats> Stats { get; private set; } = [];
    public int AnalysedAttempts { get; private set; }
    public bool Applied { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostPreviewAsync() => await RunAsync(apply: false);

    public async Task<IActionResult> OnPostApplyAsync() => await RunAsync(apply: true);

    private async Task<IActionResult> RunAsync(bool apply)
    {
        await LoadAsync();
        if (FormId is null || Questions.Count == 0) { Error = "Choose a published form."; return Page(); }
        if (Position < 1 || Position > Questions.Count) { Error = "Choose the question to correct."; return Page(); }
        var drop = Action == "drop";
        var accepted = drop ? [] : Accepted.Where(a => a is "A" or "B" or "C" or "D").Distinct().ToList();
        var correction = new KeyCorrection(ExamContent.Position(Position), accepted, drop, (Reason ?? "").Trim());
        if (KeyCorrections.Check(correction) is { } problem) { Error = problem; return Page(); }
        if (!drop && accepted.Count == 0) { Error = "Tick the option or options the corrected key accepts, or drop the item."; return Page(); }
        if (apply)
        {
            Changes = await corrections.ApplyAsync(FormId, correction, User.Identity!.Name!, HttpContext.RequestAborted);
            Applied = true;
            await LoadAsync();
        }
        else
        {
            Changes = (await corrections.DryRunAsync(FormId, correction, HttpContext.RequestAborted)).Changes;
        }
        return Page();
    }

    private async Task LoadAsync()
    {
        await using var s = await db.OpenAsync(HttpContext.RequestAborted);
        Forms = (await bank.ListFormsAsync(s, HttpContext.RequestAborted)).Where(f => f.FormStatus == FormStatus.Published).ToList();
        if (FormId is null || Forms.All(f => f.Id != FormId)) { FormId = null; return; }
        var key = await corrections.CurrentKeyAsync(s, FormId, HttpContext.RequestAborted);
        KeyVersion = key.Version;
        var (pins, _) = await bank.FormPinsAsync(s, FormId, HttpContext.RequestAborted);
        var list = new List<KeyedQuestion>();
        foreach (var pin in pins.OrderBy(p => p.Position))
        {
            var version = (await bank.GetItemVersionAsync(s, pin.ItemVersionId, HttpContext.RequestAborted))!;
            list.Add(new KeyedQuestion(pin.Position, version.ItemId, version.Content.Options, key.Items.Single(i => i.ItemId == ExamContent.Position(pin.Position))));
        }
        Questions = list;
        if (await analyses.RunAsync(FormId, null, HttpContext.RequestAborted) is { } analysis)
            (Stats, AnalysedAttempts) = (analysis.Report.Items, analysis.Report.Test.N);
    }
}
