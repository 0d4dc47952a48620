using Exam.Data.Database;

namespace Exam.Data.Scheduling;

/// <summary>A sitting: one published form delivered in a window, at a place (or remote), watched by a proctor.</summary>
public sealed record Sitting
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string FormId { get; init; } = "";
    public DateTimeOffset OpensAt { get; init; }
    public DateTimeOffset ClosesAt { get; init; }
    public string Location { get; init; } = "";
    /// <summary>The IANA id of the zone its times are entered and shown in; they are stored in UTC.</summary>
    public string TimeZone { get; init; } = "UTC";
    public long? ProctorUserId { get; init; }
    public bool RequiresAdmission { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public bool IsOpenAt(DateTimeOffset now) => now >= OpensAt && now < ClosesAt;
}

public sealed class SittingStore(TimeProvider clock)
{
    internal const string Columns = """
        id, title, form_id AS FormId, opens_at AS OpensAt, closes_at AS ClosesAt, location,
        proctor_user_id AS ProctorUserId, requires_admission AS RequiresAdmission, created_at AS CreatedAt, time_zone AS TimeZone
        """;

    private static readonly SqlStatement Insert = SqlStatement.Of(d => d.InsertReturningId("""
        INSERT INTO sittings (title, form_id, opens_at, closes_at, location, proctor_user_id, requires_admission, created_at, time_zone)
        VALUES (@Title, @FormId, @OpensAt, @ClosesAt, @Location, @ProctorUserId, @RequiresAdmission, @CreatedAt, @TimeZone)
        """));

    private static readonly SqlStatement ById = SqlStatement.Portable($"SELECT {Columns} FROM sittings WHERE id = @Id;");

    private static readonly SqlStatement All = SqlStatement.Portable($"SELECT {Columns} FROM sittings ORDER BY opens_at DESC, id DESC;");

    private static readonly SqlStatement ForProctor = SqlStatement.Portable(
        $"SELECT {Columns} FROM sittings WHERE proctor_user_id = @ProctorUserId ORDER BY opens_at DESC, id DESC;");

    public Task<long> CreateAsync(DbSession s, Sitting sitting, CancellationToken ct = default) =>
        s.ExecuteScalarAsync<long>(Insert, sitting with { CreatedAt = clock.GetUtcNow() }, ct);

    public Task<Sitting?> GetAsync(DbSession s, long id, CancellationToken ct = default) =>
        s.QuerySingleOrDefaultAsync<Sitting>(ById, new { Id = id }, ct);

    public async Task<IReadOnlyList<Sitting>> ListAsync(DbSession s, CancellationToken ct = default) =>
        (await s.QueryAsync<Sitting>(All, ct: ct)).ToList();

    public async Task<IReadOnlyList<Sitting>> ForProctorAsync(DbSession s, long proctorUserId, CancellationToken ct = default) =>
        (await s.QueryAsync<Sitting>(ForProctor, new { ProctorUserId = proctorUserId }, ct)).ToList();
}
