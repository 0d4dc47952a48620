using Exam.Core.Accounts;
using Exam.Web.Delivery;
using Exam.Web.Tests.Fixtures;
using Exam.Web.Tests.Pages.Proctor;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Admin;

public sealed class AccessCodeUsedTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    [Fact]
    public async Task Once_the_exam_is_submitted_the_registrations_access_code_reads_used()
    {
        var steps = await ProctorSteps.StartAsync(app, partTwo: false);
        var (user, password) = await app.CreateStaffAsync(Roles.Coordinator);
        var coordinator = Browserless.For(app);
        await coordinator.StaffSignInAsync(user, password);
        var details = $"/Admin/Registrations/Details/{steps.Seat.RegistrationId}";
        var record = $"/Admin/Candidates/Record/{steps.Seat.CandidateId}";

        await steps.BeginAsync();
        Assert.Contains("Live until", (await coordinator.GetAsync(details)).Item2);

        app.Clock.Advance(TimeSpan.FromMinutes(92));
        await app.Services.GetRequiredService<ExamService>().SweepExpiredAsync();

        var (_, html) = await coordinator.GetAsync(details);
        Assert.Contains("Used: exam submitted", html);
        Assert.DoesNotContain("Live until", html);
        Assert.Contains("Used: exam submitted", (await coordinator.GetAsync(record)).Item2);
    }
}
