using Exam.Data.Database;

namespace Exam.Data.ItemBank;

/// <summary>One saved version of the bank's blueprint document (the text of <c>blueprint.yaml</c>).</summary>
public sealed record StoredBankBlueprint
{
    public int Version { get; init; }
    public string Document { get; init; } = "";
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// The bank blueprint's versions: append-only, the highest current. A save names the version it was based on and
/// lands only if that is still the current one, so two committee members' edits never overwrite each other silently.
/// </summary>
public sealed class BankBlueprintStore(TimeProvider clock)
{
    private static readonly SqlStatement CurrentVersion = SqlStatement.Portable("SELECT COALESCE(MAX(version), 0) FROM bank_blueprints;");

    private static readonly SqlStatement Current = SqlStatement.Portable("""
        SELECT version, document, created_by AS CreatedBy, created_at AS CreatedAt
        FROM bank_blueprints WHERE version = (SELECT MAX(version) FROM bank_blueprints);
        """);

    // Inserts version @Based + 1 only while @Based is still the highest version (the primary key refuses a racing twin).
    private static readonly SqlStatement InsertNext = SqlStatement.Portable("""
        INSERT INTO bank_blueprints (version, document, created_by, created_at)
        SELECT @Based + 1, @Document, @CreatedBy, @CreatedAt
        WHERE (SELECT COALESCE(MAX(version), 0) FROM bank_blueprints) = @Based;
        """);

    /// <summary>0 when nothing is saved yet (the app then reads the shipped file).</summary>
    public Task<int> CurrentVersionAsync(DbSession s, CancellationToken ct = default) => s.ExecuteScalarAsync<int>(CurrentVersion, ct: ct);

    public Task<StoredBankBlueprint?> CurrentAsync(DbSession s, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<StoredBankBlueprint>(Current, ct: ct);

    /// <summary>Saves the document as the version after <paramref name="basedOn"/>; false when another save came first.</summary>
    public async Task<bool> SaveAsync(DbSession s, int basedOn, string document, string actor, CancellationToken ct = default)
    {
        try
        {
            return await s.ExecuteAsync(InsertNext,
                new { Based = basedOn, Document = document, CreatedBy = actor, CreatedAt = clock.GetUtcNow() }, ct) == 1;
        }
        catch (System.Data.Common.DbException e) when (DbErrors.IsUniqueViolation(e))
        {
            return false;
        }
    }
}
