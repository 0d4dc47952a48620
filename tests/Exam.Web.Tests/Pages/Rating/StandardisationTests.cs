using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Exam.Data.Rating;
using Exam.Web.Rating;
using Exam.Web.Tests.Fixtures;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Rating;

/// <summary>Seeds every other claim, so a test meets one quickly.</summary>
public sealed class FrequentSeedingAppFactory : ExamAppFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Rating:Validity:SeedOneIn"] = "2" };
}

/// <summary>
/// Validity papers, qualification and seeding: a rater who has not qualified gets nothing live, whatever request they
/// build; a seeded paper is claimed, shown and counted like a live response; its rating never reaches a result.
/// </summary>
public sealed class StandardisationTests(FrequentSeedingAppFactory app) : IClassFixture<FrequentSeedingAppFactory>
{
    private static readonly Regex LiveCode = new("^E-[A-HJ-NP-Z2-9]{8}$");

    private Standardisation Standards => app.Services.GetRequiredService<Standardisation>();

    /// <summary>Seven exemplar papers on the form's first prompt with agreed scores 0..3, and an active set of the first five.</summary>
    private async Task<(IReadOnlyList<long> Papers, int[] Agreed)> PapersAndSetAsync(ExamSeed.Form form)
    {
        var agreed = new[] { 2, 1, 3, 0, 2, 1, 3 };
        var ids = new List<long>();
        for (var i = 0; i < agreed.Length; i++)
        {
            var (id, error) = await Standards.CreatePaperAsync(new PaperDraft($"Exemplar {i}", null, form.Id, form.EssayVersionIds[0],
                $"Essay {i}: the baby looks away when the mother speaks.", new Dictionary<string, int?> { ["c1"] = agreed[i] },
                $"Rationale {i}: observation is {agreed[i]} of 3."), "committee-test");
            Assert.Null(error);
            ids.Add(id!.Value);
        }
        var (set, problem) = await Standards.CreateSetAsync("Clinical", "Clinical qualification", ids.Take(5).ToList(), "committee-test");
        Assert.Null(problem);
        Assert.NotNull(set);
        return (ids, agreed);
    }

    private static async Task QualifyAsync(RatingSteps.Rater rater, int[] agreed, bool fail = false)
    {
        var (start, _) = await rater.Browser.PostFormAsync("/Rating/Qualify", [new("essaySet", "Clinical")], "/Rating/Qualify?handler=Start");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var (_, page) = await rater.Browser.GetAsync("/Rating/Qualify");
        var codes = Regex.Matches(page, "/Rating/Qualify/Paper/(Q-[A-Z0-9]{8})").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(5, codes.Count);
        for (var i = 0; i < codes.Count; i++)
        {
            var (_, before) = await rater.Browser.GetAsync("/Rating/Qualify/Paper/" + codes[i]);
            Assert.DoesNotContain("Rationale ", before); // the agreed scores only after the rater's own are in
            var score = fail && i < 2 ? (agreed[i] >= 2 ? 0 : 3) : agreed[i]; // failing: two papers 2 points out
            var (post, _) = await rater.Browser.PostFormAsync("/Rating/Qualify/Paper/" + codes[i], [new("Scores[c1]", score.ToString())]);
            Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
            var (_, after) = await rater.Browser.GetAsync("/Rating/Qualify/Paper/" + codes[i]);
            Assert.Contains($"Rationale {i}: observation is {agreed[i]} of 3.", after);
        }
    }

    private async Task<int> ClaimsAsync(long raterId)
    {
        await using var s = await app.Db.OpenAsync();
        return await s.Connection.ExecuteScalarAsync<int>(
            "SELECT (SELECT COUNT(*) FROM rating_tasks WHERE rater_id = @R) + (SELECT COUNT(*) FROM validity_reads WHERE rater_id = @R AND kind = 'seed' AND status <> 'queued')",
            new { R = raterId }, s.Transaction);
    }

    [Fact]
    public async Task A_rater_who_has_not_qualified_gets_nothing_live_until_they_pass_and_nothing_once_suspended()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var (_, agreed) = await PapersAndSetAsync(form);
        var sat = await RatingSteps.SitBothPartsAsync(app, form, "A live essay about a baby.");
        var rater = await RatingSteps.RaterAsync(app);

        // Hand-built "Start next" requests, plain and as an adjudication: refused before anything is claimed.
        var (plain, _) = await rater.Browser.PostFormAsync("/Rating", [], "/Rating?handler=StartNext");
        Assert.Equal("/Rating/Qualify", plain.Headers.Location!.OriginalString);
        await rater.Browser.PostFormAsync("/Rating", [new("adjudication", "false")], "/Rating?handler=StartNext");
        Assert.Equal(0, await ClaimsAsync(rater.Id));
        var (opened, body) = await rater.Browser.GetAsync("/Rating/Rate/" + sat.Codes[0]);
        Assert.Equal(HttpStatusCode.NotFound, opened.StatusCode);
        Assert.DoesNotContain("A live essay about a baby.", body);

        // Failing (three of five within a point) still gets nothing.
        await QualifyAsync(rater, agreed, fail: true);
        Assert.Null(await FirstLiveOrNullAsync(rater));

        // Passing in the window: live reads come.
        var passing = await RatingSteps.RaterAsync(app);
        await QualifyAsync(passing, agreed);
        Assert.NotNull(await passing.StartNextAsync());

