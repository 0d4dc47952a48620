using Exam.Core.Accounts;
using Exam.Data.Database;

namespace Exam.Data.Accounts;

/// <summary>Sign-ins ended on the server: written where they end, read by every node into memory now and then.</summary>
public sealed class SessionEndStore
{
    private static readonly SqlStatement Insert = SqlStatement.Portable("""
        INSERT INTO session_ends (principal_kind, principal_id, sign_in_id, device_session, ended_at, reason)
        VALUES (@Kind, @PrincipalId, @SignInId, @DeviceSession, @EndedAt, @Reason);
        """);

    private static readonly SqlStatement Since = SqlStatement.Portable("""
        SELECT principal_kind AS Kind, principal_id AS PrincipalId, sign_in_id AS SignInId, device_session AS DeviceSession,
               ended_at AS EndedAt, reason AS Reason
        FROM session_ends WHERE ended_at >= @Since;
        """);

    public Task AddAsync(DbSession s, SessionEnd end, CancellationToken ct = default) =>
        s.ExecuteAsync(Insert, new { end.Kind, end.PrincipalId, end.SignInId, end.DeviceSession, end.EndedAt, end.Reason }, ct);

    /// <summary>Ends recorded at or after <paramref name="since"/>.</summary>
    public async Task<IReadOnlyList<SessionEnd>> SinceAsync(DbSession s, DateTimeOffset since, CancellationToken ct = default) =>
        (await s.QueryAsync<Row>(Since, new { Since = since }, ct))
        .Select(r => new SessionEnd(r.Kind, r.PrincipalId, r.SignInId, r.DeviceSession, r.EndedAt, r.Reason)).ToList();

    internal sealed record Row
    {
        public string Kind { get; init; } = "";
        public long PrincipalId { get; init; }
        public string? SignInId { get; init; }
        public string? DeviceSession { get; init; }
        public DateTimeOffset EndedAt { get; init; }
        public string Reason { get; init; } = "";
    }
}
