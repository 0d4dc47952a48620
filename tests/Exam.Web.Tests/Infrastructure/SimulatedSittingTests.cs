using Exam.Core.Psychometrics;
using Exam.Data.Scheduling;
using Exam.Web.Analysis;
using Exam.Web.Demo;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Infrastructure;

public sealed class SimulatedSittingTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    [Fact]
    public async Task The_demo_has_a_past_sitting_of_simulated_candidates_whose_items_differ_in_difficulty_and_discrimination()
    {
        Sitting sitting;
        await using (var s = await app.Db.OpenAsync())
            sitting = (await app.Services.GetRequiredService<SittingStore>().ListAsync(s)).Single(x => x.Title == SimulatedSittingSeeder.Title);
        Assert.Equal(DemoSeeder.DemoFormId, sitting.FormId);
        Assert.True(sitting.ClosesAt < app.Clock.GetUtcNow());
        Assert.Contains("simulated", sitting.Title, StringComparison.OrdinalIgnoreCase);

        var analysis = (await app.Services.GetRequiredService<ItemAnalyses>().RunAsync(DemoSeeder.DemoFormId, sitting.Id))!;
        var report = analysis.Report;
        Assert.True(report.Test.N >= 150);
        Assert.Equal(SimulatedSittingSeeder.Candidates, report.Test.N);
        Assert.InRange(report.Items.Min(i => i.P), 0, 0.5);
        Assert.InRange(report.Items.Max(i => i.P), 0.85, 1);
        Assert.InRange(report.Items.Max(i => i.RpbCorrected ?? 0), 0.35, 1);
        Assert.Contains(report.Items, i => i.Flags.Contains(ItemFlag.LowDiscrimination));
        Assert.Contains(report.Items, i => i.Flags.Contains(ItemFlag.UnusedDistractor));
        Assert.Contains(report.Items, i => i.Flags.Contains(ItemFlag.DistractorPositiveRpb));
        Assert.NotNull(report.Test.Kr20);
        Assert.Single(await app.ActionsAsync("demo.simulated-sitting"));

        // The page says so too.
        var committee = Browserless.For(app);
        await committee.StaffSignInAsync("committee", DemoLogins.Staff("committee").Password);
        var (_, html) = await committee.GetAsync($"/Committee/Analysis?FormId={DemoSeeder.DemoFormId}&SittingId={sitting.Id}");
        Assert.Contains("Past sitting (simulated demo data)", html);
        Assert.DoesNotContain("id=\"unstable\"", html);
    }

    [Fact]
    public void The_ability_model_is_seeded_so_the_demo_is_the_same_every_time()
    {
        var items = Enumerable.Range(0, 20).Select(i => ("ABCD"[i % 4].ToString(), (IReadOnlyList<string>)["A", "B", "C", "D"])).ToList();
        var first = AbilityModel.Responses(items, 30, SimulatedSittingSeeder.Seed);
        var again = AbilityModel.Responses(items, 30, SimulatedSittingSeeder.Seed);
        Assert.Equal(first.SelectMany(r => r), again.SelectMany(r => r));
    }
}
