using Deque.AxeCore.Playwright;
using Exam.Core.Accounts;
using Exam.Data.Rating;
using Exam.E2E.Tests.Fixtures;
using Exam.E2E.Tests.Pages;
using Exam.Web.Demo;
using Exam.Web.Rating;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exam.E2E.Tests.Journeys;

/// <summary>The demo app seeding every other claim, so the journey meets a seeded paper within two claims.</summary>
public sealed class FrequentSeedingKestrelFactory : ExamAppFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Rating:Validity:SeedOneIn"] = "2" };
}

public sealed class FrequentSeedingBrowserFixture : BrowserFixture
{
    public FrequentSeedingBrowserFixture() : base(new FrequentSeedingKestrelFactory()) { }
}

/// <summary>Standardisation end to end: the committee activates a qualification set, a rater qualifies, meets a seeded paper without knowing it, and the lead sees their accuracy.</summary>
public sealed class StandardisationJourneys(FrequentSeedingBrowserFixture browser) : IClassFixture<FrequentSeedingBrowserFixture>
{
    private async Task<IPage> StaffAsync(string userName, string password)
    {
        var page = await browser.NewActorAsync();
        var signIn = new SignInPage(page);
        await signIn.OpenAsync();
        await signIn.SignInAsync(userName, password);
        return page;
    }

    private static async Task AssertAxeCleanAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, where + ": " + string.Join("; ", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    [Fact]
    public async Task A_rater_qualifies_meets_a_seeded_paper_without_knowing_it_and_the_lead_sees_their_accuracy()
    {
        var (userName, password) = await browser.App.CreateStaffAsync([Roles.Rater]);
        var profiles = browser.App.Services.GetRequiredService<RaterProfiles>();
        var raterId = (await profiles.RatersAsync()).Single(r => r.UserName == userName).Id;
        Assert.Null(await profiles.AssignSetsAsync(raterId, ["Clinical"], "test-setup"));
        var committee = await StaffAsync("committee", DemoData.Staff.Single(s => s.UserName == "committee").Password);
        var rater = await StaffAsync(userName, password);
        var lead = await StaffAsync("lead", DemoData.Staff.Single(s => s.UserName == "lead").Password);
        await Screenshots.KeepOnFailureAsync("standardisation", async () =>
        {
            // The committee makes the demo's five benchmarks the active Clinical qualification set.
            await committee.GotoAsync("/Standards");
            await AssertAxeCleanAsync(committee, "validity papers");
            await committee.GotoAsync("/Standards/NewSet");
            await AssertAxeCleanAsync(committee, "new qualification set");
            await committee.GetByLabel("Title").FillAsync("Clinical, this window");
            await committee.GetByLabel("Essay set").SelectOptionAsync("Clinical");
            for (var i = 1; i <= 5; i++) await committee.GetByRole(AriaRole.Checkbox, new() { Name = $"Clinical benchmark {i} (" }).CheckAsync();
            await committee.GetByRole(AriaRole.Button, new() { Name = "Make it the active set" }).ClickAsync();
            await Expect(committee.GetByRole(AriaRole.Status)).ToContainTextAsync("is now the active one for Clinical");
            await committee.GotoAsync("/Standards/Create");
            await AssertAxeCleanAsync(committee, "new validity paper");

            // Not qualified: "Start next" leads to qualification, not to an essay.
            await rater.GotoAsync("/Rating");
            await rater.GetByRole(AriaRole.Button, new() { Name = "Start next", Exact = true }).ClickAsync();
            await Expect(rater.GetByRole(AriaRole.Heading, new() { Name = "Qualification" })).ToBeVisibleAsync();
            await AssertAxeCleanAsync(rater, "qualification");
            await rater.GetByRole(AriaRole.Button, new() { NameRegex = new("^Start qualification") }).ClickAsync();
            for (var i = 0; i < 5; i++)
            {
                await rater.GetByRole(AriaRole.Link, new() { NameRegex = new("^Paper Q-") }).Nth(i).ClickAsync();
                if (i == 0) await AssertAxeCleanAsync(rater, "practice paper");
                var agreed = DemoValiditySeeder.Papers[i].Agreed;
                var criteria = rater.Locator("fieldset.criterion");
                for (var c = 0; c < agreed.Length; c++) await criteria.Nth(c).Locator($"input[value=\"{agreed[c]}\"]").CheckAsync();
                await rater.GetByRole(AriaRole.Button, new() { Name = "Submit and see the agreed scores" }).ClickAsync();
                await Expect(rater.Locator("#rationale")).ToHaveTextAsync(DemoValiditySeeder.Papers[i].Rationale);
                if (i == 0) await AssertAxeCleanAsync(rater, "practice paper, agreed scores");
                await rater.GetByRole(AriaRole.Link, new() { Name = "Back to qualification" }).ClickAsync();
            }
            await Expect(rater.Locator("[data-qualified]")).ToBeVisibleAsync();

            // Live rating: the seeded paper comes as any response does.
            var queue = new RatingQueuePage(rater);
            string? seeded = null;
            for (var i = 0; i < 4 && seeded is null; i++)
            {
                await queue.OpenAsync();
                var page = await queue.StartNextAsync();
                await Expect(rater.GetByRole(AriaRole.Heading, new() { Name = $"Rate response {page.Code}" })).ToBeVisibleAsync();
                await using (var s = await browser.App.Db.OpenAsync())
                    if (await browser.App.Services.GetRequiredService<ValidityStore>().ReadAsync(s, page.Code, raterId) is not null) seeded = page.Code;
                if (seeded is not null) await page.SubmitAsync(3, "Clear observation of the baby's cues and a paced plan.");
            }
            Assert.NotNull(seeded);

            // The lead sees the rater's accuracy: five practice papers and the seed.
            await lead.GotoAsync("/Rating/Monitoring");
            var row = lead.Locator($"#accuracy tr[data-rater=\"{raterId}\"]");
            await Expect(row.Locator("[data-n]")).ToHaveTextAsync("6");
            await Expect(row).ToContainTextAsync("qualified: Clinical");
            await AssertAxeCleanAsync(lead, "monitoring");
        }, committee, rater, lead);
    }
}
