using Dapper;
using Exam.Core.Accounts;
using Exam.Data.Accounts;
using Exam.Data.Delivery;
using Exam.Data.Scheduling;
using Exam.Web.Delivery;
using Exam.Web.Proctoring;
using Exam.Web.Tests.Fixtures;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Proctor;

/// <summary>A sitting with its own proctor and candidates, and the proctor signed in with a console connection.</summary>
public sealed class ProctorSteps
{
    public required ExamAppFactory App { get; init; }
    public required ExamSeed.Form Form { get; init; }
    public required ExamSeed.Seat Seat { get; init; }
    public required Browserless Proctor { get; init; }
    public required string ProctorUserName { get; init; }

    public long SittingId => Seat.SittingId;

    /// <summary>A fresh form, sitting and first candidate; a new proctor account assigned to the sitting and signed in.</summary>
    public static async Task<ProctorSteps> StartAsync(ExamAppFactory app, bool requiresAdmission = false, bool partTwo = true)
    {
        var form = await ExamSeed.PublishedFormAsync(app);
        var seat = await ExamSeed.SeatAsync(app, form, requiresAdmission, partTwo: partTwo);
        var (user, password) = await app.CreateStaffAsync(Roles.Proctor);
        await AssignProctorAsync(app, seat.SittingId, user);
        var browser = Browserless.For(app);
        await browser.StaffSignInAsync(user, password);
        return new ProctorSteps { App = app, Form = form, Seat = seat, Proctor = browser, ProctorUserName = user };
    }

    public static async Task AssignProctorAsync(ExamAppFactory app, long sittingId, string userName)
    {
        await using var s = await app.Db.BeginAsync();
        var account = await app.Services.GetRequiredService<StaffAccountStore>().FindAsync(s, userName);
        await s.Connection.ExecuteAsync("UPDATE sittings SET proctor_user_id = @P WHERE id = @Id", new { P = account!.Id, Id = sittingId }, s.Transaction);
        await s.CommitAsync();
    }

    /// <summary>Another candidate registered for the same sitting.</summary>
    public async Task<ExamSeed.Seat> AddSeatAsync()
    {
        var now = App.Clock.GetUtcNow();
        var number = Random.Shared.Next(200000, 999999).ToString();
        var code = AccessCode.Generate();
        await using var s = await App.Db.BeginAsync();
        var candidateId = await App.Services.GetRequiredService<CandidateStore>().CreateAsync(s, number, "Candidate " + number, $"c{number}@example.org", "Test AIMH", "IMHS");
        var registrations = App.Services.GetRequiredService<RegistrationStore>();
        var registration = new Registration { CandidateId = candidateId, SittingId = SittingId, SitPartOne = true, SitPartTwo = true };
        registration = registration with { Id = await registrations.CreateAsync(s, registration) };
        await registrations.IssueAccessCodeAsync(s, registration,
            App.Services.GetRequiredService<AccessCodeHasher>().Hash(AccessCode.Normalize(code)!), now.AddMinutes(-30), now.AddHours(8));
        await s.CommitAsync();
        return new ExamSeed.Seat(number, code, registration.Id, SittingId, candidateId);
    }

    /// <summary>Signs the candidate in, accepts the rules and lands on Part One (or the waiting page).</summary>
    public async Task<CandidateSession> BeginAsync(ExamSeed.Seat? seat = null, string expect = "/Candidate/Exam/PartOne")
    {
        var session = await CandidateSession.SignInAsync(App, seat ?? Seat);
        await session.AcceptRulesAsync();
        Assert.Equal(expect, await session.OpenAsync());
        return session;
    }

    public async Task<HubConnection> ConsoleAsync()
    {
        var hub = HubClients.Build(App, "/hubs/proctor", Proctor);
        await hub.StartAsync();
        return hub;
    }

    public async Task<long> AttemptIdAsync(ExamSeed.Seat? seat = null)
    {
        await using var s = await App.Db.OpenAsync();
        return (await App.Services.GetRequiredService<AttemptStore>().IdForRegistrationAsync(s, (seat ?? Seat).RegistrationId))!.Value;
    }

    public async Task<(Attempt Attempt, AttemptPart? Running)> AttemptAsync(ExamSeed.Seat? seat = null)
    {
        var id = await AttemptIdAsync(seat);
        await using var s = await App.Db.OpenAsync();
        var (attempt, parts) = (await App.Services.GetRequiredService<AttemptStore>().GetAsync(s, id))!.Value;
        return (attempt, parts.FirstOrDefault(p => p.Part == attempt.CurrentPart && !p.IsSubmitted));
    }

    /// <summary>The time left as the candidate's page would be told it now.</summary>
    public async Task<TimeSpan> RemainingAsync(ExamSeed.Seat? seat = null)
    {
        var (_, running) = await AttemptAsync(seat);
        return TimeSpan.FromMilliseconds(App.Services.GetRequiredService<ExamService>().ClockFor(running!).RemainingMs);
    }

    public async Task<RosterRow> RowAsync(HubConnection console, ExamSeed.Seat? seat = null)
    {
        var snapshot = await console.InvokeAsync<RosterSnapshot>("Join", SittingId);
        return snapshot.Rows.Single(r => r.RegistrationId == (seat ?? Seat).RegistrationId);
    }
}

/// <summary>Collects what a hub pushes, so a test can wait (bounded) for the message it expects.</summary>
public sealed class Inbox<T> where T : class
{
    private readonly List<T> _items = [];
    private readonly List<(Func<T, bool> Match, TaskCompletionSource<T> Done)> _waiters = [];

    public void Add(T item)
    {
        lock (_items)
        {
            _items.Add(item);
            foreach (var w in _waiters.Where(w => w.Match(item)).ToList())
            {
                w.Done.TrySetResult(item);
                _waiters.Remove(w);
            }
        }
    }

    public Task<T> WaitForAsync(Func<T, bool> match, int timeoutMs = 5000)
    {
        lock (_items)
        {
            if (_items.FirstOrDefault(match) is { } found) return Task.FromResult(found);
            var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            return done.Task.WaitAsync(TimeSpan.FromMilliseconds(timeoutMs));
        }
    }
}
