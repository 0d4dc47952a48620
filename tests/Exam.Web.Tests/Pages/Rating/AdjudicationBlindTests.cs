using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Exam.Web.Rating;
using Exam.Web.Tests.Fixtures;
using Microsoft.AspNetCore.SignalR.Client;

namespace Exam.Web.Tests.Pages.Rating;

/// <summary>
/// The third read is blind to the first two unless the form says otherwise: with the setting off, no answer the
/// adjudicating lead can ask for (the page, a save, a heartbeat, the hub) carries the earlier reads.
/// </summary>
public sealed class AdjudicationBlindTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    private const string FeedbackA = "Earlier read A: observation too thin.";
    private const string FeedbackB = "Earlier read B: a sound and warm plan.";

    private async Task<(RatingSteps.Rater Lead, string Code)> AdjudicationAsync(bool seesReads)
    {
        var form = await ExamSeed.PublishedFormAsync(app, adjudicatorSeesReads: seesReads);
        var sat = await RatingSteps.SitBothPartsAsync(app, form, "One essay only.");
        var code = Assert.Single(sat.Codes);
        var first = await RatingSteps.RaterAsync(app);
        var second = await RatingSteps.RaterAsync(app);
        var lead = await RatingSteps.RaterAsync(app, lead: true);
        Assert.Equal(HttpStatusCode.Redirect, (await first.RateAsync(await first.ClaimOneOfAsync([code]), 0, FeedbackA)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.RateAsync(await second.ClaimOneOfAsync([code]), 3, FeedbackB)).Response.StatusCode);
        Assert.Equal(code, await lead.ClaimOneOfAsync([code], adjudication: true));
        return (lead, code);
    }

    [Fact]
    public async Task By_default_no_request_of_the_adjudicator_returns_the_earlier_reads()
    {
        var (lead, code) = await AdjudicationAsync(seesReads: false);
        var seen = new List<string>();
        var (page, html) = await lead.Browser.GetAsync("/Rating/Rate/" + code);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("id=\"blind-third-read\"", html);
        seen.Add(html);
        seen.Add(await AutosaveAsync(lead.Browser, html, code));
        seen.Add((await lead.Browser.PostFormAsync("/Rating/Rate/" + code, [], $"/Rating/Rate/{code}?handler=Heartbeat")).Body);
        seen.Add((await lead.Browser.PostFormAsync("/Rating/Rate/" + code, [new("Scores[c1]", "9"), new("Feedback", "y")],
            $"/Rating/Rate/{code}?handler=Submit")).Body); // refused (out of scale): the page comes back
        await using (var hub = HubClients.Build(app, "/hubs/rating", lead.Browser))
        {
            await hub.StartAsync();
            seen.Add(JsonSerializer.Serialize(await hub.InvokeAsync<QueueView>("Queue")));
        }
        foreach (var body in seen)
        {
            Assert.DoesNotContain(FeedbackA, body);
            Assert.DoesNotContain(FeedbackB, body);
            Assert.DoesNotContain("Rating A", body);
            Assert.DoesNotContain("Rating B", body);
        }
        Assert.Contains("A score is outside its scale", seen[3]);
    }

    [Fact]
    public async Task A_form_that_shows_the_earlier_reads_shows_them_to_the_adjudicator_as_A_and_B()
    {
        var (lead, code) = await AdjudicationAsync(seesReads: true);
        var (_, html) = await lead.Browser.GetAsync("/Rating/Rate/" + code);
        Assert.Contains("Rating A: total 0", html);
        Assert.Contains("Rating B: total 3", html);
        Assert.Contains(FeedbackA, html);
        Assert.DoesNotContain("id=\"blind-third-read\"", html);
    }

    // A hand-built autosave, as the page's script sends it.
    private static async Task<string> AutosaveAsync(Browserless browser, string html, string code)
    {
        var token = WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/Rating/Rate/{code}?handler=Autosave")
        {
            Content = JsonContent.Create(new { scores = new { c1 = 1 }, feedback = "So far." }),
        };
        request.Headers.Add("X-CSRF-TOKEN", token);
        var response = await browser.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
