using System.Globalization;
using Exam.Cli.ItemBank;
using Exam.Core.Psychometrics;
using Exam.Data.Analysis;
using Exam.Data.Database;
using Exam.Data.ItemBank;
using Exam.Data.Scoring;

namespace Exam.Cli.Analysis;

/// <summary>
/// <c>exam analysis --form &lt;id&gt; [--sitting &lt;id&gt;] [--json] [--responses &lt;out.csv&gt;] [--config &lt;appsettings.json&gt;]</c>:
/// the item analysis the committee's page shows, from the same store and the same statistics, with the flag thresholds
/// the app is configured with (<see cref="FlagThresholdsConfig"/>). Reads only.
/// </summary>
internal sealed class AnalysisCommand(TextWriter output, TextWriter error, CliContext context)
{
    public async Task<int> RunAsync(CliArguments args, CancellationToken ct)
    {
        args.Only("sqlite", "form", "sitting", "json", "responses", "config");
        if (args.Positional.Count > 0) throw new CliUsageException($"analysis takes no argument '{args.Positional[0]}'");
        var formId = args.Required("form");
        long? sittingId = args.Number("sitting");
        var thresholds = FlagThresholdsConfig.Load(args.Option("config"), context);
        var options = CliDatabase.Resolve(args, context, onlyIfPresent: false)!;
        if (options.Provider == DatabaseProvider.Sqlite && !File.Exists(options.SqlitePath))
        {
            error.WriteLine($"exam: no database at {options.SqlitePath}");
            return 1;
        }
        var db = new Db(options, context.CurrentDirectory);
        ScoredResponses? data;
        await using (var s = await db.OpenAsync(ct))
            data = await new ScoredResponsesStore(new ItemBankStore(context.Clock), new ScoringKeyStore(context.Clock)).LoadAsync(s, formId, sittingId, ct);
        if (data is null)
        {
            error.WriteLine($"exam: no form '{formId}' in {CliDatabase.Describe(options)}");
            return 1;
        }
        var report = ItemAnalysis.Analyze(data.Matrix, data.CutPercent, thresholds, data.AdoptedCut);

        if (args.Option("responses") is { } csvPath)
        {
            var full = Path.GetFullPath(csvPath, context.CurrentDirectory);
            await File.WriteAllTextAsync(full, ResponseMatrixCsv.Write(data.Matrix), ct);
            if (!args.Flag("json")) output.WriteLine($"wrote {data.Matrix.Rows.Count} attempt(s) x {data.Matrix.Items.Count} position(s) to {csvPath}");
        }
        if (args.Flag("json")) output.WriteLine(AnalysisJson.Write(data, report));
        else if (args.Option("responses") is null) Summary(data, report);
        return 0;
    }

    private void Summary(ScoredResponses data, AnalysisReport report)
    {
        var t = report.Test;
        string S(double? v) => AnalysisJson.Show(v);
        output.WriteLine($"{data.FormTitle} ({data.FormId}){(data.SittingId is { } id ? $", sitting {id}" : "")}, key version {data.KeyVersion}");
        output.WriteLine($"N {t.N}, {t.Items} scored items, mean {S(t.Mean)}, SD {S(t.Sd)}, KR-20 {S(t.Kr20)}, SEM {S(t.Sem)}, " +
            $"pass rate {S(t.PassRate)} at {t.CutRaw}/{t.Items}");
        if (t.Unstable(report.Thresholds)) output.WriteLine($"fewer than {report.Thresholds.MinStableN} attempts: the statistics are unstable");
        foreach (var i in report.MostFlagged().Take(10))
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  p{i.Position} {i.ItemId} v{i.Version}: p {S(i.P)}, rpb corrected {S(i.RpbCorrected)}: {string.Join(", ", i.Flags.Select(ItemFlags.Code))}"));
    }
}
