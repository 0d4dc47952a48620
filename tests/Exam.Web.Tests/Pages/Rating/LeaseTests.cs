using System.Net;
using Exam.Web.Rating;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Rating;

/// <summary>Rating never loses work: an open page keeps its claim, and a lapsed claim is taken back or handed back as a draft.</summary>
public sealed class LeaseTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    private static readonly TimeSpan PastTheLease = TimeSpan.FromMinutes(31);

    private Task<int> SweepAsync() => app.Services.GetRequiredService<RatingService>().SweepExpiredAsync();

    [Fact]
    public async Task A_submit_after_the_lease_lapsed_takes_the_free_response_back_and_succeeds()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var sat = await RatingSteps.SitBothPartsAsync(app, form, "An essay read slowly.");
        var rater = await RatingSteps.RaterAsync(app);
        var code = await rater.ClaimOneOfAsync(sat.Codes);
        var (page, _) = await rater.Browser.GetAsync("/Rating/Rate/" + code); // the page the rater keeps open
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        app.Clock.Advance(PastTheLease);
        await SweepAsync(); // the lease sweeper may have run on the clock's advance already
        var (reopened, html) = await rater.Browser.GetAsync("/Rating/Rate/" + code);
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        Assert.Contains("It is still free: saving or submitting takes it back.", html);

        var (submitted, _) = await rater.RateAsync(code, 2, "Clear observation; say more about theory.");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Contains("submitted", (await rater.Browser.GetAsync("/Rating/Rate/" + code)).Body);
        Assert.Contains(await app.ActionsAsync("rating.claim-retaken"), a => a.Actor == rater.UserName);
    }

    [Fact]
    public async Task When_another_rater_took_the_lapsed_response_the_submit_says_so_and_hands_back_the_draft()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var sat = await RatingSteps.SitBothPartsAsync(app, form, "An essay that changes hands.");
        var slow = await RatingSteps.RaterAsync(app);
        var code = await slow.ClaimOneOfAsync(sat.Codes);
        app.Clock.Advance(PastTheLease);
        await SweepAsync();
        var quick = await RatingSteps.RaterAsync(app);
        Assert.Equal(code, await quick.ClaimOneOfAsync([code]));

        const string draft = "Thoughtful attention to the losses of the mother herself.";
        var (refused, body) = await slow.Browser.PostFormAsync("/Rating", [new("Scores[c1]", "2"), new("Feedback", draft)],
            $"/Rating/Rate/{code}?handler=Submit");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("another rater has taken it", body);
        Assert.Contains(draft, body);
        Assert.Contains(": 2 of 3", body);
        Assert.DoesNotContain("An essay that changes hands.", body);

        var (beat, json) = await slow.Browser.PostFormAsync("/Rating", [], $"/Rating/Rate/{code}?handler=Heartbeat");
        Assert.Equal(HttpStatusCode.Conflict, beat.StatusCode);
        Assert.Contains("\"taken\":true", json);
        // Someone who never held it still gets a plain "not found".
        var stranger = await RatingSteps.RaterAsync(app);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Browser.PostFormAsync("/Rating", [new("Feedback", "x")],
            $"/Rating/Rate/{code}?handler=Submit")).Response.StatusCode);
    }

    [Fact]
    public async Task The_heartbeat_of_an_open_page_keeps_the_claim_while_the_rater_reads_without_typing()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var sat = await RatingSteps.SitBothPartsAsync(app, form, "A long essay, read without typing.");
        var reader = await RatingSteps.RaterAsync(app);
        var code = await reader.ClaimOneOfAsync(sat.Codes);
        for (var i = 0; i < 3; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            var (beat, json) = await reader.Browser.PostFormAsync("/Rating/Rate/" + code, [], $"/Rating/Rate/{code}?handler=Heartbeat");
            Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
            Assert.Contains("\"held\":true", json);
        }
        await SweepAsync();
        var (_, queue) = await reader.Browser.GetAsync("/Rating");
        Assert.Contains($"/Rating/Rate/{code}", queue); // an hour on, still the reader's claim
        var (submitted, _) = await reader.RateAsync(code, 3, "Rich and reflective.");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
    }
}
