using Exam.Core.Blueprint;
using Exam.Core.ItemBank;
using Exam.Core.ItemBank.Cues;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.ItemBank;
using Exam.ItemBank.Rendering;

namespace Exam.Web.Committee;

/// <summary>What the committee searches the bank by; every part optional. Codes as in the item files.</summary>
public sealed record ItemQuery(
    string? Text = null, string? Domain = null, string? Level = null, string? Designation = null, string? Status = null,
    string? EssaySet = null, string? Type = null, IReadOnlySet<string>? Ids = null);

/// <summary>An item as listed: its latest version and that version's content.</summary>
public sealed record ItemRow(StoredItemVersion Latest, ItemContent Content);

/// <summary>One page of a search, and how many items matched in all.</summary>
public sealed record ItemPage(IReadOnlyList<ItemRow> Rows, int Total);

/// <summary>Approved MCQs in a domain against what the default Part One blueprint needs of it.</summary>
public sealed record DomainSupply(CompetencyDomain Domain, int Approved, int Needed)
{
    public bool Enough => Approved >= Needed;
}

/// <summary>A review decision with the version it was made on.</summary>
public sealed record ReviewLine(int VersionNo, StoredItemReview Review);

/// <summary>Everything the item page shows.</summary>
public sealed record ItemView(
    StoredItemVersion Latest, ItemContent Content, string BodyHtml, IReadOnlyList<StoredItemVersion> Versions,
    IReadOnlyList<string> Approvers, IReadOnlyList<ReviewLine> Reviews, IReadOnlyList<AuditRecord> Activity,
    IReadOnlyList<string> PublishedForms, int RequiredReviewers, IReadOnlyList<string> Enemies)
{
    /// <summary>The latest version's strong cues (the cue report's rules), for an MCQ.</summary>
    public IReadOnlyList<StrongCue> CueWarnings { get; } = Content.Type == ItemType.Mcq ? ItemCues.Of(Content).StrongCues : [];

    /// <summary>
    /// The version new forms draw: the latest approved one, which need not be the latest; none when a later version is
    /// retired (as <see cref="ItemCatalog"/> draws them).
    /// </summary>
    public StoredItemVersion? ApprovedVersion =>
        Versions.Where(v => v.ItemStatus is ItemStatus.Approved or ItemStatus.Retired).MaxBy(v => v.VersionNo) is { ItemStatus: ItemStatus.Approved } v ? v : null;
}

/// <summary>The counts on the committee's home page.</summary>
public sealed record CommitteeSummary(IReadOnlyDictionary<ItemStatus, int> ItemsByStatus, IReadOnlyDictionary<FormStatus, int> FormsByStatus)
{
    public int Items => ItemsByStatus.Values.Sum();
    public int Forms => FormsByStatus.Values.Sum();
}

/// <summary>
/// Reads the bank for the committee: search, supply against the blueprint, the item page and version diffs. The
/// bank is hundreds of items whose content is canonical JSON, so filtering happens here rather than in SQL.
/// </summary>
public sealed class ItemCatalog(Db db, ItemBankStore store, AuditLog audit, ItemMarkdown markdown, ItemWorkflow workflow, BankBlueprintSource blueprints)
{
    public const int PageSize = 25;

    public async Task<ItemPage> SearchAsync(ItemQuery query, int pageNumber, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var matches = (await store.LatestItemVersionsAsync(s, ct))
            .Select(v => new ItemRow(v, v.Content))
            .Where(r => Matches(r, query))
            .ToList();
        return new ItemPage(matches.Skip(Math.Max(0, pageNumber) * PageSize).Take(PageSize).ToList(), matches.Count);
    }

    private static bool Matches(ItemRow row, ItemQuery q)
    {
        var c = row.Content;
        if (q.Text is { } text && !string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            if (!c.Id.Contains(t, StringComparison.OrdinalIgnoreCase) && !c.Body.Contains(t, StringComparison.OrdinalIgnoreCase)
                && !c.Options.Any(o => o.Text.Contains(t, StringComparison.OrdinalIgnoreCase)))
                return false;
        }
        if (q.Ids is { } ids && !ids.Contains(c.Id)) return false;
        if (Given(q.Domain) && !c.Domains.Contains(q.Domain!, StringComparer.Ordinal)) return false;
        if (Given(q.Level) && ItemBankCodes.Code(c.Level) != q.Level) return false;
        if (Given(q.Designation) && ItemBankCodes.Code(c.Designation) != q.Designation) return false;
        if (Given(q.Status) && row.Latest.Status != q.Status) return false;
        if (Given(q.Type) && ItemBankCodes.Code(c.Type) != q.Type) return false;
        if (Given(q.EssaySet) && (c.EssaySet is not { } set || ItemBankCodes.Code(set) != q.EssaySet)) return false;
        return true;
    }