        // A lead suspends them: nothing live until they requalify.
        Assert.Null(await Standards.SuspendAsync(passing.Id, "drifting lenient on seeded papers", "lead-test"));
        var (suspended, _) = await passing.Browser.PostFormAsync("/Rating", [], "/Rating?handler=StartNext");
        Assert.Equal("/Rating/Qualify", suspended.Headers.Location!.OriginalString);
    }

    private static async Task<string?> FirstLiveOrNullAsync(RatingSteps.Rater rater)
    {
        var (response, _) = await rater.Browser.PostFormAsync("/Rating", [], "/Rating?handler=StartNext");
        var location = response.Headers.Location!.OriginalString;
        return location.StartsWith("/Rating/Rate/", StringComparison.Ordinal) ? location : null;
    }

    [Fact]
    public async Task A_seeded_paper_is_claimed_shown_and_counted_like_a_live_response_and_its_rating_never_reaches_results()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var (_, agreed) = await PapersAndSetAsync(form);
        for (var i = 0; i < 3; i++) await RatingSteps.SitBothPartsAsync(app, form, $"Live essay {i} about the baby and the mother.");
        var rater = await RatingSteps.RaterAsync(app);
        await QualifyAsync(rater, agreed);

        var messages = 0;
        var hub = HubClients.Build(app, "/hubs/rating", rater.Browser);
        hub.On("QueueChanged", () => Interlocked.Increment(ref messages));
        await hub.StartAsync();

        string? seed = null, live = null;
        var pages = new ConcurrentDictionary<string, string>();
        for (var i = 0; i < 12 && (seed is null || live is null); i++)
        {
            var before = (await hub.InvokeAsync<QueueView>("Queue")).Sets.Single(s => s.EssaySet == "Clinical").Waiting;
            var heard = messages;
            var code = await rater.StartNextAsync();
            Assert.NotNull(code);
            Assert.Matches(LiveCode, code); // the same code shape
            var after = (await hub.InvokeAsync<QueueView>("Queue")).Sets.Single(s => s.EssaySet == "Clinical").Waiting;
            Assert.Equal(before - 1, after); // every claim takes one off the count, live or seeded
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
                while (messages == heard) await Task.Delay(25, timeout.Token); // and every claim is announced
            var (page, html) = await rater.Browser.GetAsync("/Rating/Rate/" + code);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains($"Rate response <span class=\"mono\">{code}</span>", html);
            pages[code] = html;
            await using (var s = await app.Db.OpenAsync())
            {
                var isSeed = await app.Services.GetRequiredService<ValidityStore>().ReadAsync(s, code, rater.Id) is not null;
                if (isSeed) seed ??= code; else live ??= code;
            }
        }
        Assert.NotNull(seed);
        Assert.NotNull(live);
        // The page says nothing a live page does not: no validity, practice-paper or agreed-score wording, no paper title.
        // Random tokens (antiforgery) are left out: base64url can spell "Q-" or "seed" by chance.
        var seedText = Regex.Replace(pages[seed], "[A-Za-z0-9_-]{40,}", "");
        foreach (var word in new[] { "validity", "Validity", "Practice paper", "agreed score", "Agreed", "Exemplar", "benchmark", "Rationale", "Q-", "seed" })
            Assert.DoesNotContain(word, seedText);
        static string Ids(string html) => string.Join(",", Regex.Matches(html, "id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal));
        Assert.Equal(Ids(pages[live]), Ids(pages[seed])); // the same page, element for element
        IReadOnlyList<string> criteria;
        await using (var s = await app.Db.OpenAsync())
        {
            var store = app.Services.GetRequiredService<ValidityStore>();
            var paper = await store.PaperAsync(s, (await store.ReadAsync(s, seed, rater.Id))!.PaperId);
            Assert.Contains(string.Join(' ', paper!.EssayText.Split(' ').Take(3)), pages[seed]); // the paper's essay, as a live one shows
            criteria = (await app.Services.GetRequiredService<RatingStore>().RubricAsync(s, paper.RubricVersionId))!.Criteria.Select(c => c.Id).ToList();
        }

        var responsesBefore = await SnapshotAsync();
        var (submitted, _) = await rater.Browser.PostFormAsync("/Rating/Rate/" + seed,
            [.. criteria.Select(c => new KeyValuePair<string, string>($"Scores[{c}]", "3")), new("Feedback", "Seed feedback that must go nowhere near a candidate.")],
            $"/Rating/Rate/{seed}?handler=Submit");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal("/Rating", submitted.Headers.Location!.OriginalString);
        Assert.Equal(responsesBefore, await SnapshotAsync());
        await using (var s = await app.Db.OpenAsync())
        {
            Assert.Equal(0, await s.Connection.ExecuteScalarAsync<int>(
                "SELECT COUNT(*) FROM rating_tasks WHERE feedback LIKE '%Seed feedback%'", transaction: s.Transaction));
            var read = await app.Services.GetRequiredService<ValidityStore>().ReadAsync(s, seed, rater.Id);
            Assert.Equal(3 * criteria.Count, read!.Total);
        }
        // And the lead sees the rater's accuracy: five practice papers and the seed.
        var accuracy = (await Standards.AccuracyAsync()).Single(r => r.RaterId == rater.Id);
        Assert.Equal(6, accuracy.Summary.N);
        Assert.Equal(1, accuracy.Seeded);
        await hub.DisposeAsync();
    }

    // What results are made of: every response's state and final score, and every recorded result.
    private async Task<string> SnapshotAsync()
    {
        await using var s = await app.Db.OpenAsync();
        var responses = await s.Connection.QueryAsync<string>(
            "SELECT code || ':' || status || ':' || COALESCE(CAST(final_score AS TEXT), '-') FROM rating_responses ORDER BY id", transaction: s.Transaction);
        var results = await s.Connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM exam_results", transaction: s.Transaction);
        return string.Join(",", responses) + "|" + results;
    }
}
