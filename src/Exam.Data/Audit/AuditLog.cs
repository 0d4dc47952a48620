using Exam.Core;
using Exam.Core.Audit;
using Exam.Data.Database;

namespace Exam.Data.Audit;

/// <summary>A stored audit line.</summary>
public sealed record AuditRecord
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public string Actor { get; init; } = "";
    public string Action { get; init; } = "";
    public string SubjectType { get; init; } = "";
    public string? SubjectId { get; init; }
    public string? BeforeJson { get; init; }
    public string? AfterJson { get; init; }
    public string? Detail { get; init; }
}

/// <summary>
/// The append-only audit log. Write it inside the transaction of the change it records. The actor is whoever acted,
/// or what someone typed at a failed sign-in: that is clipped to the column (FieldLimits.AuditActor), so a 10,000
/// character "user name" is recorded, marked as cut, instead of failing the sign-in on SQL Server.
/// </summary>
public sealed class AuditLog(TimeProvider clock)
{
    private static readonly SqlStatement Insert = SqlStatement.Portable("""
        INSERT INTO audit_log (at, actor, action, subject_type, subject_id, before_json, after_json, detail)
        VALUES (@At, @Actor, @Action, @SubjectType, @SubjectId, @BeforeJson, @AfterJson, @Detail);
        """);

    private static readonly SqlStatement Recent = SqlStatement.Of(d => d.Page("""
        SELECT id, at, actor, action, subject_type AS SubjectType, subject_id AS SubjectId,
               before_json AS BeforeJson, after_json AS AfterJson, detail
        FROM audit_log
        WHERE (@Action IS NULL OR action = @Action) AND (@SubjectType IS NULL OR subject_type = @SubjectType)
          AND (@SubjectId IS NULL OR subject_id = @SubjectId)
        ORDER BY id DESC
        """));

    public Task AppendAsync(DbSession session, AuditEntry entry, CancellationToken ct = default) =>
        session.ExecuteAsync(Insert, new
        {
            At = clock.GetUtcNow(),
            Actor = FieldLimits.Clip(entry.Actor, FieldLimits.AuditActor),
            entry.Action,
            entry.SubjectType,
            entry.SubjectId,
            entry.BeforeJson,
            entry.AfterJson,
            entry.Detail,
        }, ct);

    public async Task<IReadOnlyList<AuditRecord>> RecentAsync(
        DbSession session, int take = 100, int skip = 0, string? action = null, string? subjectType = null,
        string? subjectId = null, CancellationToken ct = default) =>
        (await session.QueryAsync<AuditRecord>(Recent,
            new { Take = take, Skip = skip, Action = action, SubjectType = subjectType, SubjectId = subjectId }, ct)).ToList();
}
