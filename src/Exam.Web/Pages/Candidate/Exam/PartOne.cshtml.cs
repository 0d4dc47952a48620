using Exam.Data.Database;
using Exam.Data.Delivery;
using Exam.Web.Delivery;
using Microsoft.AspNetCore.Mvc;

namespace Exam.Web.Pages.Candidate.Delivery;

/// <summary>A Part One question as this candidate sees it: options in the attempt's order, with the saved choice and flag.</summary>
public sealed record QuestionView(DeliveredQuestion Question, IReadOnlyList<DeliveredOption> Slots, int? ChosenSlot, bool Flagged);

public sealed class PartOneModel(ExamService exams, Db db, AnswerStore answers) : ExamPageModel(exams)
{
    public IReadOnlyList<QuestionView> Questions { get; private set; } = [];
    public ClockMessage Clock { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync("/Candidate/Exam/PartOne") is { } elsewhere) return elsewhere;
        var attempt = Exam.Attempt!;
        await using var s = await db.OpenAsync(HttpContext.RequestAborted);
        var saved = (await answers.LoadAsync(s, attempt.Id, HttpContext.RequestAborted)).Mc.ToDictionary(a => a.Position);
        Questions = Exam.Form.PartOne.Select(q =>
        {
            var order = ExamService.SlotOrder(attempt.Seed, q.Position);
            var slots = order.Select(letter => q.Options.Single(o => o.Id == letter)).ToList();
            saved.TryGetValue(q.Position, out var answer);
            int? chosen = answer?.OptionId is { } id ? order.ToList().IndexOf(id) + 1 : null;
            return new QuestionView(q, slots, chosen, answer?.Flagged ?? false);
        }).ToList();
        Clock = Exams.ClockFor(Exam.RunningPart!);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync([FromBody] McSave save) =>
        SaveResponse(await Exams.SaveMcAsync(await SaveTargetAsync(), SessionId, save, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostMoveAsync([FromBody] MoveRequest move)
    {
        await Exams.MoveAsync(await SaveTargetAsync(), SessionId, move.Position, HttpContext.RequestAborted);
        return new NoContentResult();
    }

    public async Task<IActionResult> OnPostSubmitAsync()
    {
        if (await LoadAsync("/Candidate/Exam/PartOne") is { } elsewhere) return elsewhere;
        await SubmitRunningPartAsync(1);
        return RedirectToPage("/Candidate/Exam/Index");
    }
}

public sealed record MoveRequest(int Position);
