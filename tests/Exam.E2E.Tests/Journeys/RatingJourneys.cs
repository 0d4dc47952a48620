using Deque.AxeCore.Playwright;
using Exam.E2E.Tests.Fixtures;
using Exam.E2E.Tests.Pages;
using Exam.Web.Rating;
using Exam.Web.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exam.E2E.Tests.Journeys;

public sealed class RatingJourneys(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> StaffAsync(string userName)
    {
        var page = await browser.NewActorAsync();
        var signIn = new SignInPage(page);
        await signIn.OpenAsync();
        await signIn.SignInAsync(userName, DemoData.Staff.Single(s => s.UserName == userName).Password);
        return page;
    }

    [Fact]
    public async Task Two_raters_disagree_the_lead_adjudicates_the_committee_releases_and_the_candidate_reads_the_report()
    {
        // The demo's first sat candidate: their two essays are the oldest in the Clinical queue.
        var candidate = DemoRatingSeeder.Candidates[0];
        var rater1 = new RatingQueuePage(await StaffAsync("rater1"));
        var rater2 = new RatingQueuePage(await StaffAsync("rater2"));
        var lead = new RatingQueuePage(await StaffAsync("lead"));
        var committee = await StaffAsync("committee");
        var pupil = await browser.NewActorAsync();
        await Screenshots.KeepOnFailureAsync("rating", async () =>
        {
            await rater1.OpenAsync();
            await rater2.OpenAsync();
            await lead.OpenAsync();
            await Expect(lead.AdjudicationWaiting("Clinical")).ToHaveTextAsync("0");

            // Essay one: far apart.
            var first = await rater1.StartNextAsync();
            var second = await rater2.StartNextAsync();
            Assert.Equal(first.Code, second.Code);
            await Expect(first.Essay).ToContainTextAsync("NICU");
            await first.SubmitAsync(0, "Say more about what you observed in Kayla and Micah together.", waitForDraft: true);
            await second.SubmitAsync(3, "A warm, relationship-based plan that starts where Kayla is.");
            await Expect(lead.AdjudicationWaiting("Clinical")).ToHaveTextAsync("1"); // live, without a reload

            var third = await lead.StartNextAdjudicationAsync();
            Assert.Equal(first.Code, third.Code);
            // The demo form keeps the default: the third read is made without seeing the first two.
            await Expect(lead.Page.Locator("#blind-third-read")).ToBeVisibleAsync();
            await Expect(lead.Page.GetByText("Say more about what you observed")).ToHaveCountAsync(0);
            await third.SubmitAsync(2, "The third reader agrees the plan is sound; the observation needs more detail.");

            // Essay two: the raters agree.
            var a = await rater1.StartNextAsync();
            var b = await rater2.StartNextAsync();
            Assert.Equal(a.Code, b.Code);
            await a.SubmitAsync(3, "Grief in a toddler, well understood.");
            await b.SubmitAsync(3, "Careful support for Tomás as well as Lucía.");

            await committee.GotoAsync("/Committee/Results");
            await committee.GetByRole(AriaRole.Link, new() { Name = "Demo sitting (open)" }).ClickAsync();
            await Expect(committee.Locator($"tr[data-candidate=\"{candidate.Number}\"]")).ToContainTextAsync("not yet");
            // The discrepant essay's feedback is held: the committee reviews it (by response code) before the release.
            await Expect(committee.Locator("#feedback-review")).ToContainTextAsync("Feedback held for review: 1 essay");
            await committee.GetByRole(AriaRole.Link, new() { Name = "Review the feedback candidates will read" }).ClickAsync();
            var held = committee.Locator($"article[data-code=\"{first.Code}\"]");
            await Expect(held).ToHaveAttributeAsync("data-state", "held");
            await Expect(held).Not.ToContainTextAsync("Say more about what you observed"); // read A does not count
            await held.GetByRole(AriaRole.Button, new() { Name = "Approve the proposed feedback" }).ClickAsync();
            await Expect(committee.GetByRole(AriaRole.Status)).ToContainTextAsync($"Feedback on {first.Code} approved.");
            await committee.GetByRole(AriaRole.Link, new() { Name = "Back to the sitting's results" }).ClickAsync();
            await committee.GetByRole(AriaRole.Button, new() { NameRegex = new("^Release \\d+ results? to the candidates$") }).ClickAsync();
            await Expect(committee.GetByRole(AriaRole.Status)).ToContainTextAsync("Released");

            var signIn = new CandidateSignInPage(pupil);
            await signIn.OpenAsync();
            await signIn.SignInAsync(candidate.Number, candidate.AccessCode);
            await pupil.GotoAsync("/Candidate/Results");
            await Expect(pupil.GetByRole(AriaRole.Heading, new() { Name = "Score report" })).ToBeVisibleAsync();
            await Expect(pupil.GetByRole(AriaRole.Table, new() { Name = "Scores by competency domain" })).ToBeVisibleAsync();
            await Expect(pupil.GetByText("A warm, relationship-based plan that starts where Kayla is.")).ToBeVisibleAsync();
            await Expect(pupil.GetByText("Say more about what you observed in Kayla and Micah together.")).ToHaveCountAsync(0);
            await Expect(pupil.GetByText("The third reader agrees the plan is sound; the observation needs more detail.")).ToBeVisibleAsync();
            await Expect(pupil.GetByText("Careful support for Tomás as well as Lucía.")).ToBeVisibleAsync();
            await Expect(pupil.Locator("#part-two-result")).ToContainTextAsync("91.7%");
            foreach (var who in new[] { "rater1", "rater2", "Riley", "Robin", "Lee Lead" })
                await Expect(pupil.GetByText(who)).ToHaveCountAsync(0);
            // The demo blueprint's two- and three-item domains state their count and draw no verdict.
            var domains = pupil.GetByRole(AriaRole.Table, new() { Name = "Scores by competency domain" });
            foreach (var (domain, items) in new[] { ("communicating", "2"), ("working-with-others", "3") })
            {
                var row = domains.Locator($"tr[data-domain=\"{domain}\"]");
                await Expect(row).ToHaveAttributeAsync("data-verdict", "TooFewItems");
                await Expect(row.Locator("td").First).ToHaveTextAsync(items);
                await Expect(row).ToContainTextAsync("Too few items for a verdict");
            }
            await Expect(pupil.Locator("p.too-few")).ToContainTextAsync("a verdict needs at least 4 items");
            // Each essay's score and its rubric criteria, from the reads that count: (3 + 2) / 2 per criterion, and 3 where both gave 3.
            await Expect(pupil.Locator(".essay-score").Filter(new() { HasText = "12.5 of 15" })).ToHaveCountAsync(1);
            await Expect(pupil.Locator(".essay-score").Filter(new() { HasText = "15 of 15" })).ToHaveCountAsync(1);
            await Expect(pupil.GetByRole(AriaRole.Table, new() { Name = "Essay 1 by rubric criterion" })).ToBeVisibleAsync();
            await Expect(pupil.Locator("table.criteria td").Filter(new() { HasTextRegex = new("^2\\.5 of 3$") })).ToHaveCountAsync(5);
            await Expect(pupil.Locator("table.criteria td").Filter(new() { HasTextRegex = new("^3 of 3$") })).ToHaveCountAsync(5);
            await Expect(pupil.GetByRole(AriaRole.Rowheader, new() { Name = "Observation and assessment of the parent-infant relationship" })).ToHaveCountAsync(2);

            // The printable report names the candidate and their number.
            await pupil.GetByRole(AriaRole.Link, new() { NameRegex = new("^Printable report") }).First.ClickAsync();
            await Expect(pupil.GetByRole(AriaRole.Heading, new() { Name = "IMH-E® score report" })).ToBeVisibleAsync();
            await Expect(pupil.Locator(".candidate-name")).ToHaveTextAsync(candidate.FullName);
            await Expect(pupil.Locator(".candidate-number")).ToHaveTextAsync(candidate.Number);
            await Expect(pupil.GetByRole(AriaRole.Button, new() { Name = "Print this report" })).ToBeVisibleAsync();
            var axe = await pupil.RunAxe();
            var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Nodes.First().Html}").ToList();
            Assert.True(serious.Count == 0, string.Join("\n", serious));
        }, rater1.Page, rater2.Page, lead.Page, committee, pupil);
    }
}
