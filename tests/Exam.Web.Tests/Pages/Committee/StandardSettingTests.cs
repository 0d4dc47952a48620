using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Exam.Core.Accounts;
using Exam.Core.StandardSetting;
using Exam.Data.Delivery;
using Exam.Data.StandardSetting;
using Exam.Web.Scoring;
using Exam.Web.StandardSetting;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Committee;

public sealed partial class StandardSettingTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    private StandardSettingStudies Studies => app.Services.GetRequiredService<StandardSettingStudies>();

    private static async Task<Browserless> SignInAsync(ExamAppFactory app, (string UserName, string Password) account)
    {
        var browser = Browserless.For(app);
        await browser.StaffSignInAsync(account.UserName, account.Password);
        return browser;
    }

    /// <summary>A hand-built JSON save, as the page's script sends it, with the page's antiforgery token.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> SaveAsync(Browserless panelist, long study, object body, string? contentType = null)
    {
        var (_, html) = await panelist.GetAsync($"/Panel/Study?id={study}");
        var token = WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/Panel/Study?id={study}&handler=Save")
        {
            Content = body is string raw ? new StringContent(raw, System.Text.Encoding.UTF8, contentType ?? "application/json") : JsonContent.Create(body),
        };
        request.Headers.Add("X-CSRF-TOKEN", token);
        var response = await panelist.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<(long Study, (string UserName, string Password) Ana, (string UserName, string Password) Ben)> StudyInRoundOneAsync(ExamSeed.Form form)
    {
        var ana = await app.CreateStaffAsync(Roles.Panelist);
        var ben = await app.CreateStaffAsync(Roles.Panelist);
        var (id, error) = await Studies.CreateAsync(form.Id, "Angoff " + form.Id, "Knows the foundations; applies them with supervision.", "committee");
        Assert.Null(error);
        Assert.Null(await Studies.InviteAsync(id!.Value, ana.UserName, "committee"));
        Assert.Null(await Studies.InviteAsync(id.Value, ben.UserName, "committee"));
        Assert.Null(await Studies.AdvanceAsync(id.Value, StudyStage.Setup, "committee"));
        return (id.Value, ana, ben);
    }

    private async Task RateAllAsync(long study, string panelist, int questions, Func<int, int> rating, int? expectedPass = null)
    {
        for (var p = 1; p <= questions; p++) Assert.True((await Studies.SaveAsync(study, panelist, p, rating(p), null)).Saved);
        if (expectedPass is { } e) Assert.True((await Studies.SaveAsync(study, panelist, null, null, e)).Saved);
        Assert.Null(await Studies.FinishRoundAsync(study, panelist));
    }

    [Fact]
    public async Task A_two_round_study_recommends_the_mean_of_the_panelists_cuts_with_its_standard_error()
    {
        var form = await ExamSeed.PublishedFormAsync(app, questions: 5);
        var committee = Browserless.For(app);
        await committee.StaffSignInAsync("committee", DemoLogins.Staff("committee").Password);
        var ana = await app.CreateStaffAsync(Roles.Panelist);
        var ben = await app.CreateStaffAsync(Roles.Panelist);

        var (created, _) = await committee.PostFormAsync("/Committee/StandardSetting",
            [new("FormId", form.Id), new("Title", "Part One cut"), new("Description", "")]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = created.Headers.Location!.ToString();
        var id = long.Parse(page[(page.IndexOf("id=", StringComparison.Ordinal) + 3)..]);
        foreach (var who in new[] { ana.UserName, ben.UserName })
            await committee.PostFormAsync(page, [new("Panelist", who)], $"/Committee/StandardSetting/Study?id={id}&handler=Invite");
        var (_, early) = await committee.PostFormAsync(page, [new("From", "setup")], $"/Committee/StandardSetting/Study?id={id}&handler=Advance");
        Assert.Contains("Write the panel&#x27;s description", early); // round 1 waits for the description
        await committee.PostFormAsync(page, [new("Description", "Safe, supervised practice")], $"/Committee/StandardSetting/Study?id={id}&handler=Describe");
        await committee.PostFormAsync(page, [new("From", "setup")], $"/Committee/StandardSetting/Study?id={id}&handler=Advance");

        var anaBrowser = await SignInAsync(app, ana);
        var benBrowser = await SignInAsync(app, ben);
        for (var p = 1; p <= 5; p++)
        {
            var saved = await SaveAsync(anaBrowser, id, new { position = p, rating = 60 });
            Assert.True(saved.Status == HttpStatusCode.OK, saved.Body);
            Assert.Equal(HttpStatusCode.OK, (await SaveAsync(benBrowser, id, new { position = p, rating = 80 })).Status);
        }
        await anaBrowser.PostFormAsync($"/Panel/Study?id={id}", [new("finish", "true")], $"/Panel/Study?id={id}&handler=SaveAll");
        var (_, waiting) = await committee.PostFormAsync(page, [new("From", "round1")], $"/Committee/StandardSetting/Study?id={id}&handler=Advance");
        Assert.Contains($"Waiting for {ben.UserName} to finish round 1", waiting);
        await benBrowser.PostFormAsync($"/Panel/Study?id={id}", [new("finish", "true")], $"/Panel/Study?id={id}&handler=SaveAll");
        var (_, discussion) = await committee.PostFormAsync(page, [new("From", "round1")], $"/Committee/StandardSetting/Study?id={id}&handler=Advance");
        Assert.Contains("id=\"discussion\"", discussion);
        Assert.Contains("<td>60 80</td>", discussion); // the round-1 ratings per item, without names

        await committee.PostFormAsync(page, [new("From", "discussion")], $"/Committee/StandardSetting/Study?id={id}&handler=Advance");
        // Round 2 starts from each panelist's round-1 ratings: ana revises two items up, ben one down.
        await SaveAsync(anaBrowser, id, new { position = 1, rating = 70 });
        await SaveAsync(anaBrowser, id, new { position = 2, rating = 70 });
        await SaveAsync(benBrowser, id, new { position = 1, rating = 70 });
        var (_, spread) = await anaBrowser.GetAsync($"/Panel/Study?id={id}");
        Assert.Contains("Round 1 panel: mean 70%, from 60% to 80%", spread);
        var (_, noPass) = await anaBrowser.PostFormAsync($"/Panel/Study?id={id}", [new("finish", "true")], $"/Panel/Study?id={id}&handler=SaveAll");
        Assert.Contains("give the pass rate you expect", noPass);
        await anaBrowser.PostFormAsync($"/Panel/Study?id={id}", [new("ExpectedPass", "70"), new("finish", "true")], $"/Panel/Study?id={id}&handler=SaveAll");
        await benBrowser.PostFormAsync($"/Panel/Study?id={id}", [new("ExpectedPass", "50"), new("finish", "true")], $"/Panel/Study?id={id}&handler=SaveAll");
        var (_, results) = await committee.PostFormAsync(page, [new("From", "round2")], $"/Committee/StandardSetting/Study?id={id}&handler=Advance");

        // ana: 0.7 + 0.7 + 0.6 x 3 = 3.2; ben: 0.7 + 0.8 x 4 = 3.9. Mean 3.55; sample SD 0.495; SE 0.495 / sqrt(2) = 0.35.
        Assert.Contains("<td id=\"recommended\">3.55 of 5</td>", results);
        Assert.Contains("<td id=\"standard-error\">0.35</td>", results);
        Assert.Contains("<td id=\"raw-cut\">4</td>", results);

        // Nobody has sat the form: no dry run needed; the adoption is audited and becomes a key version with the cut.
        var (_, noReason) = await committee.PostFormAsync(page, [new("RawCut", "4"), new("Reason", "")], $"/Committee/StandardSetting/Study?id={id}&handler=Adopt");
        Assert.Contains("Give the reason", noReason);
        var (_, adopted) = await committee.PostFormAsync(page, [new("RawCut", "4"), new("Reason", "Panel of two, pilot")], $"/Committee/StandardSetting/Study?id={id}&handler=Adopt");
        Assert.Contains("id=\"adopted\"", adopted);
        Assert.Equal(new Core.Scoring.CutScore(4, 5), (await app.Services.GetRequiredService<KeyCorrections>().CurrentKeyAsync(form.Id)).Cut);
        Assert.Contains(await app.ActionsAsync(StandardSettingStudies.CutAdopted), e => e.SubjectId == id.ToString() && e.Detail == "Panel of two, pilot");
        Assert.Contains(await app.ActionsAsync("cut.adopted"), e => e.SubjectId == form.Id);
        Assert.Equal(4, (await app.ActionsAsync(StandardSettingStudies.Advanced)).Count(e => e.SubjectId == id.ToString()));
    }

    [Fact]
    public async Task A_panelist_never_sees_anothers_round_one_ratings_nor_the_facilitators_page()
    {
        var form = await ExamSeed.PublishedFormAsync(app, questions: 3);
        var (study, ana, ben) = await StudyInRoundOneAsync(form);
        var anaBrowser = await SignInAsync(app, ana);
        var benBrowser = await SignInAsync(app, ben);
        for (var p = 1; p <= 3; p++)
        {
            await SaveAsync(anaBrowser, study, new { position = p, rating = 37 });
            await SaveAsync(benBrowser, study, new { position = p, rating = 93 });
        }

        var (_, anaPage) = await anaBrowser.GetAsync($"/Panel/Study?id={study}");
        Assert.Contains("value=\"37\"", anaPage);
        Assert.DoesNotMatch(BensRating, anaPage);
        Assert.DoesNotContain(ben.UserName, anaPage);
        // The committee's page and the facilitator's data are closed to a panelist, whatever the request.
        foreach (var path in new[] { $"/Committee/StandardSetting/Study?id={study}", "/Committee/StandardSetting" })
            Assert.Contains("/Account/AccessDenied", (await anaBrowser.GetAsync(path)).Response.Headers.Location!.ToString());
        // A save names no panelist: it always writes the signed-in panelist's own rating.
        var (status, body) = await SaveAsync(anaBrowser, study, new { position = 1, rating = 40, userName = ben.UserName });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotMatch(BensRating, body);
        await using (var s = await app.Db.OpenAsync())
        {
            var ratings = await app.Services.GetRequiredService<StandardSettingStore>().RatingsAsync(s, study, 1);
            Assert.All(ratings.Where(r => r.UserName == ben.UserName), r => Assert.Equal(93, r.Rating));
            Assert.Equal(40, ratings.Single(r => r.UserName == ana.UserName && r.Position == 1).Rating);
        }
        // The facilitator sees progress only, no rating, during the round.
        var committee = Browserless.For(app);
        await committee.StaffSignInAsync("committee", DemoLogins.Staff("committee").Password);
        var (_, facilitator) = await committee.GetAsync($"/Committee/StandardSetting/Study?id={study}");
        Assert.Contains("3 of 3", facilitator);
        Assert.DoesNotMatch(BensRating, facilitator);
        Assert.DoesNotContain("id=\"discussion\"", facilitator);
        // Someone not on the panel learns nothing, not even that the study exists.
        var outsider = await SignInAsync(app, await app.CreateStaffAsync(Roles.Panelist));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Panel/Study?id={study}")).Response.StatusCode);
        // A proctor is not a panelist at all.
        var proctor = await SignInAsync(app, await app.CreateStaffAsync(Roles.Proctor));
        Assert.Contains("/Account/AccessDenied", (await proctor.GetAsync($"/Panel/Study?id={study}")).Response.Headers.Location!.ToString());
        Assert.Contains("Invite an active staff account", await Studies.InviteAsync(study, "proctor", "committee"));
    }

    [Fact]
    public async Task Saves_are_idempotent_and_acknowledged_bad_bodies_get_400_and_a_closed_round_refuses()
    {
        var form = await ExamSeed.PublishedFormAsync(app, questions: 2);
        var (study, ana, ben) = await StudyInRoundOneAsync(form);
        var browser = await SignInAsync(app, ana);
        var first = await SaveAsync(browser, study, new { position = 2, rating = 55 });
        var again = await SaveAsync(browser, study, new { position = 2, rating = 55 });
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.Status, again.Status));
        Assert.Equal(first.Body, again.Body);
        Assert.Contains("\"ok\":true", first.Body);
        await using (var s = await app.Db.OpenAsync())
            Assert.Single(await app.Services.GetRequiredService<StandardSettingStore>().RatingsAsync(s, study, 1, ana.UserName));

        Assert.Equal(HttpStatusCode.BadRequest, (await SaveAsync(browser, study, "{\"position\":1,\"rating\":\"high\"}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SaveAsync(browser, study, "not json")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SaveAsync(browser, study, "null")).Status);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await SaveAsync(browser, study, "position=1", "application/x-www-form-urlencoded")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SaveAsync(browser, study, new { position = 1 })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SaveAsync(browser, study, new { position = 1, rating = 101 })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SaveAsync(browser, study, new { position = 9, rating = 50 })).Status);

        // A GET never writes: the panelist's last save time stays where the last save put it.
        DateTimeOffset? Saved(IReadOnlyList<StoredPanelist> panel) => panel.Single(p => p.UserName == ana.UserName).LastSavedAt;
        await using var db = await app.Db.OpenAsync();
        var store = app.Services.GetRequiredService<StandardSettingStore>();
        var before = Saved(await store.PanelistsAsync(db, study));
        await browser.GetAsync($"/Panel/Study?id={study}");
        Assert.Equal(before, Saved(await store.PanelistsAsync(db, study)));

        Assert.Contains("Rate every question", await Studies.FinishRoundAsync(study, ana.UserName));
        await RateAllAsync(study, ana.UserName, 2, _ => 50);
        var (closed, message) = await SaveAsync(browser, study, new { position = 1, rating = 10 });
        Assert.Equal(HttpStatusCode.Conflict, closed);
        Assert.Contains("finished this round", message);
        Assert.Contains("moved on meanwhile", await Studies.AdvanceAsync(study, StudyStage.Setup, "committee"));
        Assert.Contains("past setup", await Studies.InviteAsync(study, ben.UserName, "committee"));
    }

    [Fact]
    public async Task A_panelist_can_be_removed_until_round_one_closes_with_their_ratings_and_it_is_audited()
    {
        var form = await ExamSeed.PublishedFormAsync(app, questions: 2);
        var (study, ana, ben) = await StudyInRoundOneAsync(form);
        var cleo = await app.CreateStaffAsync(Roles.Panelist);
        var committee = Browserless.For(app);
        await committee.StaffSignInAsync("committee", DemoLogins.Staff("committee").Password);
        var page = $"/Committee/StandardSetting/Study?id={study}";

        // Round 1 is open with two panelists: removing one would leave too few, and nobody can be invited now.
        var (_, tooFew) = await committee.PostFormAsync(page, [new("Panelist", ben.UserName)], page + "&handler=Remove");
        Assert.Contains("Round 1 needs at least 2 panelists", tooFew);
        var (_, notOnPanel) = await committee.PostFormAsync(page, [new("Panelist", cleo.UserName)], page + "&handler=Remove");
        Assert.Contains($"{cleo.UserName} is not on the panel", notOnPanel);

        // A study still at setup: anyone may leave. Then a third panelist lets one leave during round 1, ratings and all.
        var (second, _) = await Studies.CreateAsync(form.Id, "Second panel", "Safe practice", "committee");
        foreach (var who in new[] { ana.UserName, ben.UserName, cleo.UserName }) Assert.Null(await Studies.InviteAsync(second!.Value, who, "committee"));
        Assert.Null(await Studies.RemoveAsync(second!.Value, cleo.UserName, "committee"));
        Assert.Null(await Studies.InviteAsync(second.Value, cleo.UserName, "committee"));
        Assert.Null(await Studies.AdvanceAsync(second.Value, StudyStage.Setup, "committee"));
        var cleoBrowser = await SignInAsync(app, cleo);
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(cleoBrowser, second.Value, new { position = 1, rating = 90 })).Status);
        await RateAllAsync(second.Value, ana.UserName, 2, _ => 50);
        await RateAllAsync(second.Value, ben.UserName, 2, _ => 70);

        var secondPage = $"/Committee/StandardSetting/Study?id={second.Value}";
        var (_, removed) = await committee.PostFormAsync(secondPage, [new("Panelist", cleo.UserName)], secondPage + "&handler=Remove");
        Assert.Contains($"{cleo.UserName} has left the panel", removed);
        Assert.Contains(await app.ActionsAsync(StandardSettingStudies.Removed),
            e => e.SubjectId == second.Value.ToString() && e.Actor == "committee" && e.BeforeJson!.Contains(cleo.UserName) && e.BeforeJson.Contains("\"ratingsDiscarded\":1"));
        await using (var s = await app.Db.OpenAsync())
        {
            var store = app.Services.GetRequiredService<StandardSettingStore>();
            Assert.DoesNotContain(await store.PanelistsAsync(s, second.Value), p => p.UserName == cleo.UserName);
            Assert.DoesNotContain(await store.RatingsAsync(s, second.Value, 1), r => r.UserName == cleo.UserName);
        }
        // The removed panelist can neither save nor see the study; with her gone, everyone left has finished round 1.
        Assert.Equal(HttpStatusCode.NotFound, (await cleoBrowser.GetAsync($"/Panel/Study?id={second.Value}")).Response.StatusCode);
        Assert.Equal(409, (await Studies.SaveAsync(second.Value, cleo.UserName, 2, 10, null)).Status);
        Assert.Null(await Studies.AdvanceAsync(second.Value, StudyStage.Round1, "committee"));

        // Once round 1 has closed, nobody leaves: their ratings are in the discussion.
        var (_, closed) = await committee.PostFormAsync(secondPage, [new("Panelist", ana.UserName)], secondPage + "&handler=Remove");
        Assert.Contains("removed until round 1 closes", closed);
        await using (var s = await app.Db.OpenAsync())
            Assert.Equal(2, (await app.Services.GetRequiredService<StandardSettingStore>().PanelistsAsync(s, second.Value)).Count);
    }

    [Fact]
    public async Task The_score_report_states_the_adopted_cut_that_decided_the_pass_not_the_published_percent()
    {
        var form = await ExamSeed.PublishedFormAsync(app, questions: 5);
        var (_, session, seat) = await SitWithSessionAsync(form, right: 3); // 60%: fails at the published 80%
        var (study, ana, ben) = await StudyInRoundOneAsync(form);
        foreach (var round in new[] { 1, 2 })
        {
            await RateAllAsync(study, ana.UserName, 5, _ => 60, round == 2 ? 50 : null);
            await RateAllAsync(study, ben.UserName, 5, _ => 60, round == 2 ? 50 : null);
            Assert.Null(await Studies.AdvanceAsync(study, round == 1 ? StudyStage.Round1 : StudyStage.Round2, "committee"));
            if (round == 1) Assert.Null(await Studies.AdvanceAsync(study, StudyStage.Discussion, "committee"));
        }
        var (_, version, error) = await Studies.PreviewAdoptionAsync(study, 3);
        Assert.Null(error);
        Assert.Null((await Studies.AdoptAsync(study, 3, "Angoff, two rounds", version, "committee")).Error);

        var committee = Browserless.For(app);
        await committee.StaffSignInAsync("committee", DemoLogins.Staff("committee").Password);
        var (release, _) = await committee.PostFormAsync($"/Committee/Results/Sitting/{seat.SittingId}", [],
            $"/Committee/Results/Sitting/{seat.SittingId}?handler=Release");
        Assert.Equal(HttpStatusCode.Redirect, release.StatusCode);
        var (_, html) = await session.Browser.GetAsync("/Candidate/Results");
        Assert.Contains("<strong>Pass</strong>: 3 of 5 (60%), pass mark 3 of 5 (60%)", html);
        Assert.DoesNotContain("pass mark 80%", html);
    }

    /// <summary>A candidate who answers the first <paramref name="right"/> questions with the key and the rest wrongly.</summary>
    private async Task<long> SitAsync(ExamSeed.Form form, int right) => (await SitWithSessionAsync(form, right)).AttemptId;

    private async Task<(long AttemptId, CandidateSession Session, ExamSeed.Seat Seat)> SitWithSessionAsync(ExamSeed.Form form, int right)
    {
        var seat = await ExamSeed.SeatAsync(app, form, partTwo: false);
        var session = await CandidateSession.SignInAsync(app, seat);
        await session.AcceptRulesAsync();
        await session.OpenAsync("/Candidate/Exam/PartOne");
        var seq = 0;
        foreach (var q in form.Questions)
        {
            var text = q.Position <= right ? q.KeyText : session.OptionTexts(q.Position).First(t => t != q.KeyText);
            await session.SaveMcAsync(++seq, q.Position, session.SlotOf(q.Position, text));
        }
        await session.SubmitAsync("/Candidate/Exam/PartOne");
        await using var s = await app.Db.OpenAsync();
        return ((await app.Services.GetRequiredService<AttemptStore>().IdForRegistrationAsync(s, seat.RegistrationId))!.Value, session, seat);
    }

    [Fact]
    public async Task Adopting_a_cut_on_a_form_with_results_goes_through_a_dry_run_and_an_explicit_apply()
    {
        var form = await ExamSeed.PublishedFormAsync(app, questions: 5);
        var passes = await SitAsync(form, right: 4); // 80%: passes at the published cut
        var fails = await SitAsync(form, right: 3);  // 60%: fails now, passes at 3 of 5
        var (study, ana, ben) = await StudyInRoundOneAsync(form);
        await RateAllAsync(study, ana.UserName, 5, _ => 60);
        await RateAllAsync(study, ben.UserName, 5, _ => 60);
        Assert.Null(await Studies.AdvanceAsync(study, StudyStage.Round1, "committee"));
        Assert.Null(await Studies.AdvanceAsync(study, StudyStage.Discussion, "committee"));
        await RateAllAsync(study, ana.UserName, 5, _ => 60, expectedPass: 60);
        await RateAllAsync(study, ben.UserName, 5, _ => 60, expectedPass: 40);
        Assert.Null(await Studies.AdvanceAsync(study, StudyStage.Round2, "committee"));

        var committee = Browserless.For(app);
        await committee.StaffSignInAsync("committee", DemoLogins.Staff("committee").Password);
        var page = $"/Committee/StandardSetting/Study?id={study}";
        var (_, results) = await committee.GetAsync(page);
        Assert.Contains("<td id=\"raw-cut\">3</td>", results);
        Assert.True(results.Contains("100.0% of 2"), Regex.Match(results, "<table id=\"results\".*?</table>", RegexOptions.Singleline).Value); // both existing scores (4 and 3) reach the cut
        Assert.DoesNotContain("id=\"adopt\"", results); // no adopt button before the dry run

        // A hand-built apply without a preview is refused, and nothing changes.
        var (_, unpreviewed) = await committee.PostFormAsync(page, [new("RawCut", "3"), new("Reason", "Angoff")], page + "&handler=Adopt");
        Assert.Contains("preview who changes", unpreviewed);
        var (_, preview) = await committee.PostFormAsync(page, [new("RawCut", "3"), new("Reason", "Angoff")], page + "&handler=Preview");
        Assert.Contains("Would change at a cut of 3: 1 attempt(s)", preview);
        Assert.Contains("id=\"adopt\"", preview);
        var results0 = app.Services.GetRequiredService<ResultStore>();
        await using (var s = await app.Db.OpenAsync())
            Assert.Single(await results0.HistoryAsync(s, fails)); // the dry run changed nothing
        var version = Regex.Match(preview, "name=\"PreviewedKeyVersion\" value=\"(\\d+)\"").Groups[1].Value;
        // A preview of one cut does not stand for another.
        var (_, other) = await committee.PostFormAsync(page,
            [new("RawCut", "2"), new("Reason", "Angoff"), new("PreviewedKeyVersion", version), new("PreviewedCut", "3")], page + "&handler=Adopt");
        Assert.Contains("preview who changes", other);
        var (_, applied) = await committee.PostFormAsync(page,
            [new("RawCut", "3"), new("Reason", "Angoff, two rounds"), new("PreviewedKeyVersion", version), new("PreviewedCut", "3")], page + "&handler=Adopt");
        Assert.Contains("Rescored at a cut of 3: 1 attempt(s)", applied);
        Assert.Contains("id=\"adopted\"", applied);

        await using var db = await app.Db.OpenAsync();
        var history = await results0.HistoryAsync(db, fails);
        Assert.Equal((false, true), (history[0].Passed, history[^1].Passed));
        Assert.True((await results0.HistoryAsync(db, passes))[^1].Passed);
        Assert.Contains(await app.ActionsAsync("mc.rescored"), e => e.SubjectId == fails.ToString() && e.Detail == "Angoff, two rounds");
        Assert.Contains(await app.ActionsAsync(StandardSettingStudies.CutAdopted), e => e.SubjectId == study.ToString() && e.Actor == "committee");
        // Adopted once: a second adoption is refused.
        Assert.Contains("adopted once", (await Studies.AdoptAsync(study, 4, "again", null, "committee")).Error);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    // Ben's rating as a number on its own, not as two hex digits inside a random form id.
    private static readonly Regex BensRating = new(@"(?<![\w-])93(?!\w)");
}
