using System.Net;
using System.Net.Http.Json;
using Exam.Perf.Protocol;
using Exam.Web.Tests.Fixtures;

namespace Exam.Web.Tests.Pages.Candidate;

/// <summary>
/// The saves' own endpoints (POST {page}/Save) keep the pages' protections, tried with hand-built requests: the header
/// token is checked against the browser's antiforgery cookie, and where a change goes comes from the sign-in alone.
/// The deadline rules are tried through the same endpoint in DeadlineTests and PartOneTests.
/// </summary>
public sealed class SaveEndpointTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    [Fact]
    public async Task A_save_without_the_header_token_is_refused_and_changes_nothing()
    {
        var session = await AtPartOneAsync();
        var response = await session.Browser.Client.PostAsJsonAsync(ExamPageProtocol.SaveMcPath, new { seq = 1, position = 1, slot = 2, flagged = true });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        await session.OpenAsync();
        Assert.Null(session.CheckedSlot(1));
        Assert.False(session.IsFlagged(1));
    }

    [Fact]
    public async Task A_save_with_a_token_not_made_for_this_browser_is_refused_and_changes_nothing()
    {
        var session = await AtPartOneAsync();
        var other = await AtPartOneAsync();
        foreach (var token in new[] { other.Token, "not-a-token", "" })
        {
            var forged = new ExamPageProtocol(session.Browser.Client) { Token = token };
            using var response = await forged.SaveMcAsync(1, 1, 2, flagged: true);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        var essay = new ExamPageProtocol(session.Browser.Client) { Token = other.Token };
        using (var response = await essay.SaveEssayAsync(1, 1, true, "Not mine to send."))
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        await session.OpenAsync();
        Assert.Null(session.CheckedSlot(1));
        Assert.Equal(HttpStatusCode.OK, (await session.SaveMcAsync(1, 1, 2)).Status); // its own token still works
    }

    [Fact]
    public async Task A_save_cannot_name_another_candidates_attempt_it_goes_to_the_signed_in_candidates_own()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var victimSeat = await ExamSeed.SeatAsync(app, form);
        var victim = await StartAsync(victimSeat);
        Assert.Equal(HttpStatusCode.OK, (await victim.SaveMcAsync(5, 1, 1)).Status);
        var attacker = await StartAsync(await ExamSeed.SeatAsync(app, form));

        // Fields a save does not have, naming the other candidate, are ignored: the target is the cookie's.
        var (status, _) = await attacker.PostJsonAsync(ExamPageProtocol.SaveMcPath, new
        {
            seq = 9, position = 1, slot = 3, flagged = true,
            candidateId = victimSeat.CandidateId, registrationId = victimSeat.RegistrationId, attemptId = victimSeat.RegistrationId,
        });
        Assert.Equal(HttpStatusCode.OK, status);

        await victim.OpenAsync();
        Assert.Equal(1, victim.CheckedSlot(1));
        Assert.False(victim.IsFlagged(1));
        await attacker.OpenAsync();
        Assert.Equal(3, attacker.CheckedSlot(1));
        Assert.True(attacker.IsFlagged(1));
    }

    [Fact]
    public async Task An_acknowledgement_is_json_with_its_length_the_outcome_the_sequence_and_when_it_was_saved()
    {
        var session = await AtPartOneAsync();
        var page = new ExamPageProtocol(session.Browser.Client) { Token = session.Token };
        var before = app.Clock.GetUtcNow(); // the server's clock in these tests is the fixture's fake one
        using var response = await page.SaveMcAsync(7, 1, 2, flagged: false);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);

        var json = System.Text.Json.JsonDocument.Parse(bytes).RootElement;
        Assert.Equal(["ok", "outcome", "seq", "savedAt"], json.EnumerateObject().Select(p => p.Name));
        Assert.True(json.GetProperty("ok").GetBoolean());
        Assert.Equal("applied", json.GetProperty("outcome").GetString());
        Assert.Equal(7, json.GetProperty("seq").GetInt64());
        Assert.InRange(json.GetProperty("savedAt").GetDateTimeOffset(), before.AddMilliseconds(-1), app.Clock.GetUtcNow().AddMilliseconds(1));
    }

    [Fact]
    public async Task The_old_page_handler_no_longer_takes_saves()
    {
        var session = await AtPartOneAsync();
        var page = new ExamPageProtocol(session.Browser.Client) { Token = session.Token };
        using (var response = await page.PostJsonAsync("/Candidate/Exam/PartOne?handler=Save", new { seq = 1, position = 1, slot = 2, flagged = false }))
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        await session.OpenAsync();
        Assert.Null(session.CheckedSlot(1));
    }

    private async Task<CandidateSession> AtPartOneAsync() => await StartAsync(await ExamSeed.SeatAsync(app, await ExamSeed.PublishedFormAsync(app)));

    private async Task<CandidateSession> StartAsync(ExamSeed.Seat seat)
    {
        var session = await CandidateSession.SignInAsync(app, seat);
        await session.AcceptRulesAsync();
        Assert.Equal("/Candidate/Exam/PartOne", await session.OpenAsync());
        return session;
    }
}
