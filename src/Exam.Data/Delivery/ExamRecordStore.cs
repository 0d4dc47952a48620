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
    public async Task<ExamRecord?> GetAsync(DbSession s, long candidateId, long registrationId, CancellationToken ct = default)
    {
        using var grid = await s.QueryMultipleAsync(OfRegistration, new { CandidateId = candidateId, RegistrationId = registrationId }, ct);
        var candidate = await grid.ReadSingleOrDefaultAsync<Candidate>();
        var registration = await grid.ReadSingleOrDefaultAsync<Registration>();
        var sitting = await grid.ReadSingleOrDefaultAsync<Sitting>();
        var attempt = await grid.ReadSingleOrDefaultAsync<Attempt>();
        var parts = (await grid.ReadAsync<AttemptPart>()).ToList();
        return candidate is null || registration is null || sitting is null ? null : new ExamRecord(candidate, registration, sitting, attempt, parts);
    }
}
