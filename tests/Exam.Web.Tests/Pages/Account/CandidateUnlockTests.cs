using System.Net;
using Exam.Web.Tests.Fixtures;
using Exam.Web.Tests.Pages.Proctor;

namespace Exam.Web.Tests.Pages.Account;

/// <summary>A candidate locked out by wrong codes (anyone can type them) is unlocked by their proctor or a coordinator, audited.</summary>
public sealed class CandidateUnlockTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    private async Task LockOutAsync(ExamSeed.Seat seat)
    {
        for (var i = 0; i < 5; i++) await Browserless.For(app).CandidateSignInAsync(seat.CandidateNumber, "WRNG-CODE");
        var (_, html) = await Browserless.For(app).CandidateSignInAsync(seat.CandidateNumber, seat.AccessCode);
        Assert.Contains("ask your proctor", html, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<bool> SignsInAsync(ExamSeed.Seat seat)
    {
        var (response, _) = await Browserless.For(app).CandidateSignInAsync(seat.CandidateNumber, seat.AccessCode);
        return response.Headers.Location?.OriginalString == "/Candidate";
    }

    [Fact]
    public async Task The_proctor_of_the_sitting_unlocks_a_locked_out_candidate_and_it_is_audited()
    {
        var steps = await ProctorSteps.StartAsync(app);
        await LockOutAsync(steps.Seat);
        var (response, _) = await steps.Proctor.PostFormAsync($"/Proctor/Sittings/Live/{steps.SittingId}",
            [new("candidateNumber", steps.Seat.CandidateNumber)], $"/Proctor/Sittings/Live/{steps.SittingId}?handler=Unlock");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await SignsInAsync(steps.Seat));
        Assert.Contains(await app.ActionsAsync("candidate.unlocked"), e => e.Actor == steps.ProctorUserName && e.SubjectId == steps.Seat.CandidateId.ToString());
    }

    [Fact]
    public async Task A_proctor_cannot_unlock_a_candidate_of_another_sitting()
    {
        var mine = await ProctorSteps.StartAsync(app);
        var other = await ProctorSteps.StartAsync(app);
        await LockOutAsync(other.Seat);
        await mine.Proctor.PostFormAsync($"/Proctor/Sittings/Live/{mine.SittingId}",
            [new("candidateNumber", other.Seat.CandidateNumber)], $"/Proctor/Sittings/Live/{mine.SittingId}?handler=Unlock");
        var (_, html) = await mine.Proctor.GetAsync($"/Proctor/Sittings/Live/{mine.SittingId}");
        Assert.Contains($"No candidate {other.Seat.CandidateNumber} is registered for this sitting.", html);
        Assert.False(await SignsInAsync(other.Seat));
    }

    [Fact]
    public async Task A_coordinator_unlocks_from_the_candidates_record()
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var seat = await ExamSeed.SeatAsync(app, form);
        await LockOutAsync(seat);
        var coordinator = await app.SignedInAsync("coordinator");
        var (_, record) = await coordinator.GetAsync($"/Admin/Candidates/Record/{seat.CandidateId}");
        Assert.Contains("Locked until", record);
        var (response, _) = await coordinator.PostFormAsync($"/Admin/Candidates/Record/{seat.CandidateId}", [],
            $"/Admin/Candidates/Record/{seat.CandidateId}?handler=Unlock");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await SignsInAsync(seat));
        Assert.Contains(await app.ActionsAsync("candidate.unlocked"), e => e.Actor == "coordinator");
    }
}
