using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Exam.Web.Delivery;
using Exam.Web.Live;
using Exam.Web.Proctoring;
using Exam.Web.Tests.Fixtures;
using Exam.Web.Tests.Pages.Proctor;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Hubs;

/// <summary>The app with its Redis backplane configured but unreachable, as when Redis is down.</summary>
public sealed class UnreachableBackplaneFactory : ExamAppFactory
{
    private readonly int _port = ClosedPort();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Redis:Connection"] = $"127.0.0.1:{_port},connectTimeout=1000",
    };

    /// <summary>A loopback port nothing listens on: a connection to it is refused at once.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// Live updates are a convenience, never a dependency: with the backplane down, every action and submission answers
/// at once (before, each waited about 5 s for Redis and then failed with a 500 although it had committed).
/// </summary>
public sealed class BackplaneDownTests(UnreachableBackplaneFactory app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<UnreachableBackplaneFactory>
{
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task A_new_console_joins_and_proctor_actions_answer_at_once_while_the_backplane_is_down()
    {
        var steps = await ProctorSteps.StartAsync(app);
        await steps.BeginAsync();
        var attemptId = await steps.AttemptIdAsync();
        var before = (await steps.AttemptAsync()).Running!.Deadline;

        await using var console = await steps.ConsoleAsync();
        var snapshot = await console.InvokeAsync<RosterSnapshot>("Join", steps.SittingId);
        Assert.Equal("in-part", snapshot.Rows.Single(r => r.RegistrationId == steps.Seat.RegistrationId).Status);

        var watch = Stopwatch.StartNew();
        await console.InvokeAsync("Pause", steps.SittingId, (long?)attemptId, "fire alarm");
        await console.InvokeAsync("Resume", steps.SittingId, (long?)attemptId, (string?)null);
        await console.InvokeAsync("Extend", steps.SittingId, attemptId, 5, "late start");
        output.WriteLine($"three proctor actions with the backplane down: {watch.ElapsedMilliseconds} ms");
        Assert.True(watch.Elapsed < 3 * AtOnce, $"three actions took {watch.ElapsedMilliseconds} ms");
        Assert.Equal(HubConnectionState.Connected, console.State);
        Assert.Equal(before.AddMinutes(5), (await steps.AttemptAsync()).Running!.Deadline);
        // The console still reads the truth from the database (its resync), whatever the backplane did.
        Assert.Equal(5, (await steps.RowAsync(console)).ExtendedMinutes);
    }

    [Fact]
    public async Task Submissions_and_the_expiry_sweep_answer_at_once_while_the_backplane_is_down()
    {
        var steps = await ProctorSteps.StartAsync(app);
        var candidate = await steps.BeginAsync();
        var watch = Stopwatch.StartNew();
        var submitted = await candidate.SubmitAsync("/Candidate/Exam/PartOne");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.True(watch.Elapsed < AtOnce, $"submitting Part One took {watch.ElapsedMilliseconds} ms");
        Assert.Equal("/Candidate/Exam/Between", await candidate.OpenAsync());
        await candidate.Browser.PostFormAsync("/Candidate/Exam/Between", []);
        Assert.Equal("/Candidate/Exam/PartTwo", await candidate.OpenAsync());

        app.Clock.Advance(TimeSpan.FromMinutes(120));
        watch.Restart();
        Assert.True(await app.Services.GetRequiredService<ExamService>().SweepExpiredAsync() >= 1);
        Assert.True(watch.Elapsed < AtOnce, $"the sweep took {watch.ElapsedMilliseconds} ms");
        Assert.Equal("submitted", (await steps.AttemptAsync()).Attempt.Status);
    }

    [Fact]
    public async Task A_candidates_page_still_gets_its_clock_from_its_own_node()
    {
        var steps = await ProctorSteps.StartAsync(app);
        var candidate = await steps.BeginAsync();
        var clocks = new Inbox<ClockMessage>();
        await using var exam = HubClients.Build(app, "/hubs/exam", candidate.Browser);
        exam.On<ClockMessage>("Clock", clocks.Add);
        await exam.StartAsync();
        Assert.Equal(1, (await clocks.WaitForAsync(_ => true)).Part); // sent to this connection directly, not through Redis
        Assert.Equal(1, (await exam.InvokeAsync<ClockMessage?>("Sync"))!.Part);
    }
}

/// <summary>The backplane coming back (a fixture of its own: it changes the node's idea of the backplane).</summary>
public sealed class BackplaneReturnTests(UnreachableBackplaneFactory app) : IClassFixture<UnreachableBackplaneFactory>
{
    [Fact]
    public async Task When_the_backplane_returns_every_live_page_on_the_node_is_told_to_resync()
    {
        var steps = await ProctorSteps.StartAsync(app);
        var candidate = await steps.BeginAsync();
        await using var console = await steps.ConsoleAsync();
        await console.InvokeAsync<RosterSnapshot>("Join", steps.SittingId);
        await using var exam = HubClients.Build(app, "/hubs/exam", candidate.Browser);
        var consoleResync = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var examResync = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        console.On("Resync", () => consoleResync.TrySetResult());
        exam.On("Resync", () => examResync.TrySetResult());
        await exam.StartAsync();

        app.Services.GetRequiredService<Backplane>().Restore(); // as Redis's connection does when it comes back

        await Task.WhenAll(consoleResync.Task, examResync.Task).WaitAsync(TimeSpan.FromSeconds(10));
    }
}
