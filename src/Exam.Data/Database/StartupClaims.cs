namespace Exam.Data.Database;

/// <summary>Where a one-time start-up task stands.</summary>
public sealed record StartupClaim
{
    public string ClaimedBy { get; init; } = "";
    public DateTimeOffset ClaimedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
}

/// <summary>
/// One-time start-up work that every node would otherwise do at once (seeding a new demo database): the node whose
/// claim is inserted does it, the others wait for it to be completed. A claim left uncompleted past its lease (its node
/// died) can be taken over. Each step is one conditional statement whose row count decides, on both providers.
/// </summary>
public sealed class StartupClaims
{
    private static readonly SqlStatement Claim = SqlStatement.Of(d => $"""
        INSERT INTO startup_claims (name, claimed_by, claimed_at)
        SELECT @Name, @Owner, @At
        WHERE NOT EXISTS (SELECT 1 FROM startup_claims{(d.Provider == DatabaseProvider.SqlServer ? " WITH (UPDLOCK, HOLDLOCK)" : "")} WHERE name = @Name);
        """);

    private static readonly SqlStatement TakeOver = SqlStatement.Portable("""
        UPDATE startup_claims SET claimed_by = @Owner, claimed_at = @At
        WHERE name = @Name AND completed_at IS NULL AND claimed_at < @StaleBefore;
        """);

    private static readonly SqlStatement Complete = SqlStatement.Portable(
        "UPDATE startup_claims SET completed_at = @At WHERE name = @Name AND claimed_by = @Owner AND completed_at IS NULL;");

    private static readonly SqlStatement Get = SqlStatement.Portable(
        "SELECT claimed_by AS ClaimedBy, claimed_at AS ClaimedAt, completed_at AS CompletedAt FROM startup_claims WHERE name = @Name;");

    /// <summary>True when this owner now holds the task: nobody had claimed it, or the last claim outlived its lease.</summary>
    public async Task<bool> TryClaimAsync(DbSession s, string name, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken ct = default) =>
        await s.ExecuteAsync(Claim, new { Name = name, Owner = owner, At = now }, ct) == 1
        || await s.ExecuteAsync(TakeOver, new { Name = name, Owner = owner, At = now, StaleBefore = now - lease }, ct) == 1;

    /// <summary>Marks the task done; false when this owner no longer holds it (it was taken over).</summary>
    public async Task<bool> CompleteAsync(DbSession s, string name, string owner, DateTimeOffset now, CancellationToken ct = default) =>
        await s.ExecuteAsync(Complete, new { Name = name, Owner = owner, At = now }, ct) == 1;

    public Task<StartupClaim?> GetAsync(DbSession s, string name, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<StartupClaim>(Get, new { Name = name }, ct);
}
