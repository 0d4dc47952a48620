using System.Net;
using Exam.Core;
using Exam.Core.Audit;
using Exam.Data.Scoring;
using Exam.Web.Accounts;
using Exam.Web.Proctoring;
using Exam.Web.Tests.Fixtures;
using Exam.Web.Tests.Pages.Proctor;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Infrastructure;

/// <summary>
/// Text longer than its column is refused with a message before it reaches the database (SQL Server would fail the
/// statement; SQLite would take it), or, where it is a record of what someone typed, kept clipped. The limits are
/// FieldLimits, the same constants ColumnLengthTests holds the columns to.
/// </summary>
public sealed class FieldLengthTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    [Fact]
    public async Task A_void_reason_longer_than_a_proctor_note_is_refused_and_one_that_fits_is_kept_whole()
    {
        var steps = await ProctorSteps.StartAsync(app);
        await steps.BeginAsync();
        var attemptId = await steps.AttemptIdAsync();
        await using var console = await steps.ConsoleAsync();

        var refused = await Assert.ThrowsAsync<HubException>(() =>
            console.InvokeAsync("Void", steps.SittingId, attemptId, new string('x', FieldLimits.ProctorNote + 1)));
        Assert.Contains($"under {FieldLimits.ProctorNote} characters", refused.Message);
        Assert.Equal(Exam.Data.Delivery.AttemptStatus.InPart, (await steps.AttemptAsync()).Attempt.Status);

        var longest = string.Concat(Enumerable.Repeat("Left the room. ", 200))[..(FieldLimits.ProctorNote - 1)] + "!";
        await console.InvokeAsync("Void", steps.SittingId, attemptId, longest);
        Assert.Equal(longest, (await steps.AttemptAsync()).Attempt.EndReason);
        Assert.Equal(longest, Assert.Single(await app.ActionsAsync(ProctorAuditActions.Voided), a => a.SubjectId == attemptId.ToString()).Detail);
    }

    [Fact]
    public async Task A_very_long_user_name_at_sign_in_fails_as_usual_and_is_audited_clipped_to_the_actor_column()
    {
        var typed = "intruder" + new string('a', 5000);
        var (response, html) = await Browserless.For(app).StaffSignInAsync(typed, "whatever-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The user name or password is not right", html);
        var line = Assert.Single(await app.ActionsAsync(AuditActions.SignInFailed), a => a.Actor.StartsWith("intruderaaaa", StringComparison.Ordinal));
        Assert.Equal(FieldLimits.AuditActor, line.Actor.Length);
        Assert.EndsWith("…", line.Actor);
    }

    [Fact]
    public async Task A_key_correction_reason_longer_than_its_column_is_refused_from_a_hand_built_post()
    {
        var form = await ExamSeed.PublishedFormAsync(app, questions: 3);
        var committee = Browserless.For(app);
        await committee.StaffSignInAsync("committee", DemoLogins.Staff("committee").Password);

        var (response, html) = await committee.PostFormAsync($"/Committee/Scoring/KeyCorrection?formId={form.Id}",
            [new("FormId", form.Id), new("Position", "1"), new("Action", "accept"), new("Accepted", form.Questions[0].Key),
             new("Reason", new string('r', FieldLimits.KeyCorrectionReason + 1))],
            $"/Committee/Scoring/KeyCorrection?handler=Apply&formId={form.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Keep the reason within {FieldLimits.KeyCorrectionReason:N0} characters", html);
        await using var s = await app.Db.OpenAsync();
        Assert.Empty(await app.Services.GetRequiredService<ScoringKeyStore>().HistoryAsync(s, form.Id));
    }

    [Fact]
    public async Task A_display_name_longer_than_its_column_is_refused()
    {
        var (id, error) = await app.Services.GetRequiredService<StaffAdministration>().CreateAsync(
            "admin", "t" + Guid.NewGuid().ToString("N")[..10], new string('n', FieldLimits.DisplayName + 1), "correct-horse-battery", ["Proctor"]);
        Assert.Null(id);
        Assert.Contains($"up to {FieldLimits.DisplayName} characters", error);
    }
}
