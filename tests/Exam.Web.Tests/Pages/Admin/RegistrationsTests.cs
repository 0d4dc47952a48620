using System.Net;
using Exam.Core.Accounts;
using Exam.Core.Scheduling;
using Exam.Data.Scheduling;
using Exam.Web.Accounts;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Admin;

public sealed class RegistrationsTests(ExamAppFactory factory) : IClassFixture<ExamAppFactory>
{
    /// <summary>A sitting open now (so its codes work now) on a fresh published form.</summary>
    private async Task<long> OpenSittingAsync(Browserless staff, int retakeWaitDays = 365, string? title = null) =>
        await staff.CreateSittingAsync(factory, await factory.CreateFormAsync(retakeWaitDays), factory.Minute().AddHours(-1),
            factory.Minute().AddHours(5), title);

    [Fact]
    public async Task A_coordinator_registers_a_candidate_with_accommodations_and_the_record_shows_it()
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var (candidateId, _) = await coordinator.CreateCandidateAsync("Lena Ortiz");
        var sittingId = await OpenSittingAsync(coordinator, title: "Winter Lansing");

        var (registrationId, code, html) = await coordinator.RegisterAsync(candidateId, sittingId, extraOne: 25, extraTwo: 50, restBreaks: "two 10-minute breaks");
        Assert.Contains("shown <strong>once</strong>", html);
        Assert.Contains("Part One: 25% extra time; Part Two: 50% extra time; rest breaks: two 10-minute breaks", html);

        var (_, record) = await coordinator.GetAsync($"/Admin/Candidates/Record/{candidateId}");
        Assert.Contains("Winter Lansing", record);
        Assert.Contains("Part One and Part Two", record);
        Assert.Contains("Live until", record);
        Assert.DoesNotContain(code, record);
        var (_, roster) = await coordinator.GetAsync($"/Admin/Sittings/Details/{sittingId}");
        Assert.Contains("Lena Ortiz", roster);

        var created = Assert.Single(await factory.ActionsAsync(SchedulingAuditActions.RegistrationCreated), e => e.SubjectId == registrationId.ToString());
        Assert.Contains("\"extraTimePartOne\":25", created.AfterJson);
        var issued = Assert.Single(await factory.ActionsAsync(SchedulingAuditActions.AccessCodeIssued), e => e.SubjectId == registrationId.ToString());
        Assert.Equal("coordinator", issued.Actor);
        // The plain code is nowhere in the audit log.
        Assert.DoesNotContain(await factory.ActionsAsync(SchedulingAuditActions.AccessCodeIssued),
            e => (e.Detail + e.AfterJson + e.BeforeJson).Contains(code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_code_is_shown_once_and_signs_the_candidate_in()
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var (candidateId, number) = await coordinator.CreateCandidateAsync("Omar Haddad");
        var sittingId = await OpenSittingAsync(coordinator);
        var (registrationId, code, _) = await coordinator.RegisterAsync(candidateId, sittingId, partTwo: false);

        var (_, again) = await coordinator.GetAsync($"/Admin/Registrations/Details/{registrationId}");
        Assert.Null(SchedulingSteps.CodeIn(again));
        Assert.DoesNotContain(code, again);

        var candidate = Browserless.For(factory);
        var (signIn, _) = await candidate.CandidateSignInAsync(number, code);
        Assert.Equal("/Candidate", signIn.Headers.Location!.OriginalString);
        var (_, home) = await candidate.GetAsync("/Candidate");
        Assert.Contains("Omar Haddad", home);
    }

    [Fact]
    public async Task Signing_in_with_a_registration_code_names_the_registration_in_the_principal()
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var (candidateId, number) = await coordinator.CreateCandidateAsync("Ivy Chen");
        var (registrationId, code, _) = await coordinator.RegisterAsync(candidateId, await OpenSittingAsync(coordinator));

        var result = await factory.Services.GetRequiredService<CandidateSignIn>().SignInAsync(number, code, "192.0.2.1");
        Assert.Equal(CandidateSignInOutcome.Succeeded, result.Outcome);
        Assert.Equal(registrationId, result.RegistrationId);
        var ticket = new SignInTicket(PrincipalKind.Candidate, result.Candidate!.Id, "sign-in", "s", DateTimeOffset.UtcNow);
        Assert.Equal(registrationId, Principals.ForCandidate(result.Candidate!, ticket, result.RegistrationId).RegistrationId());
        Assert.Null(Principals.ForCandidate(result.Candidate!, ticket).RegistrationId());
    }

