using Exam.Core.ItemBank;
using Exam.Core.Psychometrics;
using Exam.Data.Analysis;
using Exam.Data.Database;
using Exam.Data.ItemBank;
using Exam.Data.Scheduling;

namespace Exam.Web.Analysis;

/// <summary>A form's (or sitting's) scored responses and their classical item analysis.</summary>
public sealed record FormAnalysis(ScoredResponses Data, AnalysisReport Report);

/// <summary>An item version's statistics on one form, over all its sittings (no sitting) or one of them.</summary>
public sealed record ItemHistoryLine(string FormId, long? SittingId, string Scope, ItemStats Stats);

/// <summary>Runs the item analysis of a form or sitting with the configured flag thresholds; reads only.</summary>
public sealed class ItemAnalyses(Db db, ItemBankStore bank, SittingStore sittings, ScoredResponsesStore responses, FlagThresholds thresholds)
{
    public FlagThresholds Thresholds => thresholds;

    public async Task<FormAnalysis?> RunAsync(string formId, long? sittingId, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        return await RunAsync(s, formId, sittingId, ct);
    }

    /// <summary>The item's statistics from every published form that pinned a version of it, per form and per sitting.</summary>
    public async Task<IReadOnlyList<ItemHistoryLine>> HistoryAsync(string itemId, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var lines = new List<ItemHistoryLine>();
        var allSittings = await sittings.ListAsync(s, ct);
        foreach (var formId in await bank.PublishedFormsPinningAsync(s, itemId, ct))
        {
            var scopes = new List<(long? Id, string Title)> { (null, "all sittings") };
            scopes.AddRange(allSittings.Where(x => x.FormId == formId).OrderBy(x => x.OpensAt).Select(x => ((long?)x.Id, x.Title)));
            foreach (var (sittingId, title) in scopes)
            {
                if (await RunAsync(s, formId, sittingId, ct) is not { } analysis || analysis.Report.Test.N == 0) continue;
                foreach (var stats in analysis.Report.Items.Where(i => i.ItemId == itemId))
                    lines.Add(new ItemHistoryLine(formId, sittingId, title, stats));
            }
        }
        return lines;
    }

    /// <summary>Items carrying the flag in the analysis of any published form (over all its sittings).</summary>
    public async Task<IReadOnlySet<string>> FlaggedAsync(ItemFlag flag, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var flagged = new HashSet<string>(StringComparer.Ordinal);
        foreach (var form in (await bank.ListFormsAsync(s, ct)).Where(f => f.FormStatus == FormStatus.Published))
            if (await RunAsync(s, form.Id, null, ct) is { } analysis)
                flagged.UnionWith(analysis.Report.Items.Where(i => i.Flags.Contains(flag)).Select(i => i.ItemId));
        return flagged;
    }

    private async Task<FormAnalysis?> RunAsync(DbSession s, string formId, long? sittingId, CancellationToken ct)
    {
        var data = await responses.LoadAsync(s, formId, sittingId, ct);
        return data is null ? null : new FormAnalysis(data, ItemAnalysis.Analyze(data.Matrix, data.CutPercent, thresholds, data.AdoptedCut));
    }
}
