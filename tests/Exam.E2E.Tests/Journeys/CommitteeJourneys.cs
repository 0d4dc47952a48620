using Deque.AxeCore.Playwright;
using Exam.Core.ItemBank;
using Exam.Data.ItemBank;
using Exam.E2E.Tests.Fixtures;
using Exam.E2E.Tests.Pages;
using Exam.Web.Committee;
using Exam.Web.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exam.E2E.Tests.Journeys;

public sealed class CommitteeJourneys(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>An approved MCQ written by someone outside the committee, made straight in the bank.</summary>
    private async Task<string> ApprovedItemAsync()
    {
        var id = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        var store = browser.App.Services.GetRequiredService<ItemBankStore>();
        await using var s = await browser.App.Db.BeginAsync();
        var version = await store.AddItemVersionAsync(s, new ItemContent
        {
            Id = id, Type = ItemType.Mcq, Level = Level.Both, Designation = Designation.A, Domains = ["reflection"],
            Author = "item-writer-7", References = ["Shahmoon-Shanok, R. (2009). What is reflective supervision? Zero to Three."],
            Key = "C", Body = "After a difficult home visit, a new specialist tells her supervisor she keeps thinking about the baby. What should the supervisor do first?",
            Options =
            [
                new("A", "Reassure her that the feeling will pass", "Closes the conversation before it starts."),
                new("B", "Give her a checklist for the next visit", "Practical, but skips the reflection the moment asks for."),
                new("C", "Invite her to say more about what stays with her", "Key. Reflective supervision starts from the supervisee's experience."),
                new("D", "Reassign the family to a senior colleague", "Removes the learning and the relationship."),
            ],
        }, ItemStatus.Approved);
        await store.AddReviewAsync(s, version.Id, "committee-chair", ReviewDecisions.Approved, "setup");
        await s.CommitAsync();
        return id;
    }

    private async Task<IPage> SignedInAsync(string userName)
    {
        var page = await browser.NewActorAsync();
        var signIn = new SignInPage(page);
        await signIn.OpenAsync();
        await signIn.SignInAsync(userName, DemoData.Staff.Single(s => s.UserName == userName).Password);
        await Expect(page.GetByText($"Signed in as {userName}")).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task A_member_edits_and_submits_an_item_cannot_approve_it_and_another_member_approves_it()
    {
        var itemId = await ApprovedItemAsync();
        var pageA = await SignedInAsync("committee");
        var pageB = await SignedInAsync("committee2");
        await Screenshots.KeepOnFailureAsync("committee-review", async () =>
        {
            // Member 1 finds the item, edits the stem, previews it and saves a new version.
            var items = new CommitteeItemsPage(pageA);
            await items.OpenAsync();
            await items.SearchAsync(itemId);
            await items.OpenItemAsync(itemId);
            var itemA = new CommitteeItemPage(pageA);
            await Expect(itemA.Heading).ToHaveTextAsync($"Item {itemId}");
            await itemA.EditAsync();

            var edit = new CommitteeEditPage(pageA);
            await edit.Stem.FillAsync("After a **difficult** home visit, a new specialist keeps thinking about the baby. What should her supervisor do first?");
            await edit.PreviewAsync();
            await Expect(edit.Preview.Locator("strong")).ToHaveTextAsync("difficult");
            await edit.SaveAsync();
            await Expect(itemA.Confirmation).ToHaveTextAsync("Saved as version 2, a draft.");
            await itemA.ExpectStatusAsync("draft");
            await Expect(itemA.CandidateView.Locator("strong")).ToHaveTextAsync("difficult");

            // ... submits it for review, and cannot approve what they wrote.
            await itemA.SubmitForReviewAsync("Sharper stem; please review.");
            await Expect(itemA.Confirmation).ToHaveTextAsync("Version 2 is submitted for review.");
            await itemA.ApproveAsync("Looks good to me.");
            await Expect(itemA.Alert).ToHaveTextAsync(ItemReview.OwnVersionMessage);
            await itemA.ExpectStatusAsync("in-review");

            // Member 2, in their own browser, reviews and approves it.
            var itemB = new CommitteeItemPage(pageB);
            await itemB.OpenAsync(itemId);
            await itemB.ExpectStatusAsync("in-review");
            await Expect(pageB.GetByRole(AriaRole.Cell, new() { Name = "Invite her to say more about what stays with her", Exact = true })).ToBeVisibleAsync();
            await itemB.ApproveAsync("Clear and well keyed.");
            await Expect(itemB.Confirmation).ToHaveTextAsync("Version 2 is approved.");
            await Expect(itemB.Reviewers).ToContainTextAsync("committee2");

            // Member 1 sees the approval.
            await pageA.ReloadAsync();
            await itemA.ExpectStatusAsync("approved");
            await Expect(itemA.Reviews.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("committee2approvedClear and well keyed.");
        }, pageA, pageB);
    }

    [Fact]
    public async Task The_committee_pages_have_no_serious_accessibility_violations()
    {
        var itemId = await ApprovedItemAsync();
        var services = browser.App.Services;
        var (v1, enemies, _) = await services.GetRequiredService<ItemEditor>().LoadAsync(itemId);
        var input = ItemInput.From(v1!, enemies);
        input.Body = "A second version of the stem.\n\nWith a second paragraph.";
        Assert.Equal(SaveKind.Saved, (await services.GetRequiredService<ItemEditor>().SaveAsync("committee2", itemId, input)).Kind);
        var settings = FormSettingsInput.Defaults(await services.GetRequiredService<BankBlueprintSource>().CurrentAsync());
        settings.Id = "axe-" + Guid.NewGuid().ToString("N")[..8];
        settings.Title = "Accessibility check";
        var (formId, problems) = await services.GetRequiredService<FormBuilder>().CreateAsync("committee", settings);
        Assert.True(formId is not null, string.Join("; ", problems.Select(p => p.Message)));
        var page = await SignedInAsync("committee");
        await Screenshots.KeepOnFailureAsync("committee-axe", async () =>
        {
            // The pages with the most structure (axe takes seconds a page, so not every page).
            foreach (var path in new[]
            {
                "/Committee/Items", "/Committee/Blueprint", $"/Committee/Items/Details/{itemId}", $"/Committee/Items/Edit/{itemId}",
                $"/Committee/Items/Diff/{itemId}?from=1&to=2", $"/Committee/Forms/Details/{formId}",
            })
            {
                await page.GotoAsync(path);
                var result = await page.RunAxe();
                Assert.NotEmpty(result.Passes);
                var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
                    .Select(v => $"{path}: {v.Id} ({v.Impact}): {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
                Assert.True(serious.Count == 0, string.Join("\n", serious));
            }
        }, page);
    }
}
