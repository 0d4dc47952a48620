using Exam.Web.Committee;

namespace Exam.Web.Pages.Committee.Rubrics;

/// <summary>What the shared editor fields need: the input and the problems found with it.</summary>
public sealed record RubricFields(RubricInput Input, IReadOnlyList<InputProblem> Problems)
{
    public string? ErrorFor(string field) => Problems.FirstOrDefault(p => p.Field == field)?.Message;
}
