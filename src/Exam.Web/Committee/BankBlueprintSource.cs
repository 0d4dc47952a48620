using Exam.Core.Blueprint;
using Exam.Data.Database;
using Exam.Data.ItemBank;
using Exam.ItemBank.Files;
using Exam.Web.Demo;

namespace Exam.Web.Committee;

/// <summary>
/// The bank's current blueprint (domains, tracks, default Part One): the committee's latest saved version in the
/// database, else the shipped <c>itembank/blueprint.yaml</c>. Parsed once per version; every node reads the version
/// number from the database, so a save on one node is seen on all.
/// </summary>
public sealed class BankBlueprintSource(Db db, BankBlueprintStore store, IConfiguration config, IWebHostEnvironment env)
{
    private readonly Lock _gate = new();
    private (int Version, BankBlueprint Blueprint)? _cached;

    public async Task<BankBlueprint> CurrentAsync(CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        return await CurrentAsync(s, ct);
    }

    public async Task<BankBlueprint> CurrentAsync(DbSession s, CancellationToken ct = default)
    {
        var version = await store.CurrentVersionAsync(s, ct);
        lock (_gate)
            if (_cached is { } c && c.Version == version) return c.Blueprint;
        BankBlueprint blueprint;
        if (version == 0)
        {
            blueprint = Parse(ShippedText(), "itembank/" + BankBlueprintParser.FileName);
        }
        else
        {
            var stored = await store.CurrentAsync(s, ct) ?? throw new InvalidOperationException("the bank blueprint vanished while it was read");
            version = stored.Version;
            blueprint = Parse(stored.Document, $"stored blueprint version {stored.Version}");
        }
        lock (_gate) _cached = (version, blueprint);
        return blueprint;
    }

    /// <summary>The text the committee edits: the latest saved version's, else the shipped file's.</summary>
    public async Task<(int Version, string Text)> TextAsync(DbSession s, CancellationToken ct = default) =>
        await store.CurrentAsync(s, ct) is { } stored ? (stored.Version, stored.Document) : (0, ShippedText());

    private string ShippedText() =>
        ParsedBlueprint.Normalize(File.ReadAllText(Path.Join(ItemBankLocation.Find(config, env.ContentRootPath), BankBlueprintParser.FileName)));

    private static BankBlueprint Parse(string text, string name)
    {
        var (blueprint, problems) = BankBlueprintParser.ParseText(text, name);
        return blueprint ?? throw new InvalidOperationException(
            $"the bank blueprint ({name}) cannot be read: {string.Join("; ", problems.Select(p => $"line {p.Line}: {p.Message}"))}");
    }
}
