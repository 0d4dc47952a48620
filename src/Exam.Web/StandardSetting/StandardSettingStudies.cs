using System.Text.Json;
using Exam.Core;
using Exam.Core.Accounts;
using Exam.Core.Audit;
using Exam.Core.ItemBank;
using Exam.Core.Psychometrics;
using Exam.Core.Scoring;
using Exam.Core.StandardSetting;
using Exam.Data.Accounts;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.ItemBank;
using Exam.Data.StandardSetting;
using Exam.Web.Analysis;
using Exam.Web.Delivery;
using Exam.Web.Scoring;

namespace Exam.Web.StandardSetting;

/// <summary>A Part One item as a panelist rates it: the question, its options and the key (panelists are staff).</summary>
public sealed record RatedItem(int Position, string StemHtml, IReadOnlyList<DeliveredOption> Options, IReadOnlySet<string> Accepted, int? Rating);

/// <summary>The round-1 spread of one item for the discussion, with its p value where the form has been sat.</summary>
public sealed record DiscussedItem(ItemRatingSpread Spread, string ItemId, double? P);

/// <summary>What a panelist sees: their own ratings only, and after round 1 the panel's spread without names.</summary>
public sealed record PanelistView(StoredStudy Study, StudyStage Stage, int? Round, StoredPanelist Me, IReadOnlyList<RatedItem> Items,
    IReadOnlyDictionary<int, DiscussedItem> RoundOneSpread);

/// <summary>What the facilitator sees: progress, and from the discussion on, the spread and the results.</summary>
public sealed record FacilitatorView(StoredStudy Study, StudyStage Stage, IReadOnlyList<StoredPanelist> Panelists,
    IReadOnlyDictionary<string, int> RatedThisRound, int ScoredItems, IReadOnlyList<DiscussedItem> Discussion, StudyOutcome? Outcome,
    int AnalysedAttempts, int KeyVersion, PassMark CurrentMark);

/// <summary>The outcome of a panelist's save: stored (and what), or refused with a message and an HTTP status.</summary>
public sealed record SaveOutcome(bool Saved, int Status, string? Message)
{
    public static SaveOutcome Ok { get; } = new(true, 200, null);
    public static SaveOutcome Refused(int status, string message) => new(false, status, message);
}

