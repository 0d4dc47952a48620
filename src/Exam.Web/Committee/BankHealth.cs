using Exam.Core.ItemBank;
using Exam.Core.ItemBank.Cues;
using Exam.Data.Database;
using Exam.Data.ItemBank;

namespace Exam.Web.Committee;

/// <summary>A published form's cue report (its Part One as pinned).</summary>
public sealed record FormHealth(string FormId, string Title, CueReport Report);

/// <summary>The bank's cue report (the latest version of every MCQ not retired) and each published form's.</summary>
public sealed record BankHealthReport(CueReport Bank, IReadOnlyList<FormHealth> Forms);

/// <summary>
/// The committee's "Bank health" page: how far a candidate with no knowledge gets on surface cues alone, for the bank
/// and for every published form, with the same definitions as <c>exam itembank cues</c>.
/// </summary>
public sealed class BankHealth(Db db, ItemBankStore store)
{
    public async Task<BankHealthReport> LoadAsync(CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var latest = await store.LatestItemVersionsAsync(s, ct);
        var bank = CueReport.Of(latest.Where(v => v.ItemStatus != ItemStatus.Retired).Select(v => v.Content));
        var versions = (await store.AllItemVersionsAsync(s, ct)).ToDictionary(v => v.Pin);
        var forms = (await store.ListFormsAsync(s, ct))
            .Where(f => f.FormStatus == FormStatus.Published)
            .OrderBy(f => f.Id, StringComparer.Ordinal)
            .Select(f => new FormHealth(f.Id, f.Title, CueReport.Of(f.Definition.PartOne.Items
                .Select(p => versions.GetValueOrDefault(p)).OfType<StoredItemVersion>().Select(v => v.Content))))
            .ToList();
        return new BankHealthReport(bank, forms);
    }
}
