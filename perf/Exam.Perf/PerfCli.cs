using Exam.Cli;
using Exam.Perf.Bench;

namespace Exam.Perf;

/// <summary>The <c>exam-perf</c> command: developer tools that measure the server. Exit codes as <c>exam</c>'s.</summary>
public static class PerfCli
{
    public const string Usage = """
        usage:
          exam-perf bench [--candidates <n>] [--interval <s>] [--duration <s>] [--ratio-seconds <s>] [--concurrency <n>] [--warmup <n>]
                          [--server <Exam.Web.dll>] [--itembank <dir>] [--data-dir <dir>] [--url <url> --sqlite <file> [--pid <n>]]
          exam-perf pages [--clients <n>] [--seconds <s>] [--server <Exam.Web.dll>] [--itembank <dir>] [--only <word>[,<word>...]]
        """;

    public static async Task<int> Main(string[] args) =>
        await RunAsync(args, Console.Out, Console.Error, CliContext.FromProcess());

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CliContext context, CancellationToken ct = default)
    {
        if (args.Length == 0 || args.Any(a => a is "-h" or "--help" or "help"))
        {
            (args.Length == 0 ? error : output).WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            return args[0] switch
            {
                "bench" => await new BenchCommand(output, error, context).RunAsync(CliArguments.Parse(args.Skip(1)), ct),
                "pages" => await new PagesCommand(output, error, context).RunAsync(CliArguments.Parse(args.Skip(1)), ct),
                _ => UsageError(error, $"unknown command '{args[0]}'"),
            };
        }
        catch (CliUsageException e)
        {
            return UsageError(error, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException or InvalidOperationException)
        {
            error.WriteLine($"exam-perf: {e.Message}");
            return 1;
        }
    }

    private static int UsageError(TextWriter error, string message)
    {
        error.WriteLine($"exam-perf: {message}");
        error.WriteLine(Usage);
        return 2;
    }
}
