using Exam.Core.Psychometrics;
using Exam.Core.StandardSetting;
using Exam.Data.Scheduling;
using Exam.Web.Analysis;
using Exam.Web.Demo;
using Exam.Web.StandardSetting;
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
    public async Task The_demo_has_the_simulated_panels_two_round_study_of_the_form_at_its_results()
    {
        var studies = app.Services.GetRequiredService<StandardSettingStudies>();
        var study = (await studies.ListAsync()).Single(x => x.Title == DemoStudySeeder.Title);
        Assert.Equal(DemoSeeder.DemoFormId, study.FormId);
        Assert.Contains("Simulated demo data", study.MccDescription);
        var view = (await studies.FacilitatorAsync(study.Id))!;
        Assert.Equal(StudyStage.Results, view.Stage);
        Assert.Equal(DemoStudySeeder.Panelists, view.Panelists.Count);
        Assert.All(view.Panelists, p => Assert.True(p.Round1DoneAt < p.Round2DoneAt && p.ExpectedPassPercent is not null));

        // The recommendation is a real panel's: a cut well inside the form, panelists who differ, the cross-checks there.
        var outcome = view.Outcome!;
        Assert.Equal(DemoStudySeeder.Panelists, outcome.Angoff.PanelistCuts.Count);
        Assert.InRange(outcome.Angoff.RecommendedCut, 0.3 * view.ScoredItems, 0.9 * view.ScoredItems);
        Assert.InRange(outcome.Angoff.StandardError, 0.01, 0.05 * view.ScoredItems);
        Assert.True(view.AnalysedAttempts >= SimulatedSittingSeeder.Candidates);
        Assert.InRange(outcome.PassRateAtCut!.Value, 0.01, 0.99);
        Assert.NotNull(outcome.BeukCut);
        Assert.Single(await app.ActionsAsync("demo.standard-setting-study"));

        // Nothing adopted: the form still passes at its published mark, and the simulated panelists cannot sign in.
        Assert.Null(view.CurrentMark.Adopted);
        var (_, html) = await Browserless.For(app).StaffSignInAsync(DemoStudySeeder.PanelistName(1), "anything-at-all");
        Assert.Contains("The user name or password is not right", html);
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
