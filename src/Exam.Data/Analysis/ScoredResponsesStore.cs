using Exam.Core.Psychometrics;
using Exam.Core.Scoring;
using Exam.Data.Database;
using Exam.Data.ItemBank;
using Exam.Data.Scoring;

namespace Exam.Data.Analysis;

/// <summary>What an analysis covers: a form, or one sitting of it, with the key in force and its scored responses.</summary>
public sealed record ScoredResponses(string FormId, string FormTitle, long? SittingId, decimal CutPercent, int KeyVersion, ResponseMatrix Matrix)
{
    /// <summary>The raw cut the committee adopted (in the key in force), which replaces <see cref="CutPercent"/>.</summary>
    public CutScore? AdoptedCut { get; init; }
}

/// <summary>
/// Reads the scored response matrix of a form or sitting for item analysis: every submitted, not voided Part One
/// attempt, with the option chosen at each position. Answers are stored as the item's own option letters, so the
/// matrix is in the item's A-D order whatever shuffled order the candidate saw. The web page and the command line
/// both read through here, so they analyse the same data.
/// </summary>
public sealed class ScoredResponsesStore(ItemBankStore bank, ScoringKeyStore keys)
{
    private sealed record AnswerRow
    {
        public long AttemptId { get; init; }
        public int? Position { get; init; }
        public string? OptionId { get; init; }
    }

    private static readonly SqlStatement Answers = SqlStatement.Portable("""
        SELECT a.id AS AttemptId, ans.position AS Position, ans.option_id AS OptionId
        FROM attempts a
        JOIN registrations r ON r.id = a.registration_id
        JOIN sittings s ON s.id = r.sitting_id
        JOIN attempt_parts p ON p.attempt_id = a.id AND p.part = 1 AND p.submitted_at IS NOT NULL
        LEFT JOIN mc_answers ans ON ans.attempt_id = a.id
        WHERE s.form_id = @FormId AND (@SittingId IS NULL OR s.id = @SittingId) AND a.status <> 'voided'
        ORDER BY a.id, ans.position;
        """);

    /// <summary>The scored responses, or null when there is no such form (or the sitting is not of that form).</summary>
    public async Task<ScoredResponses?> LoadAsync(DbSession s, string formId, long? sittingId, CancellationToken ct = default)
    {
        var form = await bank.GetFormAsync(s, formId, ct);
        if (form is null) return null;
        var (pins, _) = await bank.FormPinsAsync(s, formId, ct);
        var versions = new List<(int Position, StoredItemVersion Version)>();
        foreach (var pin in pins.OrderBy(p => p.Position))
            versions.Add((pin.Position, await bank.GetItemVersionAsync(s, pin.ItemVersionId, ct)
                ?? throw new InvalidOperationException($"Form {formId} pins a missing item version {pin.ItemVersionId}.")));

        // The key in force: the newest correction, else version 1, the keys pinned in the item versions (as scoring does).
        var key = await keys.LatestAsync(s, formId, ct) is { } stored
            ? ScoringKeyJson.FromJson(stored)
            : new ScoringKey(1, versions.Select(v => KeyedItem.WithKey(Position(v.Position), v.Version.Content.PrimaryDomain ?? "", v.Version.Content.Key ?? "")).ToList());
        var keyed = key.Items.ToDictionary(i => i.ItemId, StringComparer.Ordinal);

        var items = versions.Select(v =>
        {
            var k = keyed[Position(v.Position)];
            return new AnalysedItem(v.Position, v.Version.ItemId, v.Version.VersionNo, k.Domain,
                v.Version.Content.Options.Select(o => o.Id).ToList(), k.Accepted, k.Dropped);
        }).ToList();
        var index = items.Select((item, i) => (item.Position, i)).ToDictionary(x => x.Position, x => x.i);

        var rows = new List<ResponseRow>();
        var answers = await s.QueryAsync<AnswerRow>(Answers, new { FormId = formId, SittingId = sittingId }, ct);
        foreach (var attempt in answers.GroupBy(a => a.AttemptId))
        {
            var choices = new string?[items.Count];
            foreach (var a in attempt)
                if (a.Position is { } position && index.TryGetValue(position, out var i)) choices[i] = a.OptionId;
            // An anonymous code: the attempt's rank in this matrix, never a candidate number or name.
            rows.Add(new ResponseRow($"R{rows.Count + 1:0000}", choices));
        }
        return new ScoredResponses(form.Id, form.Title, sittingId, form.Definition.PartOne.CutPercent, key.Version, new ResponseMatrix(items, rows))
        {
            AdoptedCut = key.Cut,
        };
    }

    private static string Position(int position) => "p" + position;
}
