using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Exam.Core.Accounts;
using Exam.Web.Rating;
using Exam.Web.Tests.Fixtures;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Rating;

/// <summary>
/// A rater who tries to learn who wrote a response by declaring a name, watching the queue and "Start next", and
/// removing it again learns nothing: declarations are fixed while a window is open, and counts ignore them.
/// The demo's first sat candidate wrote the oldest responses in the Clinical queue, so "Start next" offers theirs first.
/// </summary>
public sealed partial class ConflictOracleTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    private static readonly string Victim = DemoRatingSeeder.Candidates[0].FullName;
    private static readonly string Other = DemoRatingSeeder.Candidates[1].FullName;

    [Fact]
    public async Task A_rater_who_declares_and_removes_a_name_during_a_window_sees_no_change_in_counts_or_offers()
    {
        await WindowAsync(open: false);
        var rater = await RatingSteps.RaterAsync(app);
        await DeclareAsync(rater, Other); // before the window: applies at once
        await WindowAsync(open: true);

        var before = await ObserveAsync(rater);
        var offered = await OfferAsync(rater);
        Assert.Contains(offered, await CodesOfAsync(Victim));

        var declared = await DeclareAsync(rater, Victim);
        Assert.Contains("Your request has gone to the lead raters", declared);
        Assert.Equal(before, await ObserveAsync(rater));
        Assert.Equal(offered, await OfferAsync(rater));

        var removed = await RemoveAsync(rater, Other);
        Assert.Contains("Your request has gone to the lead raters", removed);
        Assert.Equal(before, await ObserveAsync(rater));
        Assert.Equal(offered, await OfferAsync(rater));

        // What the rater holds is exactly what they declared before the window; the page names no response.
        var conflicts = await app.Services.GetRequiredService<RaterProfiles>().ConflictsAsync(rater.Id);
        Assert.Equal([RatingStoreNormalize(Other)], conflicts.Select(c => c.Value));
        var (_, profile) = await rater.Browser.GetAsync("/Rating/Profile");
        Assert.DoesNotMatch(ResponseCode(), profile);
        Assert.Equal(2, Regex.Count(profile, ">pending<"));
    }

    [Fact]
    public async Task The_lead_sees_the_match_and_approves_and_the_raters_counts_still_do_not_move()
    {
        await WindowAsync(open: true);
        var rater = await RatingSteps.RaterAsync(app);
        var lead = await RatingSteps.RaterAsync(app, lead: true);
        var before = await ObserveAsync(rater);
        var offered = await OfferAsync(rater);
        await DeclareAsync(rater, Victim);

        var (_, review) = await lead.Browser.GetAsync("/Rating/Conflicts");
        Assert.Contains(Victim, review); // the candidate's own name, as the record holds it
        foreach (var code in await CodesOfAsync(Victim)) Assert.Contains(code, review);
        var id = (await app.Services.GetRequiredService<RaterProfiles>().RequestsAsync(rater.Id)).Single().Id.ToString();
        Assert.Contains($"data-request=\"{id}\"", review);
        var (decided, _) = await lead.Browser.PostFormAsync("/Rating/Conflicts", [new("requestId", id), new("approve", "true")], "/Rating/Conflicts?handler=Decide");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);

        // Applied: the victim's essays no longer reach this rater, yet the counts they see are as before.
        Assert.Equal(before, await ObserveAsync(rater));
        var now = await OfferAsync(rater);
        Assert.NotEqual(offered, now);
        Assert.DoesNotContain(now, await CodesOfAsync(Victim));
        var (_, profile) = await rater.Browser.GetAsync("/Rating/Profile");
        Assert.Contains(">approved<", profile);
        Assert.DoesNotMatch(ResponseCode(), profile);

        // A rater can neither read the review nor decide.
        Assert.NotEqual(HttpStatusCode.OK, (await rater.Browser.GetAsync("/Rating/Conflicts")).Response.StatusCode);
    }

    [Fact]
    public async Task Outside_a_window_declarations_apply_at_once_and_nobody_can_claim()
    {
        var committee = await CommitteeAsync();
        await WindowAsync(open: true);
        var (closed, _) = await committee.PostFormAsync("/Committee/Raters/Window", [], "/Committee/Raters/Window?handler=Close");
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var rater = await RatingSteps.RaterAsync(app);
        var before = await ObserveAsync(rater);

        Assert.Null(await rater.StartNextAsync());
        Assert.Contains("Rating is closed", (await rater.Browser.GetAsync("/Rating")).Body);
        Assert.Contains("Declared.", await DeclareAsync(rater, Victim));
        Assert.Equal(before, await ObserveAsync(rater));

        var (opened, _) = await committee.PostFormAsync("/Committee/Raters/Window", [], "/Committee/Raters/Window?handler=Open");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Contains("Open since", (await committee.GetAsync("/Committee/Raters/Window")).Body);
        Assert.DoesNotContain(await OfferAsync(rater), await CodesOfAsync(Victim));
    }

    private async Task WindowAsync(bool open)
    {
        var windows = app.Services.GetRequiredService<RatingWindows>();
        var isOpen = (await windows.StateAsync()).Open is not null;
        if (open && !isOpen) Assert.Null(await windows.OpenAsync("test-setup"));
        if (!open && isOpen) Assert.Null(await windows.CloseAsync("test-setup"));
    }

    private async Task<Browserless> CommitteeAsync()
    {
        var (user, password) = await app.CreateStaffAsync(Roles.Committee);
        var browser = Browserless.For(app);
        await browser.StaffSignInAsync(user, password);
        return browser;
    }

    /// <summary>All a rater sees of the queue: the counts on their page and the view their hub connection gets.</summary>
    private async Task<string> ObserveAsync(RatingSteps.Rater rater)
    {
        var (_, html) = await rater.Browser.GetAsync("/Rating");
        var sets = string.Join("\n", QueueLists().Matches(html).Select(m => m.Value));
        await using var hub = HubClients.Build(app, "/hubs/rating", rater.Browser);
        await hub.StartAsync();
        return sets + "\n" + JsonSerializer.Serialize(await hub.InvokeAsync<QueueView>("Queue"));
    }

    /// <summary>What "Start next" offers, given straight back to the queue.</summary>
    private static async Task<string> OfferAsync(RatingSteps.Rater rater)
    {
        var code = await rater.StartNextAsync();
        Assert.NotNull(code);
        var (released, _) = await rater.Browser.PostFormAsync("/Rating/Rate/" + code, [], $"/Rating/Rate/{code}?handler=Release");
        Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);
        await rater.Browser.GetAsync("/Rating"); // where the rater reads "... went back to the queue"
        return code;
    }

    private static async Task<string> DeclareAsync(RatingSteps.Rater rater, string name)
    {
        var (posted, _) = await rater.Browser.PostFormAsync("/Rating/Profile", [new("Kind", "person"), new("Value", name)], "/Rating/Profile?handler=Declare");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        return (await rater.Browser.GetAsync("/Rating/Profile")).Body;
    }

    private static async Task<string> RemoveAsync(RatingSteps.Rater rater, string name)
    {
        var (_, html) = await rater.Browser.GetAsync("/Rating/Profile");
        var row = Regex.Match(html, $"<td>{Regex.Escape(RatingStoreNormalize(name))}</td>\\s*<td><form method=\"post\" action=\"([^\"]+)\"");
        Assert.True(row.Success, "no Remove button for " + name);
        var (posted, _) = await rater.Browser.PostFormAsync("/Rating/Profile", [], WebUtility.HtmlDecode(row.Groups[1].Value));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        return (await rater.Browser.GetAsync("/Rating/Profile")).Body;
    }

    private async Task<IReadOnlyList<string>> CodesOfAsync(string fullName)
    {
        await using var s = await app.Db.OpenAsync();
        return (await s.Connection.QueryAsync<string>("""
            SELECT r.code FROM rating_responses r JOIN attempts a ON a.id = r.attempt_id
            JOIN registrations g ON g.id = a.registration_id JOIN candidates c ON c.id = g.candidate_id WHERE c.full_name = @N
            """, new { N = fullName })).ToList();
    }

    private static string RatingStoreNormalize(string name) => Exam.Data.Rating.RatingStore.Normalize(name);

    [GeneratedRegex("<ul class=\"queue-sets\" id=\"(sets|adjudication)\">.*?</ul>", RegexOptions.Singleline)]
    private static partial Regex QueueLists();

    [GeneratedRegex("E-[A-Z0-9]{8}")]
    private static partial Regex ResponseCode();
}
