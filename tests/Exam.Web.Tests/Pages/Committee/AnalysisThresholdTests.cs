extern alias cli;
using System.Text.Json;
using System.Text.RegularExpressions;
using Exam.Web.Tests.Fixtures;
using cli::Exam.Cli;

namespace Exam.Web.Tests.Pages.Committee;

/// <summary>An app whose committee set stricter flag thresholds than the defaults.</summary>
public sealed class StrictFlagsAppFactory : ExamAppFactory
{
    public static readonly IReadOnlyDictionary<string, string?> Flags = new Dictionary<string, string?>
    {
        ["Analysis:Flags:MinP"] = "0.45", ["Analysis:Flags:MaxP"] = "0.8", ["Analysis:Flags:MinRpbCorrected"] = "0.3",
    };

    protected override IReadOnlyDictionary<string, string?> Settings => Flags;
}

/// <summary><c>exam analysis</c> flags what the page flags when it is given the app's configuration.</summary>
public sealed partial class AnalysisThresholdTests(StrictFlagsAppFactory app) : IClassFixture<StrictFlagsAppFactory>
{
    private const string Form = "demo-2027"; // the demo form, with its simulated past sitting

    private async Task<(int Code, string Output, string Error)> CliAsync(Func<string, string?> environment, params string[] extra)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ExamCli.RunAsync(["analysis", "--sqlite", Path.Combine(app.DataDir, "exam.db"), "--form", Form, "--json", .. extra],
            output, error, new CliContext(app.DataDir, environment, app.Clock, "test"));
        return (code, output.ToString(), error.ToString());
    }

    private static Dictionary<int, string> CliFlags(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("items").EnumerateArray().ToDictionary(
            i => i.GetProperty("position").GetInt32(),
            i => string.Join(", ", i.GetProperty("flags").EnumerateArray().Select(f => f.GetString())));

    [Fact]
    public async Task The_command_flags_the_items_the_page_flags_from_the_apps_configuration_file_or_environment()
    {
        var committee = Browserless.For(app);
        await committee.StaffSignInAsync("committee", DemoLogins.Staff("committee").Password);
        var (_, html) = await committee.GetAsync($"/Committee/Analysis?FormId={Form}");
        var page = PageFlags().Matches(html).ToDictionary(m => int.Parse(m.Groups[1].Value), m => m.Groups[2].Value);
        Assert.Equal(60, page.Count);

        // The app's configuration file, in appsettings shape (keys in any case, numbers or strings as the app accepts).
        var config = Path.Combine(app.DataDir, "appsettings.json");
        await File.WriteAllTextAsync(config, """
            { "Logging": { "LogLevel": { "Default": "Information" } },
              // as in appsettings.json
              "analysis": { "Flags": { "MinP": 0.45, "maxP": "0.8", "MinRpbCorrected": 0.3 } } }
            """);
        var fromFile = await CliAsync(_ => null, "--config", config);
        Assert.Equal(0, fromFile.Code);
        Assert.Equal(page, CliFlags(fromFile.Output));

        // The environment variables that configure the app configure the command the same way.
        var fromEnvironment = await CliAsync(name => StrictFlagsAppFactory.Flags.GetValueOrDefault(name.Replace("__", ":", StringComparison.Ordinal)));
        Assert.Equal(page, CliFlags(fromEnvironment.Output));

        // Without them the defaults apply, and the demo form's flags differ: the configuration is what made them agree.
        var defaults = await CliAsync(_ => null);
        Assert.NotEqual(page, CliFlags(defaults.Output));
        Assert.True(CliFlags(defaults.Output).Values.Sum(f => f.Length) < page.Values.Sum(f => f.Length));

        // A typo or a non-number is a usage error, not a quietly different report.
        await File.WriteAllTextAsync(config, """{ "Analysis": { "Flags": { "MinPee": 0.45 } } }""");
        var typo = await CliAsync(_ => null, "--config", config);
        Assert.Equal((2, ""), (typo.Code, typo.Output));
        Assert.Contains("unknown threshold", typo.Error);
        var notNumber = await CliAsync(name => name == "Analysis__Flags__MinP" ? "high" : null);
        Assert.Equal(2, notNumber.Code);
        Assert.Contains("'high' is not a number", notNumber.Error);
        Assert.Equal(2, (await CliAsync(_ => null, "--config", Path.Combine(app.DataDir, "missing.json"))).Code);
    }

    [GeneratedRegex("<tr id=\"item-(\\d+)\"[^>]*>.*?<td>([^<]*)</td>\\s*</tr>", RegexOptions.Singleline)]
    private static partial Regex PageFlags();
}
