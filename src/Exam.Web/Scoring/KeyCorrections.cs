using System.Text.Json;
using Exam.Core;
using Exam.Core.Audit;
using Exam.Core.Scoring;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.Delivery;
using Exam.Data.Scoring;
using Exam.Web.Delivery;

namespace Exam.Web.Scoring;

/// <summary>One attempt whose Part One result a key correction changes.</summary>
public sealed record Rescore(long AttemptId, string CandidateNumber, int OldRaw, int OldMax, bool OldPassed, int NewRaw, int NewMax, bool NewPassed)
{
    public bool PassChanges => OldPassed != NewPassed;
}

/// <summary>
/// The committee's key corrections: a new scoring-key version for a form item (change the key, accept several
/// options, or drop the item). A dry run lists every attempt whose score or pass/fail would change; applying it
/// stores the version, rescores those attempts (old results stay as history) and audits every step.
/// </summary>
public sealed class KeyCorrections(
    Db db, ScoringKeyStore keys, AnswerStore answers, ResultStore results, ExamContent content, AuditLog audit, TimeProvider clock)
{
    /// <summary>The key in force: the newest stored correction, else the keys pinned in the form's item versions.</summary>
    public async Task<ScoringKey> CurrentKeyAsync(string formId, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        return await CurrentKeyAsync(s, formId, ct);
    }

    public async Task<ScoringKey> CurrentKeyAsync(DbSession s, string formId, CancellationToken ct = default) =>
        await keys.LatestAsync(s, formId, ct) is { } stored ? FromJson(stored) : await content.PinnedKeyAsync(formId, ct);

    /// <summary>Why a correction cannot be applied as given, or null.</summary>
    public static string? Check(KeyCorrection correction) =>
        string.IsNullOrWhiteSpace(correction.Reason) ? "Give the reason for the correction; it goes to the audit log."
        : correction.Reason.Length > FieldLimits.KeyCorrectionReason ? $"Keep the reason within {FieldLimits.KeyCorrectionReason:N0} characters."
        : null;

    public async Task<(ScoringKey Key, IReadOnlyList<Rescore> Changes)> DryRunAsync(string formId, KeyCorrection correction, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var key = (await CurrentKeyAsync(s, formId, ct)).Correct(correction);
        return (key, await ChangesAsync(s, formId, key, ct));
    }

    public async Task<IReadOnlyList<Rescore>> ApplyAsync(string formId, KeyCorrection correction, string actor, CancellationToken ct = default)
    {
        if (Check(correction) is { } problem) throw new ArgumentException(problem, nameof(correction));
        return await ApplyAsync(formId, before => before.Correct(correction), actor, correction.Reason, (s, before, key, changes) =>
            audit.AppendAsync(s, new AuditEntry(actor, "key.corrected", "form", formId,
                Json(KeyOf(before, correction.ItemId)), Json(new { version = key.Version, item = KeyOf(key, correction.ItemId), attemptsChanged = changes.Count }),
                correction.Reason), ct), ct);
    }

    /// <summary>Who would change from pass to fail and back if the form's Part One cut became <paramref name="cut"/>.</summary>
    public async Task<(ScoringKey Key, IReadOnlyList<Rescore> Changes)> DryRunCutAsync(string formId, CutScore cut, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var key = (await CurrentKeyAsync(s, formId, ct)).WithCut(cut);
        return (key, await ChangesAsync(s, formId, key, ct));
    }

    /// <summary>
    /// Adopts a raw cut as a new key version and rescores every Part One on the form with it, as a key correction does;
    /// <paramref name="audited"/> adds the caller's own audit lines in the same transaction (the study's adoption).
    /// </summary>
    public Task<IReadOnlyList<Rescore>> ApplyCutAsync(string formId, CutScore cut, string reason, string actor,
        Func<DbSession, CancellationToken, Task> audited, CancellationToken ct = default) =>
        ApplyAsync(formId, before => before.WithCut(cut), actor, reason, async (s, before, key, changes) =>
        {
            await audit.AppendAsync(s, new AuditEntry(actor, "cut.adopted", "form", formId,
                Json(new { version = before.Version, cut = CutOf(before) }), Json(new { version = key.Version, cut = CutOf(key), attemptsChanged = changes.Count }),
                reason), ct);
            await audited(s, ct);
        }, ct);

    private async Task<IReadOnlyList<Rescore>> ApplyAsync(string formId, Func<ScoringKey, ScoringKey> change, string actor, string reason,
        Func<DbSession, ScoringKey, ScoringKey, IReadOnlyList<Rescore>, Task> auditChange, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var s = await db.BeginAsync(ct: ct);
        // The form's key first (see ScoringKeyStore): a second correction waits here, and once the new version is in,
        // every Part One scored with the old key has committed, so the rescore below covers it.
        var before = await keys.LatestForCorrectionAsync(s, formId, ct) is { } stored ? FromJson(stored) : await content.PinnedKeyAsync(formId, ct);
        var key = change(before);
        await keys.AddAsync(s, formId, key.Version, ToJson(key), key.Cut is { } c ? (c.Raw, c.OutOf) : null, reason, actor, ct);
        var changes = await ChangesAsync(s, formId, key, ct);
        await auditChange(s, before, key, changes);
        var cut = (await content.GetAsync(formId, ct)).Definition.PartOne.CutPercent;
        foreach (var attempt in await keys.PartOneAttemptsAsync(s, formId, ct))
        {
            // Every attempt moves to the new key version, so each result says which key it was scored with.
            var score = await ScoreAsync(s, attempt.AttemptId, key, cut, ct);
            await results.RecordAsync(s, new McResult
            {
                AttemptId = attempt.AttemptId, KeyVersion = key.Version, Raw = score.Raw, MaxScore = score.Max,
                PercentScore = score.Percent, Passed = score.Passed, DomainsJson = Json(score.Domains), ScoredAt = now,
            }, ct);
            if (changes.FirstOrDefault(c => c.AttemptId == attempt.AttemptId) is { } changed)
                await audit.AppendAsync(s, new AuditEntry(actor, "mc.rescored", "attempt", attempt.AttemptId.ToString(),
                    Json(new { raw = changed.OldRaw, max = changed.OldMax, passed = changed.OldPassed }),
                    Json(new { raw = changed.NewRaw, max = changed.NewMax, passed = changed.NewPassed, keyVersion = key.Version }), reason), ct);
        }
        await s.CommitAsync(ct);
        return changes;
    }

    private static object? CutOf(ScoringKey key) => key.Cut is { } c ? new { raw = c.Raw, outOf = c.OutOf } : null;

    /// <summary>The attempts whose score or pass the key would change.</summary>
    private async Task<IReadOnlyList<Rescore>> ChangesAsync(DbSession s, string formId, ScoringKey key, CancellationToken ct)
    {
        var cut = (await content.GetAsync(formId, ct)).Definition.PartOne.CutPercent;
        var changes = new List<Rescore>();
        foreach (var attempt in await keys.PartOneAttemptsAsync(s, formId, ct))
        {
            var score = await ScoreAsync(s, attempt.AttemptId, key, cut, ct);
            if (attempt.Raw != score.Raw || attempt.MaxScore != score.Max || attempt.Passed != score.Passed)
                changes.Add(new Rescore(attempt.AttemptId, attempt.CandidateNumber, attempt.Raw ?? 0, attempt.MaxScore ?? 0, attempt.Passed ?? false,
                    score.Raw, score.Max, score.Passed));
        }
        return changes;
    }

    private async Task<McScore> ScoreAsync(DbSession s, long attemptId, ScoringKey key, decimal cut, CancellationToken ct)
    {
        var (mc, _) = await answers.LoadAsync(s, attemptId, ct);
        return McScorer.Score(key, mc.ToDictionary(a => ExamContent.Position(a.Position), a => a.OptionId), cut);
    }

    private static object? KeyOf(ScoringKey key, string itemId) =>
        key.Items.FirstOrDefault(i => i.ItemId == itemId) is { } i ? new { accepted = i.Accepted.Order(StringComparer.Ordinal), dropped = i.Dropped } : null;

    public static string ToJson(ScoringKey key) => ScoringKeyJson.ToJson(key);

    private static ScoringKey FromJson(StoredScoringKey stored) => ScoringKeyJson.FromJson(stored);

    private static string Json(object? value) => JsonSerializer.Serialize(value);
}
