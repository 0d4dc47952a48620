using System.Globalization;
using System.Text.Json;
using Exam.Core.ItemBank;
using Exam.Core.ItemBank.Cues;
using Exam.ItemBank.Services;

namespace Exam.Cli.ItemBank;

/// <summary>Prints cue reports for <c>exam itembank cues</c>: as text for a reader, or as one JSON object.</summary>
internal static class CueReportWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Percent(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static void WriteText(TextWriter output, string title, CueReport report)
    {
        output.WriteLine($"{title}: {report.Count} MCQs");
        output.WriteLine($"  key longest {Percent(report.KeyLongest)}   key shortest {Percent(report.KeyShortest)}   (chance {Percent(CueStrategies.Chance)})");
        foreach (var (name, rate) in new[] { ("' and '", report.Compound), ("absolute", report.Absolute), ("hedge", report.Hedged) })
            output.WriteLine($"  {name,-9} in keys {Percent(rate.InKeys)}   in distractors {Percent(rate.InDistractors)}");
        output.WriteLine($"  expected score by strategy (chance {Percent(CueStrategies.Chance)}; target at most {Percent(CueReport.Target)}):");
        foreach (var (strategy, expected) in report.Strategies.OrderByDescending(s => s.Expected))
            output.WriteLine($"    {strategy.Name,-17}{Percent(expected),6}   {strategy.Description}");
        var worst = report.Worst;
        output.WriteLine($"  worst: {worst.Strategy.Name} {Percent(worst.Expected)} ({(worst.Expected <= CueReport.Target ? "within" : "ABOVE")} the {Percent(CueReport.Target)} target)");
        output.WriteLine($"  items with a strong cue: {report.WithStrongCues} of {report.Count}");
        foreach (var item in report.Items.Where(i => i.StrongCues.Count > 0 || i.Notes.Count > 0))
            output.WriteLine($"    {item.Id}: {string.Join("; ", item.StrongCues.Select(s => "STRONG " + s.Message).Concat(item.Notes))}");
    }

    public static void WriteFormLine(TextWriter output, FormCues form)
    {
        var worst = form.Report.Worst;
        var testwise = form.Report.Strategies.Single(s => s.Strategy.Name == "testwise").Expected;
        output.WriteLine($"  {form.Form.Id} ({ItemBankCodes.Code(form.Form.Status)}, {form.Report.Count} MCQs): worst {worst.Strategy.Name} {Percent(worst.Expected)}, " +
            $"testwise {Percent(testwise)}, strong cues in {form.Report.WithStrongCues}" + Unresolved(form));
    }

    public static string Unresolved(FormCues form) => form.Unresolved.Count == 0 ? "" :
        $"; {form.Unresolved.Count} pinned version{(form.Unresolved.Count == 1 ? "" : "s")} not found and left out (--sqlite <file> reads stored versions)";

    public static void WriteJson(TextWriter output, CueReport? bank, IEnumerable<FormCues> forms)
    {
        var json = new Dictionary<string, object?>();
        if (bank is not null) json["bank"] = Json(bank);
        json["forms"] = forms.Select(f => new Dictionary<string, object?>
        {
            ["id"] = f.Form.Id,
            ["status"] = ItemBankCodes.Code(f.Form.Status),
            ["unresolved"] = f.Unresolved.Select(p => p.ToString()).ToList(),
            ["report"] = Json(f.Report),
        }).ToList();
        output.WriteLine(JsonSerializer.Serialize(json, Indented));
    }

    /// <summary>Rates as fractions (0-1), rounded to 4 places, so a script compares them directly.</summary>
    private static Dictionary<string, object?> Json(CueReport r) => new()
    {
        ["mcqs"] = r.Count,
        ["chance"] = CueStrategies.Chance,
        ["target"] = CueReport.Target,
        ["keyLongest"] = Round(r.KeyLongest),
        ["keyShortest"] = Round(r.KeyShortest),
        ["and"] = new { inKeys = Round(r.Compound.InKeys), inDistractors = Round(r.Compound.InDistractors) },
        ["absolute"] = new { inKeys = Round(r.Absolute.InKeys), inDistractors = Round(r.Absolute.InDistractors) },
        ["hedge"] = new { inKeys = Round(r.Hedged.InKeys), inDistractors = Round(r.Hedged.InDistractors) },
        ["strategies"] = r.Strategies.ToDictionary(s => s.Strategy.Name, s => Round(s.Expected)),
        ["worst"] = new { strategy = r.Worst.Strategy.Name, expected = Round(r.Worst.Expected) },
        ["withStrongCues"] = r.WithStrongCues,
        ["items"] = r.Items.Select(i => new Dictionary<string, object?>
        {
            ["id"] = i.Id,
            ["key"] = i.Key,
            ["lengths"] = i.OptionIds.Zip(i.Lengths).ToDictionary(x => x.First, x => x.Second),
            ["keyLengthRank"] = i.KeyLengthRank,
            ["lengthSpread"] = Round(i.LengthSpread),
            ["and"] = i.Compound,
            ["absolute"] = i.Absolute,
            ["hedge"] = i.Hedged,
            ["keyOnlyStemWords"] = i.KeyOnlyStemWords,
            ["nearDuplicates"] = i.NearDuplicates.Select(d => $"{d.First}/{d.Second}").ToList(),
            ["disagreeWithStem"] = i.Disagreeing,
            ["strategies"] = i.Strategies.ToDictionary(s => s.Key, s => Round(s.Value)),
            ["strongCues"] = i.StrongCues.Select(s => s.Message).ToList(),
            ["notes"] = i.Notes,
        }).ToList(),
    };

    private static double Round(double value) => Math.Round(value, 4);
}
