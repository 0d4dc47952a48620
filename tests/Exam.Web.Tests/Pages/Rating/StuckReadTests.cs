using System.Net;
using System.Text.RegularExpressions;
using Exam.Core.Accounts;
using Exam.Web.Rating;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Rating;

/// <summary>A read nobody eligible can take is shown to the committee and leads with the reason, and assigned by name.</summary>
public sealed class StuckReadTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    [Fact]
    public async Task An_adjudication_the_only_lead_already_read_is_shown_with_the_reason_and_assigned_to_a_named_lead()
    {
        var profiles = app.Services.GetRequiredService<RaterProfiles>();
        var form = await ExamSeed.PublishedFormAsync(app);
        var sat = await RatingSteps.SitBothPartsAsync(app, form, "An essay the two readers see very differently.");
        var rater = await RatingSteps.RaterAsync(app);
        var onlyLead = await RatingSteps.RaterAsync(app, lead: true);
        var otherLead = await RatingSteps.RaterAsync(app, lead: true);
        Assert.Null(await profiles.AssignSetsAsync(otherLead.Id, ["Policy"], "test-setup"));
        // Only these two rate Clinical in this fixture: the demo's raters leave the set.
        foreach (var r in (await profiles.RatersAsync()).Where(r => r.Id != rater.Id && r.Id != onlyLead.Id && r.Sets.Contains("Clinical")))
            Assert.Null(await profiles.AssignSetsAsync(r.Id, r.Sets.Where(x => x != "Clinical"), "test-setup"));

        var code = await rater.ClaimOneOfAsync(sat.Codes);
        await rater.RateAsync(code, 0, "Little observation.");
        Assert.Equal(code, await onlyLead.ClaimOneOfAsync([code]));
        await onlyLead.RateAsync(code, 3, "Strong throughout.");
        Assert.Null(await onlyLead.StartNextAsync(adjudication: true));

        var committee = await CommitteeAsync();
        var (_, list) = await committee.GetAsync("/Committee/Raters/Stuck");
        var row = Regex.Match(list, $"<tr data-task=\"(\\d+)\" data-code=\"{code}\">.*?</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, "the stuck adjudication is not listed: " + list[Math.Max(0, list.IndexOf("<h1", StringComparison.Ordinal))..]);
        Assert.Contains("the only lead rater of the Clinical set: 1 already read it", row.Value);
        Assert.Contains($"value=\"{otherLead.Id}\"", row.Value);
        Assert.DoesNotContain($"value=\"{onlyLead.Id}\"", row.Value);
        Assert.Contains(code, (await onlyLead.Browser.GetAsync("/Rating/Stuck")).Body);
        var taskId = row.Groups[1].Value;

        // A hand-built request naming someone who read it is refused.
        await committee.PostFormAsync("/Committee/Raters/Stuck", [new("taskId", taskId), new("userId", onlyLead.Id.ToString())],
            "/Committee/Raters/Stuck?handler=Assign");
        Assert.Contains("cannot take this read", (await committee.GetAsync("/Committee/Raters/Stuck")).Body);
        var (assigned, _) = await committee.PostFormAsync("/Committee/Raters/Stuck", [new("taskId", taskId), new("userId", otherLead.Id.ToString())],
            "/Committee/Raters/Stuck?handler=Assign");
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.DoesNotContain($"data-code=\"{code}\"", (await committee.GetAsync("/Committee/Raters/Stuck")).Body);

        // The named lead, though not in the set, gets it.
        Assert.Equal(code, await otherLead.StartNextAsync(adjudication: true));
        Assert.Contains(await app.ActionsAsync("rating.read-assigned"), a => a.Actor != "" && a.AfterJson!.Contains(code));
    }

    private async Task<Browserless> CommitteeAsync()
    {
        var (user, password) = await app.CreateStaffAsync(Roles.Committee);
        var browser = Browserless.For(app);
        await browser.StaffSignInAsync(user, password);
        return browser;
    }
}
