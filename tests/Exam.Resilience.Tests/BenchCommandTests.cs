using System.Text.RegularExpressions;
using Exam.Cli;
using Exam.Perf;
using Xunit.Abstractions;

namespace Exam.Resilience.Tests;

/// <summary>A tiny `exam-perf bench` run: it proves the command works end to end, not how fast anything is.</summary>
public sealed partial class BenchCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_tiny_bench_run_prints_the_summary_line_with_no_errors_and_nothing_lost()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var dir = Fixtures.ScratchDirectory("bench");
        try
        {
            var code = await PerfCli.RunAsync(
                ["bench", "--candidates", "5", "--duration", "3", "--interval", "1", "--ratio-seconds", "1", "--concurrency", "5", "--warmup", "3",
                 "--server", Fixtures.ServerDll, "--itembank", Fixtures.ItemBank, "--data-dir", dir],
                stdout, stderr, CliContext.FromProcess());
            output.WriteLine(stdout.ToString());
            output.WriteLine(stderr.ToString());

            Assert.Equal(0, code);
            var last = stdout.ToString().TrimEnd().Split('\n').Last().TrimEnd('\r');
            var summary = Summary().Match(last);
            Assert.True(summary.Success, $"last line is not the summary: {last}");
            Assert.Equal("5", summary.Groups["candidates"].Value);
            Assert.True(int.Parse(summary.Groups["saves"].Value) > 0, "no saves were made");
            Assert.Equal("0", summary.Groups["errors"].Value);
            Assert.Equal("0", summary.Groups["lost"].Value);
        }
        finally
        {
            Fixtures.Clean(dir);
        }
    }

    [GeneratedRegex(@"^bench: candidates=(?<candidates>\d+) saves=(?<saves>\d+) errors=(?<errors>\d+) lost=(?<lost>\d+) save_p99_ms=\d+(\.\d+)? start_p99_ms=\d+(\.\d+)? ratio=\d+(\.\d+)?$")]
    private static partial Regex Summary();
}
