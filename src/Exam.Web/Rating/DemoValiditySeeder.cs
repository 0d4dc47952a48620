using System.Text.Json;
using Exam.Data.Database;
using Exam.Data.ItemBank;
using Exam.Data.Rating;
using Exam.Web.Demo;

namespace Exam.Web.Rating;

/// <summary>
/// Demo standardisation: seven exemplar validity papers on the demo form's clinical vignettes, a qualification set of
/// five (kept on record, not active, so the demo's raters and every test's fresh rater may rate live without it), and
/// the demo raters' passed qualification and two seeded papers each, so monitoring shows accuracy figures. One
/// transaction of its own after the rating demo has committed, written through the stores in that session only (a
/// service would open its own connection and wait on this writer); all or nothing, skipped when papers exist.
/// </summary>
public sealed class DemoValiditySeeder(Db db, ValidityStore validity, RatingStore ratings, RatingWindowStore windows, ItemBankStore bank, TimeProvider clock)
{
    private static readonly string[] Criteria = ["observation", "theory", "intervention", "reflection", "culture-ethics"];

    // Item, agreed scores in Criteria order, the exemplar, the rationale.
    public static readonly IReadOnlyList<(string Item, int[] Agreed, string Essay, string Rationale)> Papers =
    [
        ("es-clin-01", [3, 2, 3, 2, 2], "Before deciding anything I would watch Kayla feed Micah at home and notice when he turns away and how she reads it. A baby this premature gives faint cues, and a frightened young mother may read them as rejection. I would ask her about the NICU weeks and screen for depression with her, and build the plan around finishing school.", "Specific observation of both partners and a paced, relationship-based plan; theory is implied more than stated."),
        ("es-clin-01", [1, 1, 1, 0, 1], "Kayla needs parenting classes and must keep the appointments. I would tell her the nurse is worried and check Micah's weight every week.", "Directive and generic: no view of the relationship, no reflection, little theory."),
        ("es-clin-02", [2, 3, 2, 2, 2], "Lucía's searching at the door and her lost words are how a toddler grieves. I would help Tomás give her a simple, true story about her mother, keep Elena present through photos and songs, and attend to his own grief first.", "Strong use of grief and attachment theory; the plan is sound but the observation is brief."),
        ("es-clin-02", [0, 1, 1, 0, 0], "This sounds like a speech delay. I would refer her for a speech evaluation and suggest day care every day so she socialises more.", "Misreads grief as a delay; no relationship, reflection or cultural consideration."),
        ("es-clin-03", [2, 2, 2, 3, 2], "Eli's visits happen in a small office twice a week; I would want to know what he does before and after them. I would hold both Ms. Hughes's fear and Brianna's loss, notice my own pull to take sides, and take that to reflective supervision.", "Reflection is the strength here; observation and plan are adequate."),
        ("es-clin-03", [3, 3, 2, 2, 3], "Eli at 22 months turns to whoever is predictable. I would assess his attachment to his grandmother and his mother in natural settings, consider Brianna's recovery and history, and advocate for visits that can grow, with reports to the court that describe Eli rather than judge the adults.", "Thorough, theory-led and culturally and ethically careful; the plan could be more concrete."),
        ("es-clin-01", [2, 1, 2, 1, 2], "I would visit weekly around Kayla's school day, look at how she and Micah manage feeds, and involve Ms. Carter and Andre. I would refer her for depression treatment.", "A reasonable, practical plan with some observation; theory and reflection are thin."),
    ];

    // Each demo rater's offsets to the agreed score, per paper and criterion: Riley close, Robin lenient, Lee a little harsh.
    private static readonly Dictionary<string, int[][]> Offsets = new()
    {
        ["rater1"] = [[0, 0, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 1, 0]],
        ["rater2"] = [[0, 1, 0, 1, 0], [1, 0, 0, 0, 0], [1, 0, 0, 0, 0], [1, 0, 1, 0, 0], [0, 0, 1, 0, 0], [0, 0, 1, 1, 0], [1, 1, 0, 1, 0]],
        ["lead"] = [[0, -1, 0, 0, 0], [0, 0, 0, 0, 0], [0, -1, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, -1, 0], [-1, 0, 0, 0, -1], [0, 0, 0, 0, 0]],
    };

