using Exam.Web.Tests.Fixtures;

namespace Exam.Web.Tests.Pages.Proctor;

/// <summary>A candidate whose time has run out (and is about to be submitted) is not offered Pause or Extend.</summary>
public sealed class TimeUpConsoleTests(ExamAppFactory app) : IClassFixture<ExamAppFactory>
{
    [Fact]
    public async Task Once_the_time_is_up_the_console_offers_neither_pause_nor_extend_and_says_it_is_submitting()
    {
        var steps = await ProctorSteps.StartAsync(app);
        await steps.BeginAsync();
        await using var console = await steps.ConsoleAsync();
        var running = await steps.RowAsync(console);
        Assert.Equal((true, true, "In Part One"), (running.CanPause, running.CanExtend, running.StatusText));

        app.Clock.Advance(TimeSpan.FromMinutes(91)); // past the deadline; the sweeper has not run yet
        var over = await steps.RowAsync(console);
        Assert.Equal((false, false, true), (over.CanPause, over.CanExtend, over.CanVoid));
        Assert.Equal("Time up in Part One: submitting", over.StatusText);
    }
}
