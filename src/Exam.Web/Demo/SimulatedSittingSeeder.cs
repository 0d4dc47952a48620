using System.Text.Json;
using Exam.Core.Audit;
using Exam.Core.Scoring;
using Exam.Data.Accounts;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.Demo;
using Exam.Data.Scheduling;
using Exam.Web.Delivery;

namespace Exam.Web.Demo;

/// <summary>
/// A past sitting of the demo form with simulated candidates who sat Part One (see <see cref="AbilityModel"/>), so a
/// newcomer's item analysis has something worth reading, and the simulated panel's standard-setting study of the form
/// (<see cref="DemoStudySeeder"/>). Everything about it says it is simulated demo data. One transaction with batched
/// inserts: it runs at every new demo database, including each web test fixture's.
/// </summary>
public sealed partial class SimulatedSittingSeeder(
    Db db, CandidateStore candidates, SittingStore sittings, RegistrationStore registrations, SimulatedSittingStore store,
    ExamContent content, AuditLog audit, DemoStudySeeder study, TimeProvider clock, ILogger<SimulatedSittingSeeder> logger)
{
    public const string Title = "Past sitting (simulated demo data)";
    public const int Candidates = 160;
    public const int Seed = 2026;

    /// <summary>Simulated candidate numbers: 150001 upwards, clear of the demo logins and of the tests' random numbers.</summary>
    public const int FirstNumber = 150001;

    public async Task SeedAsync(CancellationToken ct = default)
    {
        var took = System.Diagnostics.Stopwatch.StartNew(); // real time: how long start-up waits for this
        var formId = DemoSeeder.DemoFormId;
        var form = await content.GetAsync(formId, ct);
        var key = await content.PinnedKeyAsync(formId, ct);
        var items = form.PartOne
            .Select(q => (Key: key.Items[q.Position - 1].Accepted.Order(StringComparer.Ordinal).First(), Options: (IReadOnlyList<string>)q.Options.Select(o => o.Id).ToList()))
            .ToList();
        var responses = AbilityModel.Responses(items, Candidates, Seed);
        var opens = clock.GetUtcNow().Date.AddDays(-150);
        var cut = form.Definition.PartOne.CutPercent;

        await using var s = await db.BeginAsync(ct: ct);
        if ((await sittings.ListAsync(s, ct)).Any(x => x.FormId == formId && x.Title == Title)) return; // seeded before a takeover
        var sittingId = await sittings.CreateAsync(s, new Sitting
        {
            Title = Title, FormId = formId, OpensAt = opens, ClosesAt = opens.AddDays(1), Location = "Simulated", RequiresAdmission = false,
        }, ct);
        var attempts = new List<SimulatedAttempt>();
        for (var c = 0; c < Candidates; c++)
        {
            var number = (FirstNumber + c).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var candidateId = await candidates.CreateAsync(s, number, $"Simulated candidate {c + 1:000}", $"simulated-{number}@example.invalid",
                "Simulated demo data", c % 3 == 0 ? "IMHM-C" : "IMHS", "Simulated demo data: not a real person", ct);
            var registrationId = await registrations.CreateAsync(s, new Registration
            {
                CandidateId = candidateId, SittingId = sittingId, SitPartOne = true, SitPartTwo = false,
            }, ct);
            var row = responses[c];
            var score = McScorer.Score(key, form.PartOne.ToDictionary(q => ExamContent.Position(q.Position), q => row[q.Position - 1]), cut);
            attempts.Add(new SimulatedAttempt(registrationId, Seed + c,
                form.PartOne.Select(q => (q.Position, q.ItemVersionId, row[q.Position - 1])).ToList(),
                score.Raw, score.Max, score.Percent, score.Passed, JsonSerializer.Serialize(score.Domains)));
        }
        await store.AddAsync(s, attempts, opens.AddHours(1), TimeSpan.FromMinutes(form.Definition.PartOne.Minutes), ct);
        await audit.AppendAsync(s, new AuditEntry("system", "demo.simulated-sitting", "sitting", sittingId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Detail: $"{Candidates} simulated candidates sat Part One of {formId} (ability model, seed {Seed})"), ct);
        // The standard-setting study that followed the sitting, in the same transaction: both or neither.
        await study.SeedAsync(s, AbilityModel.Items(items, Seed), formId, Seed, new DateTimeOffset(opens.AddDays(14), TimeSpan.Zero), ct);
        await s.CommitAsync(ct);
        Seeded(logger, Candidates, formId, took.ElapsedMilliseconds);
    }

    [LoggerMessage(1900, LogLevel.Information, "Seeded {Count} simulated Part One attempts of {FormId} for the demo item analysis in {Milliseconds} ms")]
    private static partial void Seeded(ILogger logger, int count, string formId, long milliseconds);
}
