using Exam.Core.Psychometrics;
using Exam.Data.Analysis;
using Exam.Data.Database;

namespace Exam.Web.Analysis;

/// <summary>A form's (or sitting's) scored responses and their classical item analysis.</summary>
public sealed record FormAnalysis(ScoredResponses Data, AnalysisReport Report);

/// <summary>Runs the item analysis of a form or sitting with the configured flag thresholds; reads only.</summary>
public sealed class ItemAnalyses(Db db, ScoredResponsesStore responses, FlagThresholds thresholds)
{
    public FlagThresholds Thresholds => thresholds;

    public async Task<FormAnalysis?> RunAsync(string formId, long? sittingId, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var data = await responses.LoadAsync(s, formId, sittingId, ct);
        return data is null ? null : new FormAnalysis(data, ItemAnalysis.Analyze(data.Matrix, data.CutPercent, thresholds));
    }
}