    private static bool Given(string? filter) => !string.IsNullOrWhiteSpace(filter);

    /// <summary>Approved MCQs per domain (an MCQ counts toward its first domain) against the default Part One blueprint.</summary>
    public async Task<IReadOnlyList<DomainSupply>> SupplyAsync(CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var approved = await ApprovedLatestAsync(store, s, ItemType.Mcq, ct);
        var bank = await blueprints.CurrentAsync(s, ct);
        var blueprint = bank.PartOne.Blueprint;
        return bank.Domains
            .Select(d => new DomainSupply(d, approved.Count(a => a.Content.PrimaryDomain == d.Id), blueprint.CountFor(d.Id)))
            .ToList();
    }

    /// <summary>
    /// The latest approved version of each item of a type: what forms draw on. An item whose newest version is still
    /// a draft or in review keeps offering its approved one; an item whose newest decided version is retired offers
    /// nothing (retiring is about the item, not one wording of it).
    /// </summary>
    internal static async Task<IReadOnlyList<ItemRow>> ApprovedLatestAsync(ItemBankStore store, DbSession s, ItemType type, CancellationToken ct)
    {
        var rows = new List<ItemRow>();
        foreach (var group in (await store.AllItemVersionsAsync(s, ct))
                     .Where(v => v.ItemStatus is ItemStatus.Approved or ItemStatus.Retired)
                     .GroupBy(v => v.ItemId, StringComparer.Ordinal))
        {
            var decided = group.MaxBy(v => v.VersionNo)!;
            if (decided.ItemStatus != ItemStatus.Approved) continue;
            var content = decided.Content;
            if (content.Type == type) rows.Add(new ItemRow(decided, content));
        }
        return rows.OrderBy(r => r.Content.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<ItemView?> ViewAsync(string itemId, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var versions = await store.ItemVersionsAsync(s, itemId, ct);
        if (versions.Count == 0) return null;
        var latest = versions[^1];
        var reviews = new List<ReviewLine>();
        foreach (var v in versions)
            reviews.AddRange((await store.ReviewsAsync(s, v.Id, ct)).Select(r => new ReviewLine(v.VersionNo, r)));
        var approvers = reviews.Where(r => r.VersionNo == latest.VersionNo && r.Review.Decision == ReviewDecisions.Approved)
            .Select(r => r.Review.Reviewer).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var activity = await audit.RecentAsync(s, 200, subjectType: "item", subjectId: itemId, ct: ct);
        var content = latest.Content;
        return new ItemView(latest, content, markdown.Render(content.Body), versions, approvers,
            reviews.OrderByDescending(r => r.Review.Id).ToList(), activity,
            await store.PublishedFormsPinningAsync(s, itemId, ct), workflow.RequiredReviewers,
            (await new ItemEnemyStore(store.Clock).AllAsync(s, ct)).Of(itemId));
    }

    /// <summary>Two versions of an item by number, or null when either is missing.</summary>
    public async Task<(StoredItemVersion From, StoredItemVersion To, IReadOnlyList<StoredItemVersion> All)?> VersionsAsync(
        string itemId, int from, int to, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var versions = await store.ItemVersionsAsync(s, itemId, ct);
        var a = versions.FirstOrDefault(v => v.VersionNo == from);
        var b = versions.FirstOrDefault(v => v.VersionNo == to);
        return a is null || b is null ? null : (a, b, versions);
    }

    public async Task<CommitteeSummary> SummaryAsync(CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var latest = await store.LatestItemVersionsAsync(s, ct);
        var forms = await store.ListFormsAsync(s, ct);
        return new CommitteeSummary(
            Enum.GetValues<ItemStatus>().ToDictionary(st => st, st => latest.Count(v => v.ItemStatus == st)),
            Enum.GetValues<FormStatus>().ToDictionary(st => st, st => forms.Count(f => f.FormStatus == st)));
    }
}