    public async Task SeedAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var s = await db.BeginAsync(ct: ct);
        if ((await validity.PapersAsync(s, ct)).Count > 0) return; // committed before (a seed taken over)
        if (await windows.OpenAsync(s, ct) is not { } window) return;
        var (_, pins) = await bank.FormPinsAsync(s, DemoSeeder.DemoFormId, ct);
        var versionsOf = new Dictionary<string, HashSet<long>>();
        foreach (var item in Papers.Select(p => p.Item).Distinct())
            versionsOf[item] = (await bank.ItemVersionsAsync(s, item, ct)).Select(v => v.Id).ToHashSet();
        var ids = new List<long>();
        for (var i = 0; i < Papers.Count; i++)
        {
            var (item, agreed, essay, rationale) = Papers[i];
            var pin = pins.First(p => versionsOf[item].Contains(p.ItemVersionId));
            ids.Add(await validity.CreatePaperAsync(s, new ValidityPaper
            {
                Title = $"Clinical benchmark {i + 1}", Origin = ValidityOrigin.Exemplar, FormId = DemoSeeder.DemoFormId, ItemVersionId = pin.ItemVersionId,
                RubricVersionId = pin.RubricVersionId, EssaySet = pin.EssaySet, EssayText = essay, ScoresJson = Scores(agreed), Total = agreed.Sum(),
                Rationale = rationale, CreatedBy = "demo-seed", CreatedAt = now,
            }, ct));
        }
        var setId = await validity.CreateSetAsync(s, "Clinical", "Clinical qualification (demo)", ids.Take(5).ToList(), "demo-seed", now, ct);
        await validity.RetireSetsAsync(s, "Clinical", ct);
        var raters = (await ratings.RatersAsync(s, ct)).ToDictionary(r => r.UserName);
        foreach (var (userName, offsets) in Offsets)
        {
            if (!raters.TryGetValue(userName, out var rater)) continue;
            var attemptId = (await validity.StartAttemptAsync(s, setId, window.Id, rater.Id, now, ct))!.Value;
            for (var i = 0; i < Papers.Count; i++)
            {
                var practice = i < 5;
                var code = (practice ? "Q-" : "") + RatingIntake.NewCode()[(practice ? 2 : 0)..];
                await validity.AddReadAsync(s, new ValidityRead
                {
                    Code = code, Kind = practice ? ValidityReadKind.Qualification : ValidityReadKind.Seed, PaperId = ids[i], PaperVersion = 1,
                    RaterId = rater.Id, WindowId = window.Id, AttemptId = practice ? attemptId : null, EssaySet = "Clinical",
                }, now, ct);
                var read = (await validity.ReadAsync(s, code, rater.Id, ct))!;
                var given = Papers[i].Agreed.Select((a, c) => Math.Clamp(a + offsets[i][c], 0, 3)).ToArray();
                if (!practice) await validity.ClaimSeedAsync(s, rater.Id, window.Id, now, now.AddMinutes(30), ct);
                await validity.SubmitAsync(s, read.Id, rater.Id, practice ? RatingTaskStatus.Queued : RatingTaskStatus.Claimed, Scores(given),
                    practice ? "" : "Demo feedback on a seeded paper.", given.Sum(), now, ct);
            }
            await validity.FinishAttemptAsync(s, attemptId, QualificationStatus.Passed, 5, now, ct);
            await validity.QualifyAsync(s, window.Id, rater.Id, "Clinical", attemptId, now, ct);
        }
        await s.CommitAsync(ct);
    }

    private static string Scores(int[] points) => JsonSerializer.Serialize(Criteria.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => points[x.i]));
}
