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

    /// <summary>Why the last submission was not taken (a choice that breaks the rule).</summary>
    public string? SubmitProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync("/Candidate/Exam/PartTwo") is { } elsewhere) return elsewhere;
        await using var s = await db.OpenAsync(HttpContext.RequestAborted);
        var saved = (await answers.LoadAsync(s, Exam.Attempt!.Id, HttpContext.RequestAborted)).Essays.ToDictionary(e => e.ItemVersionId);
        var offered = Exam.Form.EssaysFor(Exam.Candidate.Track);
        var choice = EssayChoices.For(Exam.Form, Exam.Candidate.Track);
        Choose = choice.Choose;
        // With nothing to choose, every essay starts ticked; otherwise the candidate ticks the ones they answer.
        Essays = offered.Select((e, i) => saved.TryGetValue(e.ItemVersionId, out var a)
            ? new EssayView(i + 1, e, a.Chosen, a.Body, a.WordCount)
            : new EssayView(i + 1, e, Choose == offered.Count, "", 0)).ToList();
        Guidance = choice.Guidance();
        Clock = Exams.ClockFor(Exam.RunningPart!);
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync()
    {
        if (await LoadAsync("/Candidate/Exam/PartTwo") is { } elsewhere) return elsewhere;
        // When the time is up the part is submitted whatever the choice; the rule then decides which essays are rated.
        var timeUp = Exam.RunningPart is { } running && running.Clock.HasExpired(Exams.Now);
        if (!timeUp && await Exams.PartTwoChoiceProblemAsync(Exam, HttpContext.RequestAborted) is { } problem)
        {
            var page = await OnGetAsync();
            SubmitProblem = problem;
            return page;
        }
        await SubmitRunningPartAsync(2);
        return RedirectToPage("/Candidate/Exam/Index");
    }
}