/// <summary>
/// Modified-Angoff standard-setting studies: the committee opens one for a published form, agrees the description of
/// the minimally competent candidate, invites panelists, and moves it through two rounds of rating with a discussion
/// between; the results recommend a raw cut, which the committee adopts (a dry run first when the form has results).
/// Every change is conditional with its row count checked and audited; reads never write.
/// </summary>
public sealed class StandardSettingStudies(
    Db db, StandardSettingStore studies, ItemBankStore bank, StaffAccountStore staff, ExamContent content, KeyCorrections keys,
    ItemAnalyses analyses, AuditLog audit, TimeProvider clock)
{
    public const string Created = "study.created";
    public const string Described = "study.described";
    public const string Invited = "study.panelist-invited";
    public const string Removed = "study.panelist-removed";
    public const string Advanced = "study.advanced";
    public const string RoundFinished = "study.round-finished";
    public const string CutAdopted = "study.cut-adopted";

    public async Task<IReadOnlyList<StoredStudy>> ListAsync(CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        return await studies.ListAsync(s, ct);
    }

    public async Task<IReadOnlyList<StoredStudy>> ListForPanelistAsync(string userName, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        return await studies.ListForPanelistAsync(s, userName, ct);
    }

    public async Task<(long? Id, string? Error)> CreateAsync(string formId, string title, string description, string actor, CancellationToken ct = default)
    {
        title = title.Trim();
        description = description.Trim();
        if ((StudyStages.CheckTitle(title) ?? StudyStages.CheckDescription(description)) is { } problem) return (null, problem);
        await using var s = await db.BeginAsync(ct: ct);
        if (await bank.GetFormAsync(s, formId, ct) is not { FormStatus: FormStatus.Published }) return (null, "Choose a published form.");
        var id = await studies.CreateAsync(s, formId, title, description, actor, clock.GetUtcNow(), ct);
        await audit.AppendAsync(s, new AuditEntry(actor, Created, "study", id.ToString(), null, Json(new { form = formId, title, description }), null), ct);
        await s.CommitAsync(ct);
        return (id, null);
    }

    public async Task<string?> DescribeAsync(long id, string description, string actor, CancellationToken ct = default)
    {
        description = description.Trim();
        if (StudyStages.CheckDescription(description) is { } problem) return problem;
        await using var s = await db.BeginAsync(ct: ct);
        if (await studies.GetAsync(s, id, ct) is not { } study) return "No such study.";
        if (await studies.DescribeAsync(s, id, description, ct) != 1)
            return "The description is agreed before round 1 and may be revised in the discussion, not now.";
        await audit.AppendAsync(s, new AuditEntry(actor, Described, "study", id.ToString(), Json(study.MccDescription), Json(description), null), ct);
        await s.CommitAsync(ct);
        return null;
    }

    /// <summary>Invites a staff account with the Panelist or Committee role.</summary>
    public async Task<string?> InviteAsync(long id, string userName, string actor, CancellationToken ct = default)
    {
        await using var s = await db.BeginAsync(ct: ct);
        if (await studies.GetAsync(s, id, ct) is null) return "No such study.";
        if (await staff.FindAsync(s, userName.Trim(), ct) is not { IsDisabled: false } account
            || !account.Roles.Any(r => r is Roles.Panelist or Roles.Committee))
            return "Invite an active staff account with the Panelist or Committee role.";
        if (await studies.InviteAsync(s, id, account.UserName, actor, clock.GetUtcNow(), ct) != 1)
            return $"{account.UserName} is already on the panel, or the study is past setup.";
        await audit.AppendAsync(s, new AuditEntry(actor, Invited, "study", id.ToString(), null, Json(new { panelist = account.UserName }), null), ct);
        await s.CommitAsync(ct);
        return null;
    }

    /// <summary>Removes a panelist until round 1 closes; their ratings are discarded with them. Audited.</summary>
    public async Task<string?> RemoveAsync(long id, string userName, string actor, CancellationToken ct = default)
    {
        await using var s = await db.BeginAsync(ct: ct);
        if (await studies.GetAsync(s, id, ct) is null) return "No such study.";
        if (await studies.ClaimPanelAsync(s, id, ct) != 1) return StudyStages.RemoveClosed;
        // Read after the claim: the stage and the panel as the last removal or stage change left them.
        var stage = StudyStages.Parse((await studies.GetAsync(s, id, ct))!.Stage);
        var panel = await studies.PanelistsAsync(s, id, ct);
        if (panel.FirstOrDefault(p => p.UserName == userName) is not { } leaving) return $"{userName} is not on the panel.";
        if (StudyStages.CheckRemove(stage, panel.Count) is { } problem) return problem;
        if (await studies.RemovePanelistAsync(s, id, leaving.UserName, ct) is not { } discarded) return $"{userName} is not on the panel.";
        await audit.AppendAsync(s, new AuditEntry(actor, Removed, "study", id.ToString(),
            Json(new { panelist = leaving.UserName, stage = StudyStages.Code(stage), ratingsDiscarded = discarded }), null, null), ct);
        await s.CommitAsync(ct);
        return null;
    }

    /// <summary>Moves the study on from <paramref name="from"/> (the stage the facilitator saw) to the next stage.</summary>
    public async Task<string?> AdvanceAsync(long id, StudyStage from, string actor, CancellationToken ct = default)
    {
        await using var s = await db.BeginAsync(ct: ct);
        if (await studies.GetAsync(s, id, ct) is not { } study) return "No such study.";
        var stage = StudyStages.Parse(study.Stage);
        if (stage != from) return $"The study has moved on meanwhile: {StudyStages.Describe(stage)}.";
        var panel = await studies.PanelistsAsync(s, id, ct);
        var round = StudyStages.OpenRound(stage);
        var unfinished = round is { } r ? panel.Where(p => p.DoneAt(r) is null).Select(p => p.UserName).ToList() : [];
        if (StudyStages.CheckAdvance(stage, study.MccDescription, panel.Count, unfinished) is { } problem) return problem;
        var to = StudyStages.Next(stage)!.Value;
        var now = clock.GetUtcNow();
        if (await studies.AdvanceAsync(s, id, StudyStages.Code(stage), StudyStages.Code(to), StudyStages.MinPanelists, ct) != 1)
            return "The study changed meanwhile (a panelist or the stage); reload and try again.";
        if (to == StudyStage.Round2) await studies.CopyRoundOneAsync(s, id, now, ct);
        await audit.AppendAsync(s, new AuditEntry(actor, Advanced, "study", id.ToString(), Json(StudyStages.Code(stage)), Json(StudyStages.Code(to)), null), ct);
        await s.CommitAsync(ct);
        return null;
    }

    /// <summary>
    /// Saves one of the panelist's ratings in the open round (or their expected pass rate). The same save twice leaves the
    /// same state and the same answer, so a retry after a lost reply is harmless; the reply comes after the commit.
    /// </summary>
    public async Task<SaveOutcome> SaveAsync(long id, string userName, int? position, int? rating, int? expectedPass, CancellationToken ct = default)
    {
        if (position is null != rating is null || (position is null && expectedPass is null))
            return SaveOutcome.Refused(400, "Send a position with its rating, or the expected pass rate.");
        if (rating is { } value && StudyStages.CheckRating(value) is { } bad) return SaveOutcome.Refused(400, bad);
        if (expectedPass is { } pass && StudyStages.CheckExpectedPass(pass) is { } badPass) return SaveOutcome.Refused(400, badPass);
        await using var s = await db.BeginAsync(ct: ct);
        if (await studies.GetAsync(s, id, ct) is not { } study) return SaveOutcome.Refused(404, "No such study.");
        var stage = StudyStages.Parse(study.Stage);
        if (StudyStages.OpenRound(stage) is not { } round) return SaveOutcome.Refused(409, "No rating round is open in this study.");
        if (position is { } p && !(await ScoredPositionsAsync(s, study.FormId, ct)).Contains(p))
            return SaveOutcome.Refused(400, "There is no scored question at that position.");
        var now = clock.GetUtcNow();
        if (await studies.OpenForSaveAsync(s, id, userName, round, study.Stage, now, ct) != 1)
            return SaveOutcome.Refused(409, "You are not on this panel, or you have finished this round.");
        if (position is { } at) await studies.SaveRatingAsync(s, id, userName, round, at, rating!.Value, now, ct);
        if (expectedPass is { } percent) await studies.SaveExpectedPassAsync(s, id, userName, percent, ct);
        await s.CommitAsync(ct);
        return SaveOutcome.Ok;
    }

    /// <summary>The panelist says they have finished the open round: every item rated (and in round 2 the expected pass rate).</summary>
    public async Task<string?> FinishRoundAsync(long id, string userName, CancellationToken ct = default)
    {
        await using var s = await db.BeginAsync(ct: ct);
        if (await studies.GetAsync(s, id, ct) is not { } study) return "No such study.";
        if (StudyStages.OpenRound(StudyStages.Parse(study.Stage)) is not { } round) return "No rating round is open.";
        var items = (await ScoredPositionsAsync(s, study.FormId, ct)).Count;
        if (await studies.FinishRoundAsync(s, id, userName, round, study.Stage, items, clock.GetUtcNow(), ct) != 1)
            return round == 2
                ? "Rate every question and give the pass rate you expect before finishing round 2."
                : "Rate every question before finishing round 1.";
        await audit.AppendAsync(s, new AuditEntry(userName, RoundFinished, "study", id.ToString(), null, Json(new { round }), null), ct);
        await s.CommitAsync(ct);
        return null;
    }

    /// <summary>The panelist's own view, or null when they are not on the panel. Reads only.</summary>
    public async Task<PanelistView?> PanelistAsync(long id, string userName, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        if (await studies.GetAsync(s, id, ct) is not { } study) return null;
        if ((await studies.PanelistsAsync(s, id, ct)).FirstOrDefault(p => p.UserName == userName) is not { } me) return null;
        var stage = StudyStages.Parse(study.Stage);
        // Before round 2 opens, the panelist's own round-1 ratings; from round 2 on, their revisions.
        var round = StudyStages.OpenRound(stage) ?? (stage >= StudyStage.Round2 ? 2 : 1);
        var mine = (await studies.RatingsAsync(s, id, round, userName, ct)).ToDictionary(r => r.Position, r => r.Rating);
        var items = await ItemsAsync(s, study.FormId, mine, ct);
        // Others' ratings are never shown while a round is open to them: only from round 2 on, the round-1 spread without names.
        var spread = stage >= StudyStage.Round2 ? (await DiscussionAsync(s, study, ct)).ToDictionary(d => d.Spread.Position) : [];
        return new PanelistView(study, stage, StudyStages.OpenRound(stage), me, items, spread);
    }

    /// <summary>The facilitator's view. Ratings appear only aggregated, and only once round 1 is closed. Reads only.</summary>
    public async Task<FacilitatorView?> FacilitatorAsync(long id, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        if (await studies.GetAsync(s, id, ct) is not { } study) return null;
        var stage = StudyStages.Parse(study.Stage);
        var panel = await studies.PanelistsAsync(s, id, ct);
        var round = StudyStages.OpenRound(stage);
        var rated = round is { } r
            ? (await studies.RatingsAsync(s, id, r, null, ct)).GroupBy(x => x.UserName).ToDictionary(g => g.Key, g => g.Count())
            : new Dictionary<string, int>();
        var key = await keys.CurrentKeyAsync(s, study.FormId, ct);
        var scored = ScoredPositions(key);
        var discussion = stage >= StudyStage.Discussion ? await DiscussionAsync(s, study, ct) : [];
        var analysis = await analyses.RunAsync(study.FormId, null, ct);
        var rawScores = analysis is null ? [] : analysis.Data.Matrix.Rows.Select(row => analysis.Data.Matrix.Total(row)).ToList();
        StudyOutcome? outcome = null;
        if (stage >= StudyStage.Results)
        {
            var final = await studies.RatingsAsync(s, id, 2, null, ct);
            var ratings = panel.Select(p => new PanelistRatings(p.UserName,
                final.Where(x => x.UserName == p.UserName).ToDictionary(x => x.Position, x => (double)x.Rating))).ToList();
            outcome = StudyOutcomes.Compute(ratings, panel.Select(p => (double?)p.ExpectedPassPercent).ToList(), scored, rawScores);
        }
        var form = await content.GetAsync(study.FormId, ct);
        return new FacilitatorView(study, stage, panel, rated, scored.Count, discussion, outcome, rawScores.Count, key.Version,
            PassMark.Of(key, form.Definition.PartOne.CutPercent));
    }

    /// <summary>Who would change from pass to fail and back if the form took this raw cut. Reads only.</summary>
    public async Task<(IReadOnlyList<Rescore>? Changes, int KeyVersion, string? Error)> PreviewAdoptionAsync(long id, int rawCut, CancellationToken ct = default)
    {
        var (study, key, error) = await AdoptableAsync(id, rawCut, ct);
        if (error is not null) return (null, 0, error);
        var (_, changes) = await keys.DryRunCutAsync(study!.FormId, new CutScore(rawCut, ScoredPositions(key!).Count), ct);
        return (changes, key!.Version, null);
    }

    /// <summary>
    /// Adopts the raw cut for the study's form with a reason: a new key version carrying the cut, every Part One rescored,
    /// audited, in one transaction. When the form has results, the dry run must have been seen on the key version in force
    /// (<paramref name="previewedKeyVersion"/>), so no pass or fail changes without the committee having looked at it.
    /// </summary>
    public async Task<(IReadOnlyList<Rescore>? Changes, string? Error)> AdoptAsync(long id, int rawCut, string reason, int? previewedKeyVersion, string actor,
        CancellationToken ct = default)
    {
        reason = reason.Trim();
        if (string.IsNullOrWhiteSpace(reason)) return (null, "Give the reason for adopting this cut; it goes to the audit log.");
        if (reason.Length > FieldLimits.KeyCorrectionReason) return (null, $"Keep the reason within {FieldLimits.KeyCorrectionReason:N0} characters.");
        var (study, key, error) = await AdoptableAsync(id, rawCut, ct);
        if (error is not null) return (null, error);
        var hasResults = (await analyses.RunAsync(study!.FormId, null, ct)) is { Report.Test.N: > 0 };
        if (hasResults && previewedKeyVersion != key!.Version)
            return (null, "The form has results: preview who changes from pass to fail and back, then adopt from that preview.");
        var cut = new CutScore(rawCut, ScoredPositions(key!).Count);
        try
        {
            var changes = await keys.ApplyCutAsync(study.FormId, cut, reason, actor, async (s, innerCt) =>
            {
                var version = (await keys.CurrentKeyAsync(s, study.FormId, innerCt)).Version;
                // Checked inside the transaction: a correction since the preview, or another adoption, refuses this one.
                if (hasResults && version != previewedKeyVersion + 1) throw new StaleAdoption();
                if (await studies.AdoptAsync(s, id, cut.Raw, cut.OutOf, version, actor, reason, clock.GetUtcNow(), innerCt) != 1) throw new StaleAdoption();
                await audit.AppendAsync(s, new AuditEntry(actor, CutAdopted, "study", id.ToString(), null,
                    Json(new { form = study.FormId, cut = cut.Raw, outOf = cut.OutOf, keyVersion = version }), reason), innerCt);
            }, ct);
            return (changes, null);
        }
        catch (StaleAdoption)
        {
            return (null, "The study or the form's key changed meanwhile; preview again.");
        }
    }

    private sealed class StaleAdoption : Exception;

    private async Task<(StoredStudy? Study, ScoringKey? Key, string? Error)> AdoptableAsync(long id, int rawCut, CancellationToken ct)
    {
        await using var s = await db.OpenAsync(ct);
        if (await studies.GetAsync(s, id, ct) is not { } study) return (null, null, "No such study.");
        if (StudyStages.Parse(study.Stage) != StudyStage.Results) return (null, null, "A cut is adopted once, from a study's results.");
        var key = await keys.CurrentKeyAsync(s, study.FormId, ct);
        if (CutScore.Check(rawCut, ScoredPositions(key).Count) is { } problem) return (null, null, problem);
        return (study, key, null);
    }

    private async Task<IReadOnlyList<DiscussedItem>> DiscussionAsync(DbSession s, StoredStudy study, CancellationToken ct)
    {
        var panel = await studies.PanelistsAsync(s, study.Id, ct);
        var first = await studies.RatingsAsync(s, study.Id, 1, null, ct);
        var scored = await ScoredPositionsAsync(s, study.FormId, ct);
        var result = Angoff.Compute(panel.Select(p => new PanelistRatings(p.UserName,
            first.Where(x => x.UserName == p.UserName).ToDictionary(x => x.Position, x => (double)x.Rating))).ToList(), scored);
        var analysis = await analyses.RunAsync(study.FormId, null, ct);
        var stats = analysis is { Report.Test.N: > 0 } ? analysis.Report.Items.ToDictionary(i => i.Position) : [];
        var (pins, _) = await bank.FormPinsAsync(s, study.FormId, ct);
        var ids = new Dictionary<int, string>();
        foreach (var pin in pins) ids[pin.Position] = (await bank.GetItemVersionAsync(s, pin.ItemVersionId, ct))?.ItemId ?? "";
        return Angoff.WidestSpreadFirst(result)
            .Select(i => new DiscussedItem(i, ids.GetValueOrDefault(i.Position, ""), stats.TryGetValue(i.Position, out var st) ? st.P : null))
            .ToList();
    }

    private async Task<IReadOnlyList<RatedItem>> ItemsAsync(DbSession s, string formId, IReadOnlyDictionary<int, int> mine, CancellationToken ct)
    {
        var form = await content.GetAsync(formId, ct);
        var key = await keys.CurrentKeyAsync(s, formId, ct);
        var keyed = key.Items.Where(i => !i.Dropped).ToDictionary(i => i.ItemId, StringComparer.Ordinal);
        return form.PartOne.Where(q => keyed.ContainsKey(ExamContent.Position(q.Position)))
            .Select(q => new RatedItem(q.Position, q.StemHtml, q.Options, keyed[ExamContent.Position(q.Position)].Accepted,
                mine.TryGetValue(q.Position, out var r) ? r : null))
            .ToList();
    }

    private async Task<IReadOnlyList<int>> ScoredPositionsAsync(DbSession s, string formId, CancellationToken ct) =>
        ScoredPositions(await keys.CurrentKeyAsync(s, formId, ct));

    private static IReadOnlyList<int> ScoredPositions(ScoringKey key) =>
        key.Items.Where(i => !i.Dropped).Select(i => int.Parse(i.ItemId.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();

    private static string Json(object? value) => JsonSerializer.Serialize(value);
}
