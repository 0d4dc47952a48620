using System.Globalization;
using System.Net;
using Exam.Core.Scheduling;
using Exam.Data.Scheduling;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Admin;

/// <summary>
/// A sitting's times are typed and read in its own time zone, named on every page that shows them; the server stores
/// UTC. Wall times a daylight-saving change skips or repeats are refused with a message, never a 500.
/// </summary>
public sealed class SittingTimeZoneTests(ExamAppFactory factory) : IClassFixture<ExamAppFactory>
{
    private async Task<(HttpResponseMessage Response, string Body)> PostAsync(
        Browserless coordinator, string formId, string opens, string closes, string? timeZone, string title = "Detroit sitting")
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Title", title), new("FormId", formId), new("OpensAt", opens), new("ClosesAt", closes),
            new("ProctorUserId", (await factory.StaffIdAsync("proctor")).ToString(CultureInfo.InvariantCulture)), new("Location", "Lansing"),
            new("RequiresAdmission", "false"),
        };
        if (timeZone is not null) fields.Add(new("TimeZone", timeZone));
        return await coordinator.PostFormAsync("/Admin/Sittings/Create", fields);
    }

    [Fact]
    public async Task A_window_typed_in_Detroit_across_the_spring_change_is_stored_in_UTC_and_shown_in_Detroit_time()
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var formId = await factory.CreateFormAsync();
        var (_, form) = await coordinator.GetAsync("/Admin/Sittings/Create");
        Assert.Contains("Time zone of the sitting", form);
        Assert.Contains("<option value=\"America/Detroit\">", form);

        // Saturday 09:00 EST to Sunday 17:00 EDT: the clocks go forward in between.
        var (response, body) = await PostAsync(coordinator, formId, "2027-03-13T09:00", "2027-03-14T17:00", "America/Detroit");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, body);
        var id = SchedulingSteps.IdFrom(response);

        await using (var s = await factory.Db.OpenAsync())
        {
            var sitting = (await factory.Services.GetRequiredService<SittingStore>().GetAsync(s, id))!;
            Assert.Equal(new DateTimeOffset(2027, 3, 13, 14, 0, 0, TimeSpan.Zero), sitting.OpensAt);
            Assert.Equal(new DateTimeOffset(2027, 3, 14, 21, 0, 0, TimeSpan.Zero), sitting.ClosesAt);
            Assert.Equal("America/Detroit", sitting.TimeZone);
        }
        const string window = "2027-03-13 09:00 (UTC-05:00) to 2027-03-14 17:00 (UTC-04:00) America/Detroit time";
        var (_, detail) = await coordinator.GetAsync($"/Admin/Sittings/Details/{id}");
        Assert.Contains("<dt>Time zone</dt><dd id=\"sitting-time-zone\">America/Detroit</dd>", detail);
        Assert.Contains(window, detail);
        var (_, list) = await coordinator.GetAsync("/Admin/Sittings");
        Assert.Contains(window, list);
        Assert.Contains(await factory.ActionsAsync(SchedulingAuditActions.SittingCreated),
            e => e.SubjectId == id.ToString(CultureInfo.InvariantCulture) && e.AfterJson!.Contains("\"timeZone\":\"America/Detroit\"")
                 && e.AfterJson.Contains("\"opensAt\":\"2027-03-13T14:00:00+00:00\""));

        // The letter and the registration read the window in the sitting's zone, and the code's validity too.
        var (candidateId, _) = await coordinator.CreateCandidateAsync("Dana Detroit");
        var (registrationId, _, shown) = await coordinator.RegisterAsync(candidateId, id);
        Assert.Contains(window, shown);
        Assert.Contains("Issued; valid from 2027-03-13 09:00 America/Detroit (UTC-05:00)", shown);
        var (_, letter) = await coordinator.GetAsync($"/Admin/Registrations/Letter/{registrationId}");
        Assert.Contains(window, letter);

        // The proctor's console names the zone its times are in, and its list of sittings shows the window there.
        var proctor = await factory.SignedInAsync("proctor");
        var (_, console) = await proctor.GetAsync($"/Proctor/Sittings/Live/{id}");
        Assert.Contains("data-time-zone=\"America/Detroit\"", console);
        Assert.Contains("Times on this console are America/Detroit time.", console);
        var (_, sittings) = await proctor.GetAsync("/Proctor");
        Assert.Contains(window, sittings);
    }

    [Theory]
    [InlineData("2027-03-14T02:30", "2027-03-14T09:00", "America/Detroit",
        "When the window opens: 2027-03-14 02:30 does not exist in America/Detroit: that night the clocks go forward from 02:00 to 03:00.")]
    [InlineData("2027-11-06T09:00", "2027-11-07T01:30", "America/Detroit",
        "When the window closes: 2027-11-07 01:30 happens twice in America/Detroit: that night the clocks go back, so it comes once at UTC-04:00 and again at UTC-05:00.")]
    [InlineData("2027-11-06T09:00", "2027-11-06T17:00", "Eastern Standard Time",
        "&#x27;Eastern Standard Time&#x27; is not a time zone name such as America/Detroit or Europe/London.")]
    [InlineData("2027-11-06T09:00", "2027-11-06T17:00", "../../../etc/passwd",
        "&#x27;../../../etc/passwd&#x27; is not a time zone name such as America/Detroit or Europe/London.")]
    [InlineData("2027-11-06T09:00", "2027-11-06T17:00", null, "Choose the sitting&#x27;s time zone, e.g. America/Detroit.")]
    [InlineData("2027-11-06T09:00", "not a time", "America/Detroit", "Check the dates and times: enter each as a date and a time of day.")]
    public async Task A_time_the_zone_does_not_have_once_or_a_zone_that_does_not_exist_is_refused_with_a_message(
        string opens, string closes, string? timeZone, string message)
    {
        var coordinator = await factory.SignedInAsync("coordinator");
        var formId = await factory.CreateFormAsync();
        var title = "Refused " + Guid.NewGuid().ToString("N")[..6];
        var (response, body) = await PostAsync(coordinator, formId, opens, closes, timeZone, title);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, body);
        Assert.Contains("role=\"alert\"", body);
        var (_, list) = await coordinator.GetAsync("/Admin/Sittings");
        Assert.DoesNotContain(title, list);
    }
}
