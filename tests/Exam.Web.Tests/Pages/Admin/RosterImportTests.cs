using System.Net;
using System.Text.RegularExpressions;
using Exam.Core.Scheduling;
using Exam.Web.Tests.Fixtures;

namespace Exam.Web.Tests.Pages.Admin;

/// <summary>Several candidates registered at once from the sitting page, all or none, and all their letters printed in one go.</summary>
public sealed partial class RosterImportTests(ExamAppFactory factory) : IClassFixture<ExamAppFactory>
{
    private async Task<long> SittingAsync(Browserless coordinator, string title) =>
        await coordinator.CreateSittingAsync(factory, await factory.CreateFormAsync(), factory.Minute().AddHours(-1), factory.Minute().AddHours(5), title);

    private static Task<(HttpResponseMessage Response, string Body)> PasteAsync(Browserless coordinator, long sittingId, string roster) =>
        coordinator.PostFormAsync($"/Admin/Sittings/Register/{sittingId}", [new("Roster", roster)]);

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_pasted_roster_registers_new_and_known_candidates_and_their_letters_print_together_with_their_codes_once()
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var (_, knownNumber) = await coordinator.CreateCandidateAsync("Kim Known");
        var sittingId = await SittingAsync(coordinator, "Import sitting");
        var (_, form) = await coordinator.GetAsync($"/Admin/Sittings/Register/{sittingId}");
        Assert.Contains("Candidates, one a line", form);
        var tag = Unique();

