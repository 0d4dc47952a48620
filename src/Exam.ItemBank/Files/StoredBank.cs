using Exam.Data.Database;
using Exam.Data.ItemBank;

namespace Exam.ItemBank.Files;

/// <summary>
/// What the database already holds, for the checks files alone cannot make: pins to earlier versions, status moves
/// of stored versions, and published forms that must not change.
/// </summary>
public sealed class StoredBank
{
    private readonly Dictionary<(string, string), StoredItemVersion> _items;
    private readonly Dictionary<(string, string), StoredRubricVersion> _rubrics;
    private readonly Dictionary<string, StoredForm> _forms;

    public StoredBank(IEnumerable<StoredItemVersion> items, IEnumerable<StoredRubricVersion> rubrics, IEnumerable<StoredForm> forms)
    {
        _items = items.ToDictionary(v => (v.ItemId, v.ContentHash));
        _rubrics = rubrics.ToDictionary(v => (v.RubricId, v.ContentHash));
        _forms = forms.ToDictionary(f => f.Id, StringComparer.Ordinal);
    }

    public static StoredBank Empty { get; } = new([], [], []);

    public static async Task<StoredBank> LoadAsync(ItemBankStore store, DbSession s, CancellationToken ct = default) =>
        new(await store.AllItemVersionsAsync(s, ct), await store.AllRubricVersionsAsync(s, ct), await store.ListFormsAsync(s, ct));

    public StoredItemVersion? ItemVersion(string itemId, string hash) => _items.GetValueOrDefault((itemId, hash));

    public StoredRubricVersion? RubricVersion(string rubricId, string hash) => _rubrics.GetValueOrDefault((rubricId, hash));

    public StoredForm? Form(string id) => _forms.GetValueOrDefault(id);

    public bool HasItem(string id) => _items.Keys.Any(k => k.Item1 == id);

    public bool HasRubric(string id) => _rubrics.Keys.Any(k => k.Item1 == id);
}
