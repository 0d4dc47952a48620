using System.Net;
using Exam.Core.Scheduling;
using Exam.Web.Tests.Fixtures;

namespace Exam.Web.Tests.Pages.Admin;

public sealed class CandidatesTests(ExamAppFactory factory) : IClassFixture<ExamAppFactory>
{
    [Fact]
    public async Task A_coordinator_creates_a_candidate_who_gets_the_next_six_digit_number()
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var (firstId, first) = await coordinator.CreateCandidateAsync("Rosa Alvarez", "New Mexico AIMH", "IMHM-C");
        var (_, second) = await coordinator.CreateCandidateAsync("Tom Baker");

        Assert.Matches("^[0-9]{6}$", first);
        Assert.True(int.Parse(first) > 100001, "the demo candidate holds 100001");
        Assert.Equal(int.Parse(first) + 1, int.Parse(second));
        var (_, record) = await coordinator.GetAsync($"/Admin/Candidates/Record/{firstId}");
        Assert.Contains("Rosa Alvarez", record);
        Assert.Contains("IMHM-C", record);
        Assert.Contains(await factory.ActionsAsync(SchedulingAuditActions.CandidateCreated),
            e => e.Actor == "coordinator" && e.SubjectId == firstId.ToString() && e.AfterJson!.Contains($"\"candidateNumber\":\"{first}\""));
    }

    [Fact]
    public async Task A_record_without_a_name_a_valid_email_or_a_known_track_is_refused_with_a_message()
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var (response, html) = await coordinator.PostFormAsync("/Admin/Candidates/Create",
            [new("FullName", "Ann Lee"), new("Email", "not-an-email"), new("Association", "Ohio AIMH"), new("Track", "IMHS")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("role=\"alert\">Enter an email address", html);
        var (_, trackHtml) = await coordinator.PostFormAsync("/Admin/Candidates/Create",
            [new("FullName", "Ann Lee"), new("Email", "ann@example.org"), new("Association", "Ohio AIMH"), new("Track", "IMHX")]);
        Assert.Contains("Choose a track", trackHtml);
    }

    [Fact]
    public async Task Editing_a_record_is_audited_with_before_and_after()
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var (id, number) = await coordinator.CreateCandidateAsync("Kim Novak", "Texas AIMH");
        var (response, _) = await coordinator.PostFormAsync($"/Admin/Candidates/Edit/{id}",
            [new("FullName", "Kim Novak-Shaw"), new("Email", "kim@example.org"), new("Association", "Texas AIMH"), new("Track", "IMHM-P"), new("Notes", "name changed")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, record) = await coordinator.GetAsync($"/Admin/Candidates/Record/{id}");
        Assert.Contains("Record saved.", record);
        Assert.Contains("Kim Novak-Shaw", record);
        var entry = Assert.Single(await factory.ActionsAsync(SchedulingAuditActions.CandidateUpdated), e => e.SubjectId == id.ToString());
        Assert.Contains("\"fullName\":\"Kim Novak\"", entry.BeforeJson);
        Assert.Contains("\"fullName\":\"Kim Novak-Shaw\"", entry.AfterJson);
        Assert.Contains($"\"candidateNumber\":\"{number}\"", entry.AfterJson);
    }

    [Fact]
    public async Task The_list_searches_name_number_email_and_association()
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (_, number) = await coordinator.CreateCandidateAsync("Searchable " + tag, "Alaska AIMH " + tag);

        foreach (var q in new[] { "searchable " + tag, number, "alaska aimh " + tag })
        {
            var (_, html) = await coordinator.GetAsync("/Admin/Candidates?q=" + Uri.EscapeDataString(q));
            Assert.Contains(number, html);
        }
        var (_, none) = await coordinator.GetAsync("/Admin/Candidates?q=nobody-" + tag);
        Assert.Contains("No candidates found.", none);
        Assert.Contains("<label for=\"q\">Search</label>", none);
        Assert.Contains("<caption>", none);
    }

    [Fact]
    public async Task The_administration_page_links_candidates_and_sittings_for_coordinators_and_admins()
    {
        foreach (var user in new[] { "coordinator", "admin" })
        {
            var (_, html) = await (await factory.SignedInAsync(user)).GetAsync("/Admin");
            Assert.Contains("href=\"/Admin/Candidates\"", html);
            Assert.Contains("href=\"/Admin/Sittings\"", html);
        }
    }

    [Theory]
    [InlineData("proctor", "/Admin/Candidates")]
    [InlineData("proctor", "/Admin/Candidates/Create")]
    [InlineData("proctor", "/Admin/Candidates/Record/1")]
    [InlineData("proctor", "/Admin/Sittings")]
    [InlineData("proctor", "/Admin/Sittings/Create")]
    [InlineData("proctor", "/Admin/Registrations/Create?candidateId=1")]
    [InlineData("proctor", "/Admin/Registrations/Letter/1")]
    [InlineData("rater1", "/Admin/Candidates")]
    [InlineData("rater1", "/Admin/Candidates/Edit/1")]
    [InlineData("rater1", "/Admin/Sittings/Details/1")]
    [InlineData("rater1", "/Admin/Registrations/Details/1")]
    [InlineData("rater1", "/Admin/Registrations/Letter/1")]
    [InlineData("proctor", "/Admin/Sittings/Register/1")]
    [InlineData("proctor", "/Admin/Sittings/Letters/1")]
    [InlineData("rater1", "/Admin/Sittings/Letters/1")]
    public async Task A_proctor_or_rater_is_denied_the_scheduling_pages(string userName, string path)
    {
        var (response, _) = await (await factory.SignedInAsync(userName)).GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }
}