        var (response, body) = await PasteAsync(coordinator, sittingId,
            "Name\tEmail\tAssociation\tTrack\tParts\n" +
            $"Lena Ortiz\tlena.{tag}@example.org\tMichigan AIMH\tIMHS\t1+2\n" +
            $"Sam Lee\tsam.{tag}@example.org\tMichigan AIMH\tIMHM-C\t2\n" +
            $"{knownNumber}\t1\n");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, body);
        Assert.EndsWith($"/Admin/Sittings/Details/{sittingId}", response.Headers.Location!.OriginalString);

        var (_, detail) = await coordinator.GetAsync($"/Admin/Sittings/Details/{sittingId}");
        Assert.Contains("3 candidates registered and their access codes issued.", detail);
        Assert.Contains("Registered candidates (3)", detail);
        Assert.Contains("Lena Ortiz", detail);
        Assert.Contains("Sam Lee", detail);
        Assert.Contains("Kim Known", detail);
        Assert.Contains($"href=\"/Admin/Sittings/Letters/{sittingId}\"", detail);

        var (lettersResponse, letters) = await coordinator.GetAsync($"/Admin/Sittings/Letters/{sittingId}");
        Assert.Equal(HttpStatusCode.OK, lettersResponse.StatusCode);
        Assert.Equal(3, Regex.Count(letters, "<article class=\"letter\""));
        var codes = CodeElement().Matches(letters).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3, codes.Distinct().Count());
        Assert.Contains("Part Two: essays", letters);
        Assert.Contains(knownNumber, letters);
        Assert.Contains("/css/letter.css", letters);

        // The codes are printed once; the page can still be printed again, without them.
        var (_, again) = await coordinator.GetAsync($"/Admin/Sittings/Letters/{sittingId}");
        Assert.Equal(3, Regex.Count(again, "<article class=\"letter\""));
        Assert.Empty(CodeElement().Matches(again));
        Assert.Equal(3, Regex.Count(again, "Not shown: the code is printed only right after it is issued."));

        // A printed code opens the exam for its candidate.
        var lena = Regex.Match(letters, "Lena Ortiz</dd>\\s*<dt>Candidate number</dt><dd class=\"mono\">([0-9]{6})</dd>").Groups[1].Value;
        var lenaCode = CodeElement().Match(letters[letters.IndexOf(lena, StringComparison.Ordinal)..]).Groups[1].Value;
        var (signIn, _) = await Browserless.For(factory).CandidateSignInAsync(lena, lenaCode);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("CandidateSignIn", signIn.Headers.Location!.OriginalString);

        var imported = Assert.Single(await factory.ActionsAsync(SchedulingAuditActions.RosterImported), e => e.SubjectId == sittingId.ToString());
        Assert.Contains("\"registrations\":3", imported.AfterJson);
        Assert.Contains(knownNumber, imported.AfterJson);
        Assert.Equal(3, (await factory.ActionsAsync(SchedulingAuditActions.RegistrationCreated))
            .Count(e => e.AfterJson!.Contains($"\"sittingId\":{sittingId},")));
        Assert.Equal(2, (await factory.ActionsAsync(SchedulingAuditActions.CandidateCreated)).Count(e => e.AfterJson!.Contains(tag)));
    }

    [Fact]
    public async Task A_roster_with_bad_lines_registers_no_one_and_names_every_bad_line()
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var (registeredId, registeredNumber) = await coordinator.CreateCandidateAsync("Rae Registered");
        var (knownId, knownNumber) = await coordinator.CreateCandidateAsync("Kit Known");
        var sittingId = await SittingAsync(coordinator, "Refused import");
        await coordinator.RegisterAsync(registeredId, sittingId);
        var (_, knownRecord) = await coordinator.GetAsync($"/Admin/Candidates/Record/{knownId}");
        var knownEmail = Regex.Match(knownRecord, "(jamie\\.[0-9a-f]{6}@example\\.org)").Groups[1].Value;
        var tag = Unique();

        var (response, body) = await PasteAsync(coordinator, sittingId,
            $"Good Line, good.{tag}@example.org, Michigan AIMH, IMHS\n" +
            $"Bad Track, bad.{tag}@example.org, Michigan AIMH, XYZ\n" +
            "999998\n" +
            $"{registeredNumber}\n" +
            $"Kit Again, {knownEmail}, Michigan AIMH, IMHS\n");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nothing was registered.", body);
        Assert.Contains("Line 2: Choose a track:", body);

        // The field check comes first; with the track corrected, the lines the database decides are named.
        (response, body) = await PasteAsync(coordinator, sittingId,
            $"Good Line, good.{tag}@example.org, Michigan AIMH, IMHS\n" +
            "999998\n" +
            $"{registeredNumber}\n" +
            $"Kit Again, {knownEmail}, Michigan AIMH, IMHS\n");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Line 2: no candidate has the number 999998.", body);
        Assert.Contains($"Line 3: Rae Registered ({registeredNumber}) is already registered for &#x27;Refused import&#x27;.", body);
        Assert.Contains($"Line 4: {knownEmail} is the email of candidate {knownNumber} (Kit Known). To register that record, put {knownNumber} on this line instead.", body);
        Assert.Contains($"good.{tag}@example.org", body); // the paste stays in the form to correct

        // Nothing stayed: not the good line's record, nor any registration.
        var (_, search) = await coordinator.GetAsync($"/Admin/Candidates?q=Good+Line");
        Assert.DoesNotContain($"good.{tag}@example.org", search);
        var (_, detail) = await coordinator.GetAsync($"/Admin/Sittings/Details/{sittingId}");
        Assert.Contains("Registered candidates (1)", detail);
        Assert.DoesNotContain(await factory.ActionsAsync(SchedulingAuditActions.CandidateCreated), e => e.AfterJson!.Contains(tag));
        Assert.DoesNotContain(await factory.ActionsAsync(SchedulingAuditActions.RosterImported), e => e.SubjectId == sittingId.ToString());
    }

    [Fact]
    public async Task A_roster_for_a_closed_sitting_or_an_unknown_one_is_refused()
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var closed = await coordinator.CreateSittingAsync(factory, await factory.CreateFormAsync(), factory.Minute().AddDays(-2), factory.Minute().AddDays(-1), "Closed import");
        var (response, body) = await PasteAsync(coordinator, closed, $"Late Comer, late.{Unique()}@example.org, Michigan AIMH, IMHS");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Line 1: The sitting &#x27;Closed import&#x27; closed on", body);
        var (missing, _) = await coordinator.GetAsync("/Admin/Sittings/Register/99999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var (noLetters, _) = await coordinator.GetAsync("/Admin/Sittings/Letters/99999999");
        Assert.Equal(HttpStatusCode.NotFound, noLetters.StatusCode);
    }

    [Fact]
    public async Task A_proctor_who_posts_a_roster_by_hand_is_denied_and_nothing_is_registered()
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var sittingId = await SittingAsync(coordinator, "Hand-built import");
        var proctor = await factory.SignedInAsync("proctor");
        var tag = Unique();
        var response = await proctor.Client.PostAsync($"/Admin/Sittings/Register/{sittingId}",
            new FormUrlEncodedContent([new("Roster", $"Sly Proctor, sly.{tag}@example.org, Michigan AIMH, IMHS")]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
        var (_, detail) = await coordinator.GetAsync($"/Admin/Sittings/Details/{sittingId}");
        Assert.Contains("Registered candidates (0)", detail);
    }

    [GeneratedRegex("class=\"mono code\" id=\"access-code-[0-9]+\">([A-Z0-9]{4}-[A-Z0-9]{4})<")]
    private static partial Regex CodeElement();
}
