using Exam.Web.Committee;

namespace Exam.Web.Pages.Committee.Forms;

/// <summary>The model of the shared settings fields: what was typed and the problems with it.</summary>
public sealed record SettingsFields(FormSettingsInput Input, IReadOnlyList<InputProblem> Problems)
{
    public string? ErrorFor(string field) => Problems.Where(p => p.Field == field).Select(p => p.Message).FirstOrDefault();
}
