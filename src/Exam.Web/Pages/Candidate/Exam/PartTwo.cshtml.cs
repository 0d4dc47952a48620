using Exam.Data.Database;
using Exam.Data.Delivery;
using Exam.Web.Delivery;
using Microsoft.AspNetCore.Mvc;

namespace Exam.Web.Pages.Candidate.Delivery;

/// <summary>An essay prompt as this candidate sees it, with what they have written so far.</summary>
public sealed record EssayView(int Number, DeliveredEssay Essay, bool Chosen, string Body, int WordCount);

public sealed class PartTwoModel(ExamService exams, Db db, AnswerStore answers) : ExamPageModel(exams)
{
    public IReadOnlyList<EssayView> Essays { get; private set; } = [];
    public ClockMessage Clock { get; private set; } = null!;
    public int Choose { get; private set; }
    public string Guidance { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync("/Candidate/Exam/PartTwo") is { } elsewhere) return elsewhere;
        await using var s = await db.OpenAsync(HttpContext.RequestAborted);
        var saved = (await answers.LoadAsync(s, Exam.Attempt!.Id, HttpContext.RequestAborted)).Essays.ToDictionary(e => e.ItemVersionId);
        var offered = Exam.Form.EssaysFor(Exam.Candidate.Track);
        Essays = offered.Select((e, i) => saved.TryGetValue(e.ItemVersionId, out var a)
            ? new EssayView(i + 1, e, a.Chosen, a.Body, a.WordCount)
            : new EssayView(i + 1, e, offered.Count == (Exam.Form.Track(Exam.Candidate.Track)?.Choose ?? offered.Count), "", 0)).ToList();
        var track = Exam.Form.Track(Exam.Candidate.Track);
        Choose = track?.Choose ?? offered.Count;
        Guidance = track is null ? "" : Choose < offered.Count
            ? $"Answer {Choose} of the {offered.Count} essays. Tick \"Answer this essay\" for the ones you choose; you can change your choice until you submit."
              + (track.Require.Count > 0 ? " Your choice must include " + string.Join(" and ", track.Require.Select(r => $"{r.Value} {r.Key} essay{(r.Value > 1 ? "s" : "")}")) + "." : "")
            : $"Answer all {offered.Count} essays.";
        Clock = Exams.ClockFor(Exam.RunningPart!);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync([FromBody] EssaySave save) =>
        SaveResponse(await Exams.SaveEssayAsync(await SaveTargetAsync(), SessionId, save, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostSubmitAsync()
    {
        if (await LoadAsync("/Candidate/Exam/PartTwo") is { } elsewhere) return elsewhere;
        await Exams.SubmitPartAsync(Exam.Attempt!.Id, 2, "candidate", Exam.Candidate.CandidateNumber, ct: HttpContext.RequestAborted);
        return RedirectToPage("/Candidate/Exam/Index");
    }
}
