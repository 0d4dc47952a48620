using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Exam.Core.ItemBank;
using Exam.Data.Audit;
using Exam.Data.ItemBank;
using Exam.ItemBank.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Fixtures;

/// <summary>
/// Items, rubrics and forms made for one test on the test's own database, through the item bank's stores, workflow
/// service and importer, with ids no other test uses.
/// </summary>
public static partial class CommitteeBank
{
    public static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private static readonly ConditionalWeakTable<ExamAppFactory, ConcurrentDictionary<string, Task<Browserless>>> Sessions = [];

    /// <summary>
    /// A demo login signed in once per app and reused by the tests of a class (they run one at a time): signing in
    /// hashes a password, the slowest step of a page test.
    /// </summary>
    public static Task<Browserless> SessionAsync(this ExamAppFactory app, string userName) =>
        Sessions.GetOrCreateValue(app).GetOrAdd(userName, app.SignedInAsync);

    public static ItemContent Mcq(string id, string domain = "reflection", string author = "item-writer", string key = "B", string? body = null) => new()
    {
        Id = id, Type = ItemType.Mcq, Level = Level.Both, Designation = Designation.A, Domains = [domain], Author = author,
        References = ["Weatherston, D. J. (2000). The infant mental health specialist. Zero to Three, 21(2), 3-10."],
        Key = key, Body = body ?? $"A mother of a 7-month-old says she freezes when the baby cries ({id}).\n\nWhich response is best?",
        Options = "ABCD".Select(l => new ItemOption(l.ToString(), $"Option {l} of {id}", $"Why {l} for {id}.")).ToList(),
    };

    public static async Task<StoredItemVersion> AddAsync(this ExamAppFactory app, ItemContent content, ItemStatus status = ItemStatus.Approved, string? approver = "committee-chair")
    {
        var store = app.Services.GetRequiredService<ItemBankStore>();
        await using var s = await app.Db.BeginAsync();
        var version = await store.AddItemVersionAsync(s, content, status);
        if (status is ItemStatus.Approved or ItemStatus.Retired && approver is not null)
            await store.AddReviewAsync(s, version.Id, approver, ReviewDecisions.Approved, "test setup");
        await s.CommitAsync();
        return version;
    }

    public static async Task<StoredItemVersion> McqAsync(this ExamAppFactory app, string? id = null, string domain = "reflection",
        ItemStatus status = ItemStatus.Approved, string author = "item-writer", string? body = null) =>
        await app.AddAsync(Mcq(id ?? "t" + Tag(), domain, author, body: body), status);

    public static async Task<StoredItemVersion?> LatestAsync(this ExamAppFactory app, string itemId)
    {
        await using var s = await app.Db.OpenAsync();
        return await app.Services.GetRequiredService<ItemBankStore>().LatestItemVersionAsync(s, itemId);
    }

    public static async Task<IReadOnlyList<StoredItemVersion>> VersionsAsync(this ExamAppFactory app, string itemId)
    {
        await using var s = await app.Db.OpenAsync();
        return await app.Services.GetRequiredService<ItemBankStore>().ItemVersionsAsync(s, itemId);
    }

    public static async Task<StoredForm> FormAsync(this ExamAppFactory app, string formId)
    {
        await using var s = await app.Db.OpenAsync();
        return (await app.Services.GetRequiredService<ItemBankStore>().GetFormAsync(s, formId))!;
    }

