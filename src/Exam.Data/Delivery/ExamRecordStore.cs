using System.Data.Common;
using Exam.Data.Accounts;
using Exam.Data.Database;
using Exam.Data.Scheduling;

namespace Exam.Data.Delivery;

/// <summary>What an exam page starts from: the candidate, their registration and its sitting, and the attempt with its parts.</summary>
public sealed record ExamRecord(Candidate Candidate, Registration Registration, Sitting Sitting, Attempt? Attempt, IReadOnlyList<AttemptPart> Parts);

/// <summary>
/// Reads an <see cref="ExamRecord"/> in one round trip. Every exam page and every click of a room starting together
/// begins here, so the five reads it used to make one after another are sent as one batch.
/// </summary>
public sealed class ExamRecordStore
{
    // The registration counts only when it is the candidate's own: its id comes from the sign-in cookie.
    private static readonly SqlStatement OfRegistration = SqlStatement.Portable($"""
        SELECT {CandidateStore.Columns} FROM candidates WHERE id = @CandidateId;
        SELECT {RegistrationStore.Columns} FROM registrations WHERE id = @RegistrationId AND candidate_id = @CandidateId;
        SELECT {SittingStore.Columns} FROM sittings
        WHERE id = (SELECT sitting_id FROM registrations WHERE id = @RegistrationId AND candidate_id = @CandidateId);
        SELECT {AttemptStore.Columns} FROM attempts WHERE registration_id = @RegistrationId;
        SELECT {AttemptStore.PartColumns} FROM attempt_parts
        WHERE attempt_id = (SELECT id FROM attempts WHERE registration_id = @RegistrationId) ORDER BY part;
        """);

    /// <summary>The record of the candidate's registration; null when the candidate, the registration (or it is not theirs) or its sitting is missing.</summary>
    public Task<ExamRecord?> GetAsync(DbSession s, long candidateId, long registrationId, CancellationToken ct = default) =>
        s.ReadAsync(OfRegistration, [new("@CandidateId", candidateId), new("@RegistrationId", registrationId)], ReadAsync, ct);

    // Mapped by position, in the order of each store's Columns: every click of a room starting together reads this,
    // and Dapper would match all 58 columns by name on every call (a sixth of the read's CPU). A null column keeps
    // the record's default, as Dapper leaves it. The Data tests compare each part with its store's own read.
    private static async Task<ExamRecord?> ReadAsync(DbDataReader reader, CancellationToken ct)
    {
        var row = new ColumnReader(reader);
        var candidate = await reader.ReadAsync(ct) ? Candidate(row) : null;
        await reader.NextResultAsync(ct);
        var registration = await reader.ReadAsync(ct) ? Registration(row) : null;
        await reader.NextResultAsync(ct);
        var sitting = await reader.ReadAsync(ct) ? Sitting(row) : null;
        await reader.NextResultAsync(ct);
        var attempt = await reader.ReadAsync(ct) ? Attempt(row) : null;
        await reader.NextResultAsync(ct);
        var parts = new List<AttemptPart>(2);
        while (await reader.ReadAsync(ct)) parts.Add(Part(row));
        return candidate is null || registration is null || sitting is null ? null : new ExamRecord(candidate, registration, sitting, attempt, parts);
    }

    private static Candidate Candidate(ColumnReader c) => new()
    {
        Id = c.Int64At(0), CandidateNumber = c.TextOrNullAt(1) ?? "", FullName = c.TextOrNullAt(2) ?? "", Email = c.TextOrNullAt(3) ?? "",
        Association = c.TextOrNullAt(4) ?? "", Track = c.TextOrNullAt(5) ?? "", Notes = c.TextOrNullAt(6), FailedCount = c.IsNull(7) ? 0 : c.Int32At(7),
        LockedUntil = c.InstantOrNullAt(8), CreatedAt = c.InstantAt(9),
    };

    private static Registration Registration(ColumnReader c) => new()
    {
        Id = c.Int64At(0), CandidateId = c.Int64At(1), SittingId = c.Int64At(2), SitPartOne = c.BooleanAt(3), SitPartTwo = c.BooleanAt(4),
        ExtraTimePartOne = c.Int32At(5), ExtraTimePartTwo = c.Int32At(6), RestBreaks = c.TextOrNullAt(7), SeparateRoom = c.BooleanAt(8),
        BreakCount = c.Int32At(9), BreakMinutes = c.Int32At(10), RetakeOverride = c.TextOrNullAt(11), CreatedAt = c.InstantAt(12),
    };

    private static Sitting Sitting(ColumnReader c) => new()
    {
        Id = c.Int64At(0), Title = c.TextOrNullAt(1) ?? "", FormId = c.TextOrNullAt(2) ?? "", OpensAt = c.InstantAt(3), ClosesAt = c.InstantAt(4),
        Location = c.TextOrNullAt(5) ?? "", ProctorUserId = c.Int64OrNullAt(6), RequiresAdmission = c.BooleanAt(7), CreatedAt = c.InstantAt(8),
        TimeZone = c.TextOrNullAt(9) ?? "UTC",
    };

    private static Attempt Attempt(ColumnReader c) => new()
    {
        Id = c.Int64At(0), RegistrationId = c.Int64At(1), Seed = c.Int64At(2), Status = c.TextOrNullAt(3) ?? "", SessionId = c.TextOrNullAt(4) ?? "",
        CurrentPart = c.Int32At(5), CurrentPosition = c.Int32At(6), LastSeq = c.Int64At(7), LastSavedAt = c.InstantOrNullAt(8),
        RulesAcceptedAt = c.InstantOrNullAt(9), AdmittedAt = c.InstantOrNullAt(10), AdmittedBy = c.TextOrNullAt(11), EndedAt = c.InstantOrNullAt(12),
        EndReason = c.TextOrNullAt(13), CreatedAt = c.InstantAt(14),
    };

    private static AttemptPart Part(ColumnReader c) => new()
    {
        AttemptId = c.Int64At(0), Part = c.Int32At(1), StartedAt = c.InstantAt(2), Deadline = c.InstantAt(3), PausedSince = c.InstantOrNullAt(4),
        ExtendedSeconds = c.Int32At(5), PausedSeconds = c.Int32At(6), SubmittedAt = c.InstantOrNullAt(7), SubmitReason = c.TextOrNullAt(8),
        ReceiptCode = c.TextOrNullAt(9),
    };
}