    [Fact]
    public async Task Reissuing_a_code_kills_the_old_one()
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var (candidateId, number) = await coordinator.CreateCandidateAsync("Ben Ito");
        var (registrationId, oldCode, _) = await coordinator.RegisterAsync(candidateId, await OpenSittingAsync(coordinator));

        var details = $"/Admin/Registrations/Details/{registrationId}";
        var (reissue, _) = await coordinator.PostFormAsync(details, [], details + "?handler=Reissue");
        Assert.Equal(HttpStatusCode.Redirect, reissue.StatusCode);
        var (_, shown) = await coordinator.GetAsync(reissue.Headers.Location!.OriginalString);
        var newCode = SchedulingSteps.CodeIn(shown);
        Assert.NotNull(newCode);
        Assert.NotEqual(oldCode, newCode);

        var (_, oldHtml) = await Browserless.For(factory).CandidateSignInAsync(number, oldCode);
        Assert.Contains("The candidate number or access code is not right", oldHtml);
        var (newSignIn, _) = await Browserless.For(factory).CandidateSignInAsync(number, newCode);
        Assert.Equal("/Candidate", newSignIn.Headers.Location!.OriginalString);
        var entry = Assert.Single(await factory.ActionsAsync(SchedulingAuditActions.AccessCodeReissued), e => e.SubjectId == registrationId.ToString());
        Assert.DoesNotContain(newCode, entry.Detail);
    }

    [Fact]
    public async Task A_retake_within_the_wait_is_refused_with_the_earliest_allowed_date()
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var (candidateId, _) = await coordinator.CreateCandidateAsync("Ruth Mbeki");
        var first = await OpenSittingAsync(coordinator, title: "First try");
        await coordinator.RegisterAsync(candidateId, first, partOne: true, partTwo: false);
        var later = await coordinator.CreateSittingAsync(factory, await factory.CreateFormAsync(365), factory.Minute().AddDays(100));

        var (response, html) = await coordinator.PostRegistrationAsync(candidateId, later, partOne: true, partTwo: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var earliest = factory.Minute().AddHours(-1).UtcDateTime.Date.AddDays(365);
        Assert.Contains("role=\"alert\" id=\"registration-error\">Retake wait:", html);
        Assert.Contains("Part One in &#x27;First try&#x27;", html);
        Assert.Contains($"the earliest allowed date is {earliest:yyyy-MM-dd}", html);
        Assert.Contains("Only an Admin can override the wait.", html);

        // Part Two was not sat, so it alone may be registered.
        var (partTwoOnly, _) = await coordinator.PostRegistrationAsync(candidateId, later, partOne: false, partTwo: true);
        Assert.Equal(HttpStatusCode.Redirect, partTwoOnly.StatusCode);
    }

    [Fact]
    public async Task An_admin_overrides_the_retake_wait_with_a_reason_and_it_is_audited_and_stored()
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var (candidateId, _) = await coordinator.CreateCandidateAsync("Noor Aziz");
        await coordinator.RegisterAsync(candidateId, await OpenSittingAsync(coordinator));
        var later = await coordinator.CreateSittingAsync(factory, await factory.CreateFormAsync(365), factory.Minute().AddDays(60));

        var admin = await factory.SignedInAsync("admin");
        var (refused, refusedHtml) = await admin.PostRegistrationAsync(candidateId, later);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("give a reason to override the wait", refusedHtml);
        Assert.Contains("<label for=\"OverrideReason\">", refusedHtml);

        var (response, _) = await admin.PostRegistrationAsync(candidateId, later, overrideReason: "Sitting voided by a power cut");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var registrationId = SchedulingSteps.IdFrom(response);
        var entry = Assert.Single(await factory.ActionsAsync(SchedulingAuditActions.RetakeOverride), e => e.SubjectId == registrationId.ToString());
        Assert.Equal("admin", entry.Actor);
        Assert.Contains("Sitting voided by a power cut", entry.AfterJson);
        await using var s = await factory.Db.OpenAsync();
        var stored = await factory.Services.GetRequiredService<RegistrationStore>().GetAsync(s, registrationId);
        Assert.Equal("Sitting voided by a power cut", stored!.RetakeOverride);
    }

    [Fact]
    public async Task A_coordinator_cannot_override_the_retake_wait()
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var (candidateId, _) = await coordinator.CreateCandidateAsync("Paul Weiss");
        await coordinator.RegisterAsync(candidateId, await OpenSittingAsync(coordinator));
        var later = await coordinator.CreateSittingAsync(factory, await factory.CreateFormAsync(365), factory.Minute().AddDays(60));

        var (page, form) = await coordinator.GetAsync($"/Admin/Registrations/Create?candidateId={candidateId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("OverrideReason", form);
        var (response, html) = await coordinator.PostRegistrationAsync(candidateId, later, overrideReason: "I insist");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Only an Admin can override the retake wait.", html);
        Assert.DoesNotContain(await factory.ActionsAsync(SchedulingAuditActions.RetakeOverride), e => e.AfterJson!.Contains("I insist"));
    }

    [Fact]
    public async Task A_candidate_cannot_be_registered_twice_for_one_sitting()
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var (candidateId, number) = await coordinator.CreateCandidateAsync("Ada Lind");
        var sittingId = await OpenSittingAsync(coordinator, retakeWaitDays: 0, title: "Only once");
        await coordinator.RegisterAsync(candidateId, sittingId);

        var (response, html) = await coordinator.PostRegistrationAsync(candidateId, sittingId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Ada Lind ({number}) is already registered for &#x27;Only once&#x27;.", html);
    }

    [Fact]
    public async Task A_registration_needs_a_part_and_extra_time_within_0_to_100()
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var (candidateId, _) = await coordinator.CreateCandidateAsync("Eli Stone");
        var sittingId = await OpenSittingAsync(coordinator);
        var (_, noPart) = await coordinator.PostRegistrationAsync(candidateId, sittingId, partOne: false, partTwo: false);
        Assert.Contains("Choose at least one part to sit.", noPart);
        var (_, tooMuch) = await coordinator.PostRegistrationAsync(candidateId, sittingId, extraOne: 150);
        Assert.Contains("Extra time is a whole percentage from 0 to 100.", tooMuch);
    }

    [Fact]
    public async Task The_admission_letter_shows_the_code_right_after_issue_and_not_later()
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var (candidateId, number) = await coordinator.CreateCandidateAsync("Mia Costa");
        var sittingId = await OpenSittingAsync(coordinator, title: "Letter sitting");
        var (registrationId, code, shown) = await coordinator.RegisterAsync(candidateId, sittingId, partTwo: false, extraOne: 25);
        Assert.Contains($"href=\"/Admin/Registrations/Letter/{registrationId}\"", shown);

        var letter = $"/Admin/Registrations/Letter/{registrationId}";
        var (response, first) = await coordinator.GetAsync(letter);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(code, SchedulingSteps.CodeIn(first));
        Assert.Contains("Mia Costa", first);
        Assert.Contains(number, first);
        Assert.Contains("Letter sitting", first);
        Assert.Contains("/Account/CandidateSignIn", first);
        Assert.Contains("Part One: multiple choice, 113 minutes", first);
        Assert.Contains("Part One: 25% extra time", first);
        Assert.Contains("/css/letter.css", first);
        Assert.DoesNotContain("<style", first);
        Assert.DoesNotContain("style=", first);

        var (_, later) = await coordinator.GetAsync(letter);
        Assert.Null(SchedulingSteps.CodeIn(later));
        Assert.DoesNotContain(code, later);
        Assert.Contains("Reissue a code to print a letter with a code", later);
        Assert.Contains("Mia Costa", later);
    }

    [Fact]
    public async Task A_letter_never_prints_a_code_that_a_reissue_replaced()
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var (candidateId, _) = await coordinator.CreateCandidateAsync("Gus Hale");
        var (registrationId, code, _) = await coordinator.RegisterAsync(candidateId, await OpenSittingAsync(coordinator));

        var admin = await factory.SignedInAsync("admin");
        var details = $"/Admin/Registrations/Details/{registrationId}";
        await admin.PostFormAsync(details, [], details + "?handler=Reissue");

        var (_, letter) = await coordinator.GetAsync($"/Admin/Registrations/Letter/{registrationId}");
        Assert.DoesNotContain(code, letter);
        Assert.Contains("Reissue a code to print a letter with a code", letter);
    }
}
