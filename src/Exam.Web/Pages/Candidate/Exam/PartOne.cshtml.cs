using Exam.Data.Database;
using Exam.Data.Delivery;
using Exam.Web.Delivery;
using Microsoft.AspNetCore.Mvc;

namespace Exam.Web.Pages.Candidate.Delivery;

/// <summary>
/// What the Part One page carries for this candidate, as JSON for part-one.js, which renders the questions from the
/// form's cached content: where that content is (plain, and sealed with the key to open it: the browser fetched the
/// sealed one with the rules), and per question (position 1 first) the item's option indexes in the order shown, the
/// slot chosen (0 when none) and the flag. No question text: that is in the content.
/// </summary>
public sealed record PartOneState(
    string Content, string Sealed, string ContentKey, IReadOnlyList<string> Orders, IReadOnlyList<int> Chosen, IReadOnlyList<bool> Flagged);

public sealed class PartOneModel(ExamService exams, Db db, AnswerStore answers, PartOneSeal seal) : ExamPageModel(exams)
{
    public PartOneState State { get; private set; } = null!;
    public ClockMessage Clock { get; private set; } = null!;

    public int Count => State.Orders.Count;
    public int Answered => State.Chosen.Count(c => c > 0);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync("/Candidate/Exam/PartOne") ?? await ShowAsync();

    /// <summary>
    /// "Begin the exam" on the rules page posts here, so the click that creates the attempt is answered with Part One
    /// itself: one request, where a redirect cost a second request and a second read of the exam, when a whole room
    /// begins at once. part-one.js then gives the address bar the page's own address (a reload is a plain GET). A
    /// second click, or an attempt that opens elsewhere (waiting for admission, Part Two first), is sent on as any
    /// exam page sends it; a refusal goes back to the rules with the reason.
    /// </summary>
    public async Task<IActionResult> OnPostBeginAsync(bool agree)
    {
        if (await LoadAsync("/Candidate/Exam/Rules") is { } begun) return begun;
        var error = agree ? await Exams.BeginAsync(Exam, SessionId!, HttpContext.RequestAborted) : RulesModel.NotAgreed;
        if (error is not null)
        {
            TempData[nameof(RulesModel.Error)] = error;
            return RedirectToPage("/Candidate/Exam/Rules");
        }
        return await LoadAsync("/Candidate/Exam/PartOne") ?? await ShowAsync();
    }

    private async Task<IActionResult> ShowAsync()
    {
        var attempt = Exam.Attempt!;
        await using var s = await db.OpenAsync(HttpContext.RequestAborted);
        var saved = (await answers.LoadAsync(s, attempt.Id, HttpContext.RequestAborted)).Mc.ToDictionary(a => a.Position);
        var chosen = new int[Exam.Form.PartOne.Count];
        var flagged = new bool[chosen.Length];
        foreach (var q in Exam.Form.PartOne)
        {
            if (!saved.TryGetValue(q.Position, out var answer)) continue;
            if (answer.OptionId is { } id)
            {
                var order = ExamService.SlotOrder(attempt.Seed, q.Position);
                for (var slot = 1; slot <= order.Count; slot++)
                    if (order[slot - 1] == id) chosen[q.Position - 1] = slot;
            }
            flagged[q.Position - 1] = answer.Flagged;
        }
        var content = PartOneContent.For(Exam.Form);
        var sealedContent = seal.For(content);
        State = new PartOneState(content.Url, sealedContent.Url, sealedContent.Key, PartOneContent.Orders(Exam.Form, attempt.Seed), chosen, flagged);
        Clock = Exams.ClockFor(Exam.RunningPart!);
        return Page();
    }

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
