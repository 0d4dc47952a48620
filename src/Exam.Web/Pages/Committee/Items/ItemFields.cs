using Exam.Core.ItemBank;
using Exam.Web.Committee;

namespace Exam.Web.Pages.Committee.Items;

/// <summary>The model of the shared item fields: what was typed, the problems with it, and the rubrics an essay can name.</summary>
public sealed record ItemFields(ItemType Type, ItemInput Input, IReadOnlyList<InputProblem> Problems, IReadOnlyList<Rubric> Rubrics)
{
    public string? ErrorFor(string field) =>
        Problems.Where(p => p.Field == field).Select(p => p.Message).FirstOrDefault();
}
