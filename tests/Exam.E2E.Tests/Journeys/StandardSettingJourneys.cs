using Deque.AxeCore.Playwright;
using Exam.Core.Accounts;
using Exam.E2E.Tests.Fixtures;
using Exam.E2E.Tests.Pages;
using Exam.Web.Demo;
using Exam.Web.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exam.E2E.Tests.Journeys;

/// <summary>
/// A committee member runs a two-round modified-Angoff study with two panelists, each in a browser of their own, and
/// adopts the cut; the analysis and standard-setting pages pass axe-core with no serious or critical violation.
/// </summary>
public sealed class StandardSettingJourneys(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static async Task AssertAxeCleanAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, where + ": " + string.Join("; ", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    private async Task<IPage> SignedInAsync(string userName, string password)
    {
        var page = await browser.NewActorAsync();
        var signIn = new SignInPage(page);
        await signIn.OpenAsync();
        await signIn.SignInAsync(userName, password);
        await Expect(page.GetByText($"Signed in as {userName}")).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task A_committee_member_runs_a_two_round_study_with_two_panelists_and_adopts_the_cut()
    {
        var form = await ExamSeed.PublishedFormAsync(browser.App, questions: 3);
        var ana = await browser.App.CreateStaffAsync(Roles.Panelist);
        var ben = await browser.App.CreateStaffAsync(Roles.Panelist);
        var committee = await SignedInAsync("committee", DemoData.Staff.Single(s => s.UserName == "committee").Password);
        var anaPage = await SignedInAsync(ana.UserName, ana.Password);
        var benPage = await SignedInAsync(ben.UserName, ben.Password);
        var study = new StudyFacilitatorPage(committee);
        var anaStudy = new PanelistStudyPage(anaPage);
        var benStudy = new PanelistStudyPage(benPage);
        const string title = "Part One cut, e2e panel";
        await Screenshots.KeepOnFailureAsync("standard-setting", async () =>
        {
            // Setup: the description of the minimally competent candidate, and the panel.
            await committee.GotoAsync("/Committee/StandardSetting");
            await AssertAxeCleanAsync(committee, "studies");
            await study.OpenNewAsync(form.Id, title, "Applies the shared foundation safely with reflective supervision.");
            await Expect(study.Stage).ToHaveTextAsync("Setting up: describe the minimally competent candidate and invite panelists");
            await study.InviteAsync(ana.UserName);
            await study.InviteAsync(ben.UserName);
            await AssertAxeCleanAsync(committee, "study at setup");
            await study.MoveOnAsync("Round 1: panelists rate alone");

            // Round 1: each rates alone, each rating acknowledged by the server; neither sees the other's.
            await anaStudy.OpenFromPanelsAsync(title);
            await Expect(anaPage.Locator("#mcc")).ToHaveTextAsync("Applies the shared foundation safely with reflective supervision.");
            await benStudy.OpenFromPanelsAsync(title);
            int[] anaRatings = [50, 60, 70], benRatings = [60, 70, 80];
            for (var q = 1; q <= 3; q++)
            {
                await anaStudy.RateAsync(q, anaRatings[q - 1]);
                await benStudy.RateAsync(q, benRatings[q - 1]);
            }
            await AssertAxeCleanAsync(anaPage, "panelist round 1");
            await anaPage.ReloadAsync();
            await Expect(anaPage.Locator("#r-1")).ToHaveValueAsync("50");
            await Expect(anaPage.GetByText("Round 1 panel")).ToHaveCountAsync(0);
            await Expect(committee.Locator("#panel")).Not.ToContainTextAsync("60 70");
            await anaStudy.FinishAsync(1);
            await benStudy.FinishAsync(1);

            // Discussion: the spread per item, widest first, without names.
            await study.MoveOnAsync("Discussion of round 1");
            await Expect(study.Discussion).ToBeVisibleAsync();
            await Expect(study.Discussion.Locator("tbody tr").First).ToContainTextAsync("50 60");
            await Expect(study.Discussion).Not.ToContainTextAsync(ana.UserName);
            await AssertAxeCleanAsync(committee, "discussion");
            await study.MoveOnAsync("Round 2: panelists revise");

            // Round 2: ana revises one item after the discussion; both state the pass rate they expect.
            await anaPage.ReloadAsync();
            await Expect(anaPage.Locator("#q-1 .spread")).ToContainTextAsync("Round 1 panel: mean 55%, from 50% to 60%");
            await Expect(anaPage.Locator("#r-1")).ToHaveValueAsync("50");
            await anaStudy.RateAsync(1, 60);
            await anaStudy.ExpectPassAsync(70);
            await AssertAxeCleanAsync(anaPage, "panelist round 2");
            await anaStudy.FinishAsync(2);
            await benPage.ReloadAsync();
            await benStudy.ExpectPassAsync(60);
            await benStudy.FinishAsync(2);

            // Results: ana 0.6 + 0.6 + 0.7 = 1.9, ben 0.6 + 0.7 + 0.8 = 2.1; mean 2.00, SD 0.141, SE 0.141 / sqrt 2 = 0.10.
            await study.MoveOnAsync("Results ready for adoption");
            await Expect(study.Recommended).ToHaveTextAsync("2.00 of 3");
            await Expect(study.StandardError).ToHaveTextAsync("0.10");
            await Expect(committee.Locator("#raw-cut")).ToHaveTextAsync("2");
            await AssertAxeCleanAsync(committee, "results");

            // Nobody has sat the form: the adoption needs no dry run, only a reason, and it is final.
            await Expect(committee.GetByLabel("Raw cut (out of 3 scored items)")).ToHaveValueAsync("2");
            await study.AdoptAsync("Two-round modified Angoff, panel of two");
            await Expect(committee.Locator("#adopted")).ToContainTextAsync("Adopted: a cut of 2 of 3");
            await Expect(study.Stage).ToHaveTextAsync("Cut adopted");
            await AssertAxeCleanAsync(committee, "adopted");
            await anaPage.ReloadAsync();
            await Expect(anaPage.Locator("#no-round")).ToHaveTextAsync("The rounds are over. Thank you.");
        }, committee, anaPage, benPage);
    }

    [Fact]
    public async Task The_analysis_page_and_the_demo_study_pass_axe()
    {
        var committee = await SignedInAsync("committee", DemoData.Staff.Single(s => s.UserName == "committee").Password);
        await Screenshots.KeepOnFailureAsync("analysis-axe", async () =>
        {
            await committee.GotoAsync($"/Committee/Analysis?FormId={DemoSeeder.DemoFormId}");
            // The form's attempts: the simulated sitting's and the demo's other sittings of the form.
            var n = int.Parse(await committee.Locator("#test-n").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(n, SimulatedSittingSeeder.Candidates, SimulatedSittingSeeder.Candidates + 20);
            await AssertAxeCleanAsync(committee, "analysis");
            await committee.GotoAsync("/Committee/StandardSetting/Definitions");
            await AssertAxeCleanAsync(committee, "definitions");
            // The simulated panel's completed study, at its results.
            await committee.GotoAsync("/Committee/StandardSetting");
            await committee.GetByRole(AriaRole.Link, new() { Name = DemoStudySeeder.Title }).ClickAsync();
            await Expect(committee.Locator("#stage")).ToHaveTextAsync("Results ready for adoption");
            await Expect(committee.Locator("#recommended")).ToContainTextAsync(" of 60");
            await AssertAxeCleanAsync(committee, "demo study results");
        }, committee);
    }
}
