using System.Net;
using Exam.Core.Scheduling;
using Exam.Web.Tests.Fixtures;

namespace Exam.Web.Tests.Pages.Admin;

public sealed class SittingsTests(ExamAppFactory factory) : IClassFixture<ExamAppFactory>
{
    [Fact]
    public async Task A_coordinator_schedules_a_sitting_on_a_published_form_and_it_is_listed_and_audited()
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var formId = await factory.CreateFormAsync();
        var opens = factory.Minute().AddDays(30);
        var (page, createHtml) = await coordinator.GetAsync("/Admin/Sittings/Create");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"value=\"{formId}\"", createHtml);
        Assert.Contains("Pat Proctor", createHtml);

        var (response, _) = await coordinator.PostSittingAsync(factory, formId, opens, opens.AddHours(4), "Spring 2027 Remote", "Remote", requiresAdmission: false);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = SchedulingSteps.IdFrom(response);

        var (_, detail) = await coordinator.GetAsync($"/Admin/Sittings/Details/{id}");
        Assert.Contains("Sitting &#x27;Spring 2027 Remote&#x27; created.", detail);
        Assert.Contains("Pat Proctor", detail);
        Assert.Contains("<dt>Location</dt><dd>Remote</dd>", detail);
        Assert.Contains("<dt>Proctor admits candidates</dt><dd>No</dd>", detail);
        Assert.Contains($"{opens.UtcDateTime:yyyy-MM-dd HH:mm} UTC to {opens.AddHours(4).UtcDateTime:yyyy-MM-dd HH:mm} UTC", detail);
        var (_, list) = await coordinator.GetAsync("/Admin/Sittings");
        Assert.Contains("Spring 2027 Remote", list);
        Assert.Contains(await factory.ActionsAsync(SchedulingAuditActions.SittingCreated),
            e => e.SubjectId == id.ToString() && e.AfterJson!.Contains($"\"formId\":\"{formId}\"") && e.AfterJson.Contains("\"proctor\":\"proctor\""));
    }

    [Fact]
    public async Task A_sitting_on_a_draft_form_is_refused()
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var draft = await factory.CreateFormAsync(publish: false);
        var (_, createHtml) = await coordinator.GetAsync("/Admin/Sittings/Create");
        Assert.DoesNotContain($"value=\"{draft}\"", createHtml);

        var opens = factory.Minute().AddDays(30);
        var (response, html) = await coordinator.PostSittingAsync(factory, draft, opens, opens.AddHours(4));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"The form &#x27;Form {draft}&#x27; is draft; only a published form can be scheduled.", html);
        Assert.Contains("role=\"alert\"", html);
    }

    [Fact]
    public async Task A_window_that_closes_before_it_opens_is_refused()
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var formId = await factory.CreateFormAsync();
        var opens = factory.Minute().AddDays(30);
        var (_, html) = await coordinator.PostSittingAsync(factory, formId, opens, opens.AddHours(-1));
        Assert.Contains("The window must open before it closes.", html);
    }

    [Fact]
    public async Task The_proctor_must_hold_the_proctor_role()
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var formId = await factory.CreateFormAsync();
        var opens = factory.Minute().AddDays(30);
        var (_, createHtml) = await coordinator.GetAsync("/Admin/Sittings/Create");
        Assert.DoesNotContain("Riley Rater", createHtml);
        var (_, html) = await coordinator.PostSittingAsync(factory, formId, opens, opens.AddHours(2), proctorId: await factory.StaffIdAsync("rater1"));
        Assert.Contains("The proctor must be an active staff account with the Proctor role.", html);
    }
}