    /// <summary>A published form pinning the given MCQ versions in Part One (and nothing in Part Two), made through the store.</summary>
    public static async Task<string> PublishedFormPinningAsync(this ExamAppFactory app, params StoredItemVersion[] items)
    {
        var id = "pf-" + Tag();
        var store = app.Services.GetRequiredService<ItemBankStore>();
        await using var s = await app.Db.BeginAsync();
        await store.CreateFormAsync(s, new FormDefinition
        {
            Id = id, Title = "Published " + id,
            PartOne = new PartOneDefinition
            {
                Blueprint = new ItemBlueprint(items.GroupBy(i => i.Content.PrimaryDomain!).Select(g => new KeyValuePair<string, int>(g.Key, g.Count()))),
                Items = items.Select(i => i.Pin).ToList(),
            },
        });
        await store.SetFormPinsAsync(s, id, items.Select(i => i.Id).ToList(), []);
        await store.SetFormStatusAsync(s, id, FormStatus.Published, "test-setup");
        await s.CommitAsync();
        return id;
    }

    /// <summary>Imports the repository's itembank/ folder (all or nothing; nothing new the second time).</summary>
    public static async Task ImportItemBankAsync(this ExamAppFactory app)
    {
        var importer = new ItemBankImporter(app.Db, app.Services.GetRequiredService<ItemBankStore>(), app.Services.GetRequiredService<AuditLog>());
        var result = await importer.ImportAsync(RepositoryItemBank, "admin"); // a demo staff account: an import is audited under a real one
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
    }

    public static string RepositoryItemBank
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Exam.sln"))) return Path.Combine(dir.FullName, "itembank");
            throw new InvalidOperationException("Exam.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The fields of the edit form for a version, as the page fills them, with changes applied.</summary>
    public static List<KeyValuePair<string, string>> EditFields(StoredItemVersion version, Action<Dictionary<string, string>>? change = null)
    {
        var c = version.Content;
        var fields = new Dictionary<string, string>
        {
            ["Input.BaseVersion"] = version.ContentHash,
            ["Input.Body"] = c.Body,
            ["Input.PrimaryDomain"] = c.Domains[0],
            ["Input.Level"] = ItemBankCodes.Code(c.Level),
            ["Input.Designation"] = ItemBankCodes.Code(c.Designation),
            ["Input.References"] = string.Join("\n", c.References),
        };
        if (c.Type == ItemType.Mcq)
        {
            fields["Input.Key"] = c.Key!;
            for (var i = 0; i < c.Options.Count; i++)
            {
                fields[$"Input.Options[{i}].Text"] = c.Options[i].Text;
                fields[$"Input.Options[{i}].Rationale"] = c.Options[i].Rationale;
            }
        }
        else
        {
            fields["Input.EssaySet"] = ItemBankCodes.Code(c.EssaySet!.Value);
            fields["Input.Rubric"] = c.Rubric!;
        }
        change?.Invoke(fields);
        var list = fields.ToList();
        list.AddRange(c.Domains.Skip(1).Select(d => new KeyValuePair<string, string>("Input.OtherDomains", d)));
        return list;
    }

    /// <summary>Posts a review step on an item's page as the browser's user.</summary>
    public static async Task<(HttpResponseMessage Response, string Body)> ReviewAsync(
        this Browserless browser, ExamAppFactory app, string itemId, string handler, string? comment = null, bool confirm = false)
    {
        var latest = await app.LatestAsync(itemId);
        var fields = new List<KeyValuePair<string, string>> { new("Version", latest!.ContentHash), new("Comment", comment ?? "") };
        if (confirm) fields.Add(new("Confirm", "true"));
        return await browser.PostFormAsync($"/Committee/Items/Details/{itemId}", fields, $"/Committee/Items/Details/{itemId}?handler={handler}");
    }

    /// <summary>Follows a redirect (as the browser would) and returns the page it lands on.</summary>
    public static async Task<string> FollowAsync(this Browserless browser, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, html) = await browser.GetAsync(response.Headers.Location!.OriginalString);
        return html;
    }

    public static string Text(string html) => WebUtility.HtmlDecode(Tags().Replace(html, " "));

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}

/// <summary>The app with the repository's item bank imported once, for a class of tests that build forms on it.</summary>
public sealed class ItemBankAppFactory : ExamAppFactory, IAsyncLifetime
{
    public Task InitializeAsync() => this.ImportItemBankAsync();

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}
