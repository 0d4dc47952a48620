using Exam.Cli.ItemBank;

namespace Exam.Cli;

/// <summary>What a command may read from its surroundings; tests pass their own.</summary>
public sealed record CliContext(string CurrentDirectory, Func<string, string?> Environment, TimeProvider Clock, string UserName)
{
    public static CliContext FromProcess() => new(
        System.Environment.CurrentDirectory, System.Environment.GetEnvironmentVariable, TimeProvider.System, System.Environment.UserName);
}

/// <summary>The <c>exam</c> command. Exit codes: 0 done, 1 problems found or the command failed, 2 bad usage.</summary>
public static class ExamCli
{
    public const string Usage = """
        usage:
          exam itembank lint <dir> [--strict] [--reviewers <n>] [--sqlite <file>]
          exam itembank import <dir> --actor <staff-account> [--reviewers <n>] [--sqlite <file>]
          exam itembank export <dir> [--sqlite <file>]
          exam itembank stats <dir> [--json]
          exam itembank cues <dir> [--form <form-id>] [--json] [--sqlite <file>]
          exam itembank assemble-form <dir> --id <form-id> --title "<title>" --seed <n> [--force] [--sqlite <file>]
          exam itembank publish-form <dir> <form-id> [--reviewers <n>] [--sqlite <file>]
          exam analysis --form <form-id> [--sitting <id>] [--json] [--responses <out.csv>] [--config <appsettings.json>] [--sqlite <file>]

        Database: --sqlite <file> (default data/exam.db under the current directory), or the environment
        variables Database__Provider=SqlServer and ConnectionStrings__Exam. import and export migrate it first;
        lint, cues, assemble-form and publish-form consult it for stored versions when it is named or data/exam.db exists.
        analysis flags items at the thresholds of Analysis:Flags in --config (the app's appsettings.json has that shape)
        and of the Analysis__Flags__* environment variables, as the committee's page does; unset ones keep the defaults.
        Add --help (or -h) to any command for its usage.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CliContext context, CancellationToken ct = default)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? error : output).WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        if (args.Skip(1).Any(a => a is "-h" or "--help"))
        {
            // Help before parsing, so "exam itembank import --help" is not an error about a missing folder.
            var lines = UsageOf(args[0], args.Skip(1).FirstOrDefault(a => !a.StartsWith('-')));
            if (lines.Count == 0) return UsageError(error, $"unknown command '{string.Join(' ', args.Where(a => !a.StartsWith('-')))}'");
            output.WriteLine("usage:");
            foreach (var line in lines) output.WriteLine(line);
            return 0;
        }
        try
        {
            var parsed = CliArguments.Parse(args.Skip(1));
            return args[0] switch
            {
                "itembank" => await new ItemBankCommands(output, error, context).RunAsync(parsed, ct),
                "analysis" => await new Analysis.AnalysisCommand(output, error, context).RunAsync(parsed, ct),
                _ => UsageError(error, $"unknown command '{args[0]}'"),
            };
        }
        catch (CliUsageException e)
        {
            return UsageError(error, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException or InvalidOperationException)
        {
            error.WriteLine($"exam: {e.Message}");
            return 1;
        }
    }

    /// <summary>The usage lines of a command (and subcommand, when named): each starts a line "exam command ...".</summary>
    internal static List<string> UsageOf(string command, string? subcommand)
    {
        var prefix = subcommand is null ? $"exam {command} " : $"exam {command} {subcommand} ";
        var lines = Usage.Split('\n').Select(l => l.TrimEnd()).ToList();
        var result = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (!lines[i].TrimStart().StartsWith(prefix, StringComparison.Ordinal)) continue;
            result.Add(lines[i]);
            // continuation lines of a long usage are indented further
            var indent = lines[i].Length - lines[i].TrimStart().Length;
            while (i + 1 < lines.Count && lines[i + 1].Length - lines[i + 1].TrimStart().Length > indent && lines[i + 1].Trim().Length > 0
                   && !lines[i + 1].TrimStart().StartsWith("exam ", StringComparison.Ordinal))
                result.Add(lines[++i]);
        }
        return result;
    }

    internal static int UsageError(TextWriter error, string message)
    {
        error.WriteLine($"exam: {message}");
        error.WriteLine(Usage);
        return 2;
    }
}

public sealed class CliUsageException(string message) : Exception(message);

/// <summary>Positional arguments and <c>--name value</c> options (a flag is an option with no value).</summary>
public sealed class CliArguments
{
    private static readonly HashSet<string> Flags = ["json", "force", "strict", "help"];

    public List<string> Positional { get; } = [];
    public Dictionary<string, string?> Options { get; } = new(StringComparer.Ordinal);

    public static CliArguments Parse(IEnumerable<string> args)
    {
        var result = new CliArguments();
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || a.Length == 2)
            {
                result.Positional.Add(a);
                continue;
            }
            var name = a[2..];
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                result.Options[name[..eq]] = name[(eq + 1)..];
            }
            else if (Flags.Contains(name))
            {
                result.Options[name] = null;
            }
            else
            {
                if (i + 1 >= list.Count) throw new CliUsageException($"--{name} needs a value");
                result.Options[name] = list[++i];
            }
        }
        return result;
    }

    public string? Option(string name) => Options.GetValueOrDefault(name);

    public bool Flag(string name) => Options.ContainsKey(name);

    public string Required(string name) =>
        Options.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : throw new CliUsageException($"--{name} is required");

    public int? Number(string name) => Option(name) is { } v
        ? int.TryParse(v, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n : throw new CliUsageException($"--{name} must be a whole number")
        : null;

    public void Only(params string[] allowed)
    {
        foreach (var name in Options.Keys)
            if (!allowed.Contains(name)) throw new CliUsageException($"unknown option --{name}");
    }
}
