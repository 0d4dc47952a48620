using System.Globalization;
using Exam.Core.Audit;
using Exam.Core.StandardSetting;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.StandardSetting;

namespace Exam.Web.Demo;

/// <summary>
/// A completed two-round modified-Angoff study of the demo form by a simulated panel of five, left at its results so a
/// newcomer sees a recommended cut, its standard error and Beuk's cross-check (and may try the adoption's dry run).
/// Written in the caller's transaction (the simulated sitting's), through the store's own conditional statements, so
/// the study goes through the same stages a real one does; no service that opens a transaction of its own.
/// </summary>
/// <remarks>
/// The panel's ratings come from the simulated sitting's own ability model: the minimally competent candidate sits at
/// ability 0 (the simulated candidates average 0.4), each panelist rates that candidate's chance on the item with a
/// severity of their own and noise; in round 2 each moves halfway towards the panel's round-1 mean, as discussion does.
/// </remarks>
public sealed class DemoStudySeeder(StandardSettingStore studies, AuditLog audit)
{
    public const string Title = "Part One cut (simulated demo panel)";
    public const int Panelists = 5;
    private const double McCandidateAbility = 0.0;

    public const string Description =
        "Simulated demo data. The minimally competent candidate has just enough of the shared foundation to practise " +
        "safely with reflective supervision: knows the core theories of development, attachment and trauma and applies " +
        "them to a typical family; recognises the limits of their role and when to consult; may miss subtler points of " +
        "law, systems and research.";

    public static string PanelistName(int n) => $"simulated-panelist-{n}";

    public async Task<long> SeedAsync(DbSession s, IReadOnlyList<SimulatedItem> items, string formId, int seed, DateTimeOffset at, CancellationToken ct)
    {
        var random = new Random(seed + 7);
        var id = await studies.CreateAsync(s, formId, Title, Description, "system", at, ct);
        var names = Enumerable.Range(1, Panelists).Select(PanelistName).ToList();
        foreach (var name in names) Expect(await studies.InviteAsync(s, id, name, "system", at, ct), "invite");
        await AdvanceAsync(s, id, StudyStage.Setup, ct);

        var severity = names.ToDictionary(n => n, _ => 6 * AbilityModel.Normal(random));
        var first = new Dictionary<(string Name, int Position), int>();
        foreach (var name in names)
            for (var i = 0; i < items.Count; i++)
                first[(name, i + 1)] = Rating(100 * AbilityModel.PCorrect(items[i], McCandidateAbility) + severity[name] + 12 * AbilityModel.Normal(random));
        await RoundAsync(s, id, 1, names, items.Count, first, _ => null, at.AddDays(1), ct);
        await AdvanceAsync(s, id, StudyStage.Round1, ct);
        await AdvanceAsync(s, id, StudyStage.Discussion, ct);
        Expect(await studies.CopyRoundOneAsync(s, id, at.AddDays(2), ct) == names.Count * items.Count ? 1 : 0, "copy round 1");

        var second = first.ToDictionary(r => r.Key, r =>
        {
            var mean = names.Average(n => first[(n, r.Key.Position)]);
            return Rating(r.Value + 0.5 * (mean - r.Value) + 4 * AbilityModel.Normal(random));
        });
        await RoundAsync(s, id, 2, names, items.Count, second, _ => Rating(70 + 8 * AbilityModel.Normal(random)), at.AddDays(3), ct);
        await AdvanceAsync(s, id, StudyStage.Round2, ct);
        await audit.AppendAsync(s, new AuditEntry("system", "demo.standard-setting-study", "study", id.ToString(CultureInfo.InvariantCulture),
            Detail: $"Simulated demo data: a two-round modified-Angoff study of {formId} by {Panelists} simulated panelists (seed {seed})"), ct);
        return id;
    }

    private async Task RoundAsync(DbSession s, long id, int round, IReadOnlyList<string> names, int items,
        Dictionary<(string Name, int Position), int> ratings, Func<string, int?> expectedPass, DateTimeOffset at, CancellationToken ct)
    {
        var stage = StudyStages.Code(round == 1 ? StudyStage.Round1 : StudyStage.Round2);
        foreach (var name in names)
        {
            for (var position = 1; position <= items; position++)
                Expect(await studies.SaveRatingAsync(s, id, name, round, position, ratings[(name, position)], at, ct), "rating");
            if (expectedPass(name) is { } pass) Expect(await studies.SaveExpectedPassAsync(s, id, name, pass, ct), "expected pass rate");
            Expect(await studies.FinishRoundAsync(s, id, name, round, stage, items, at, ct), $"finish round {round}");
        }
    }

    private async Task AdvanceAsync(DbSession s, long id, StudyStage from, CancellationToken ct) =>
        Expect(await studies.AdvanceAsync(s, id, StudyStages.Code(from), StudyStages.Code(StudyStages.Next(from)!.Value), StudyStages.MinPanelists, ct),
            $"advance from {StudyStages.Code(from)}");

    private static int Rating(double value) => (int)Math.Clamp(Math.Round(value), 5, 99);

    // Each statement is conditional: a row count other than one means the seed no longer fits the study's rules.
    private static void Expect(int rows, string step)
    {
        if (rows != 1) throw new InvalidOperationException($"The demo standard-setting study could not {step} ({rows} rows).");
    }
}
