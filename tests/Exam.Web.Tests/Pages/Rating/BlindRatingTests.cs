using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Exam.Data.Delivery;
using Exam.Web.Demo;
using Exam.Web.Rating;
using Exam.Web.Tests.Fixtures;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Rating;

/// <summary>Blind means blind: nothing a rater receives names the candidate, their sitting, attempt or submission time.</summary>
public sealed class BlindRatingTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    private readonly List<(string Where, string Text)> _received = [];

    // Antiforgery tokens and asset versions are random text: drop them so a digit run in one can't pass for an identifier.
    private void Keep(string where, string text) =>
        _received.Add((where, Regex.Replace(text, "value=\"CfDJ8[^\"]*\"|\\?v=[A-Za-z0-9_-]+", "")));

    [Fact]
    public async Task Nothing_a_rater_receives_identifies_the_candidate()
    {
        // The form shows the adjudicator the earlier reads: the widest view a rater gets, scanned below.
        var form = await ExamSeed.PublishedFormAsync(app, adjudicatorSeesReads: true);
        const string essay = "<b>The infant</b> turns away & the mother laughs.\nSecond paragraph.";
        var sat = await RatingSteps.SitBothPartsAsync(app, form, essay, "Another essay entirely.");
        var rater = await RatingSteps.RaterAsync(app);
        var lead = await RatingSteps.RaterAsync(app, lead: true);
        var other = await RatingSteps.RaterAsync(app);

        await using (var hub = HubClients.Build(app, "/hubs/rating", rater.Browser))
        {
            await hub.StartAsync();
            Keep("hub queue", JsonSerializer.Serialize(await hub.InvokeAsync<QueueView>("Queue")));
            Keep("queue page", (await rater.Browser.GetAsync("/Rating")).Body);
            var code = await rater.ClaimOneOfAsync(sat.Codes);
            Keep("claimed url", code);
            Keep("hub claims", JsonSerializer.Serialize(await hub.InvokeAsync<QueueView>("Queue")));
            var (page, html) = await rater.Browser.GetAsync("/Rating/Rate/" + code);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Keep("rating page", html);
            var first = code == sat.Codes[0];
            // The essay is plain text: its markup arrives escaped, never as HTML.
            if (first) Assert.Contains("&lt;b&gt;The infant&lt;/b&gt; turns away &amp; the mother laughs.", html);
            Assert.DoesNotContain("<b>The infant</b>", html);

            var (refused, error) = await rater.RateAsync(code, 2, "");
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Write feedback for the candidate", error);
            Keep("refused submit", error);
            Keep("profile", (await rater.Browser.GetAsync("/Rating/Profile")).Body);
            var (submitted, _) = await rater.RateAsync(code, 0, "Observation is thin.");
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
            Keep("after submit", (await rater.Browser.GetAsync("/Rating")).Body);
            Keep("submitted page", (await rater.Browser.GetAsync("/Rating/Rate/" + code)).Body);
            Keep("not found", (await other.Browser.GetAsync("/Rating/Rate/" + code)).Body);

            var second = await lead.ClaimOneOfAsync([code]);
            Keep("lead rating page", (await lead.Browser.GetAsync("/Rating/Rate/" + second)).Body);
            await lead.RateAsync(second, 3, "Strong theory.");
            var third = await lead.StartNextAsync(adjudication: true);
            Assert.Null(third); // a lead never adjudicates a response they rated
            var lead2 = await RatingSteps.RaterAsync(app, lead: true);
            var adjudication = await lead2.ClaimOneOfAsync([code], adjudication: true);
            var (adjPage, adjHtml) = await lead2.Browser.GetAsync("/Rating/Rate/" + adjudication);
            Assert.Equal(HttpStatusCode.OK, adjPage.StatusCode);
            Assert.Contains("Observation is thin.", adjHtml);
            Keep("adjudication page", adjHtml);
            Keep("monitoring", (await lead2.Browser.GetAsync("/Rating/Monitoring")).Body);
        }

        await using var s = await app.Db.OpenAsync();
        var (attempt, parts) = (await app.Services.GetRequiredService<AttemptStore>().GetAsync(s, sat.AttemptId))!.Value;
        var submittedAt = parts.Single(p => p.Part == 2).SubmittedAt!.Value.UtcDateTime;
        var identifiers = new List<string>
        {
            sat.Seat.CandidateNumber, "Candidate " + sat.Seat.CandidateNumber, $"c{sat.Seat.CandidateNumber}@example.org", "Test AIMH",
            "Sitting " + sat.Seat.CandidateNumber, sat.ReceiptCode, attempt.SessionId,
            submittedAt.ToString("yyyy-MM-ddTHH:mm:ss"), submittedAt.ToString("yyyy-MM-dd HH:mm"), $"attempt-{sat.AttemptId}",
        };
        foreach (var c in DemoData.Candidates) identifiers.AddRange([c.Number, c.FullName, c.Email, c.Association]);
        foreach (var c in DemoRatingSeeder.Candidates) identifiers.AddRange([c.Number, c.FullName, c.Email, c.Association]);
        foreach (var (where, text) in _received)
            foreach (var id in identifiers)
                Assert.False(text.Contains(id, StringComparison.OrdinalIgnoreCase), $"'{id}' reached a rater in {where}");
        Assert.Equal(13, _received.Count);
    }
}
