using System.Collections.Concurrent;
using Exam.Core.ItemBank;
using Exam.Core.Scoring;
using Exam.Data.Database;
using Exam.Data.ItemBank;
using Exam.ItemBank.Rendering;

namespace Exam.Web.Delivery;

/// <summary>An option as a candidate sees it: its text only. Which option is keyed is not here.</summary>
public sealed record DeliveredOption(string Id, string Text);

/// <summary>A Part One question as delivered: the stem as sanitized HTML and the options' texts. No key, no rationale.</summary>
public sealed record DeliveredQuestion(int Position, long ItemVersionId, string StemHtml, IReadOnlyList<DeliveredOption> Options);

/// <summary>A Part Two prompt as delivered.</summary>
public sealed record DeliveredEssay(long ItemVersionId, string ItemId, EssaySet EssaySet, string PromptHtml);

/// <summary>What a form puts in front of candidates. It is built without the key, so no page can leak it.</summary>
public sealed record FormContent(
    string FormId, string Title, FormDefinition Definition, IReadOnlyList<DeliveredQuestion> PartOne,
    IReadOnlyDictionary<string, IReadOnlyList<DeliveredEssay>> PartTwoByTrack)
{
    public TrackEssays? Track(string track) => Definition.PartTwo.Tracks.FirstOrDefault(t => t.Track == track);

    public IReadOnlyList<DeliveredEssay> EssaysFor(string track) =>
        PartTwoByTrack.TryGetValue(track, out var essays) ? essays : [];
}

/// <summary>
/// Loads published forms once and keeps them: versions are immutable, so the rendered HTML never goes stale.
/// The scoring key is loaded by a separate call that only scoring uses.
/// </summary>
public sealed class ExamContent(Db db, ItemBankStore bank, ItemMarkdown markdown)
{
    private readonly ConcurrentDictionary<string, Task<FormContent>> _forms = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ScoringKey> _pinnedKeys = new(StringComparer.Ordinal);

    public Task<FormContent> GetAsync(string formId, CancellationToken ct = default) =>
        _forms.GetOrAdd(formId, id => LoadAsync(id, CancellationToken.None));

    /// <summary>
    /// Version 1 of the form's scoring key: the keys pinned in its item versions. A published (or retired) form's pins
    /// never change, so its key is read once per process, not on every submission (61 queries for a 60-item form).
    /// </summary>
    public async Task<ScoringKey> PinnedKeyAsync(string formId, CancellationToken ct = default)
    {
        if (_pinnedKeys.TryGetValue(formId, out var cached)) return cached;
        await using var s = await db.OpenAsync(ct);
        var form = await bank.GetFormAsync(s, formId, ct) ?? throw new InvalidOperationException($"No form '{formId}'.");
        var key = await ReadPinnedKeyAsync(s, formId, ct);
        if (form.FormStatus != FormStatus.Draft) _pinnedKeys.TryAdd(formId, key);
        return key;
    }

    private async Task<ScoringKey> ReadPinnedKeyAsync(DbSession s, string formId, CancellationToken ct)
    {
        var (partOne, _) = await bank.FormPinsAsync(s, formId, ct);
        var items = new List<KeyedItem>();
        foreach (var pin in partOne.OrderBy(p => p.Position))
        {
            var version = await bank.GetItemVersionAsync(s, pin.ItemVersionId, ct)
                ?? throw new InvalidOperationException($"Form {formId} pins a missing item version {pin.ItemVersionId}.");
            var content = version.Content;
            items.Add(KeyedItem.WithKey(Position(pin.Position), content.PrimaryDomain ?? "", content.Key!));
        }
        return new ScoringKey(1, items);
    }

    /// <summary>Answers and keys are matched by form position, written as "p1", "p2"...</summary>
    public static string Position(int position) => "p" + position;

    private async Task<FormContent> LoadAsync(string formId, CancellationToken ct)
    {
        try
        {
            await using var s = await db.OpenAsync(ct);
            var form = await bank.GetFormAsync(s, formId, ct) ?? throw new InvalidOperationException($"No form '{formId}'.");
            var (partOne, partTwo) = await bank.FormPinsAsync(s, formId, ct);
            var questions = new List<DeliveredQuestion>();
            foreach (var pin in partOne.OrderBy(p => p.Position))
            {
                var c = (await bank.GetItemVersionAsync(s, pin.ItemVersionId, ct))!.Content;
                questions.Add(new DeliveredQuestion(pin.Position, pin.ItemVersionId, markdown.Render(c.Body),
                    c.Options.Select(o => new DeliveredOption(o.Id, o.Text)).ToList()));
            }
            var essays = new Dictionary<string, IReadOnlyList<DeliveredEssay>>(StringComparer.Ordinal);
            foreach (var track in partTwo.GroupBy(e => e.Track))
            {
                var list = new List<DeliveredEssay>();
                foreach (var pin in track.OrderBy(e => e.Position))
                {
                    var c = (await bank.GetItemVersionAsync(s, pin.ItemVersionId, ct))!.Content;
                    list.Add(new DeliveredEssay(pin.ItemVersionId, c.Id, c.EssaySet!.Value, markdown.Render(c.Body)));
                }
                essays[track.Key] = list;
            }
            return new FormContent(form.Id, form.Title, form.Definition, questions, essays);
        }
        catch
        {
            _forms.TryRemove(formId, out _); // a failed load is not cached
            throw;
        }
    }
}
