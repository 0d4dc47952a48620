using System.Collections.Concurrent;
using System.Net;
using Exam.Web.Rating;
using Exam.Web.Tests.Fixtures;
using Microsoft.AspNetCore.SignalR.Client;

namespace Exam.Web.Tests.Pages.Rating;

public sealed class RatingQueueTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    [Fact]
    public async Task A_new_submission_updates_every_connected_raters_counts()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var raters = new[] { await RatingSteps.RaterAsync(app), await RatingSteps.RaterAsync(app), await RatingSteps.RaterAsync(app, lead: true) };
        var seen = new ConcurrentDictionary<string, int>();
        var connections = new List<HubConnection>();
        var before = new Dictionary<string, int>();
        foreach (var rater in raters)
        {
            var hub = HubClients.Build(app, "/hubs/rating", rater.Browser);
            hub.On("QueueChanged", async () =>
            {
                var view = await hub.InvokeAsync<QueueView>("Queue");
                seen[rater.UserName] = view.Sets.Single(s => s.EssaySet == "Clinical").Waiting;
            });
            await hub.StartAsync();
            before[rater.UserName] = (await hub.InvokeAsync<QueueView>("Queue")).Sets.Single(s => s.EssaySet == "Clinical").Waiting;
            connections.Add(hub);
        }

        await RatingSteps.SitBothPartsAsync(app, form, "First essay about the baby.", "Second essay about the mother.");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!raters.All(r => seen.TryGetValue(r.UserName, out var n) && n == before[r.UserName] + 2))
            await Task.Delay(25, timeout.Token);
        foreach (var c in connections) await c.DisposeAsync();
    }

    [Fact]
    public async Task The_queue_page_lists_the_raters_sets_and_start_next_claims_one_response()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var sat = await RatingSteps.SitBothPartsAsync(app, form, "An essay.", "Another essay.");
        var rater = await RatingSteps.RaterAsync(app);
        var (page, html) = await rater.Browser.GetAsync("/Rating");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-set=\"Clinical\"", html);
        var code = await rater.ClaimOneOfAsync(sat.Codes);
        (_, html) = await rater.Browser.GetAsync("/Rating");
        Assert.Contains($"/Rating/Rate/{code}", html);
    }

    [Fact]
    public async Task A_rater_cannot_open_or_save_a_response_they_did_not_claim()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var sat = await RatingSteps.SitBothPartsAsync(app, form, "An essay to guard.");
        var holder = await RatingSteps.RaterAsync(app);
        var stranger = await RatingSteps.RaterAsync(app);
        var code = await holder.ClaimOneOfAsync(sat.Codes);
        Assert.Equal(HttpStatusCode.OK, (await holder.Browser.GetAsync("/Rating/Rate/" + code)).Response.StatusCode);

        var (page, body) = await stranger.Browser.GetAsync("/Rating/Rate/" + code);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("An essay to guard.", body);
        var (_, queue) = await stranger.Browser.GetAsync("/Rating");
        var (post, _) = await stranger.Browser.PostFormAsync("/Rating", [new("Scores[c1]", "3"), new("Feedback", "x")], $"/Rating/Rate/{code}?handler=Submit");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Browser.GetAsync("/Rating/Rate/E-NOTACODE")).Response.StatusCode);
        Assert.DoesNotContain(code, queue);
    }

    [Fact]
    public async Task Only_lead_raters_may_start_an_adjudication()
    {
        var rater = await RatingSteps.RaterAsync(app);
        var (response, _) = await rater.Browser.PostFormAsync("/Rating", [new("adjudication", "true")], "/Rating?handler=StartNext");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString);
        var (monitoring, _) = await rater.Browser.GetAsync("/Rating/Monitoring");
        Assert.NotEqual(HttpStatusCode.OK, monitoring.StatusCode);
    }
}
