using System.Net.Mail;
using System.Text.Json;
using Exam.Core;
using Exam.Core.Audit;
using Exam.Core.Blueprint;
using Exam.Core.Scheduling;
using Exam.Data.Accounts;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.Delivery;
using Exam.Data.Scheduling;

namespace Exam.Web.Scheduling;

/// <summary>What a coordinator types for a candidate's record.</summary>
public sealed record CandidateInput(string? FullName, string? Email, string? Association, string? Track, string? Notes)
{
    /// <summary>Trimmed, blank notes as null.</summary>
    public CandidateInput Normalized() => new(
        FullName?.Trim() ?? "", Email?.Trim() ?? "", Association?.Trim() ?? "", Track?.Trim() ?? "",
        string.IsNullOrWhiteSpace(Notes) ? null : Notes.Trim());
}

/// <summary>A candidate's record page: the record, its registrations with their code state, and its attempts.</summary>
public sealed record CandidateRecordView(
    Candidate Candidate, IReadOnlyList<RegistrationSummary> Registrations, IReadOnlyDictionary<long, StoredAccessCode> LiveCodes,
    IReadOnlyList<Attempt> Attempts);

/// <summary>Creates and changes candidate records; every change is audited with its before and after.</summary>
public sealed class CandidateRecords(
    Db db, CandidateStore candidates, RegistrationStore registrations, AttemptStore attempts, AuditLog audit, Committee.BankBlueprintSource blueprints)
{
    public const int MaxNameLength = FieldLimits.PersonName;
    public const int MaxEmailLength = FieldLimits.Email;
    public const int MaxAssociationLength = FieldLimits.Association;
    public const int MaxNotesLength = FieldLimits.CandidateNotes;

    /// <summary>The first problem with the input, or null.</summary>
    public static string? Check(CandidateInput input, BankBlueprint bank)
    {
        if (string.IsNullOrEmpty(input.FullName) || input.FullName.Length > MaxNameLength)
            return $"Enter the candidate's full name (up to {MaxNameLength} characters).";
        if (string.IsNullOrEmpty(input.Email) || input.Email.Length > MaxEmailLength
            || !MailAddress.TryCreate(input.Email, out var address) || address.Address != input.Email)
            return "Enter an email address such as name@example.org.";
        if (string.IsNullOrEmpty(input.Association) || input.Association.Length > MaxAssociationLength)
            return $"Enter the candidate's IMH association (up to {MaxAssociationLength} characters).";
        if (input.Track is null || !bank.IsKnownTrack(input.Track))
            return $"Choose a track: {string.Join(", ", bank.Tracks.Select(t => t.Id))}.";
        if (input.Notes is { Length: > MaxNotesLength })
            return $"Notes can have up to {MaxNotesLength} characters.";
        return null;
    }

    public async Task<(long? Id, string? CandidateNumber, string? Error)> CreateAsync(string actor, CandidateInput input, CancellationToken ct = default)
    {
        input = input.Normalized();
        if (Check(input, await blueprints.CurrentAsync(ct)) is { } error) return (null, null, error);
        await using var s = await db.BeginAsync(ct: ct);
        var (id, number) = await CreateInAsync(s, actor, input, ct);
        await s.CommitAsync(ct);
        return (id, number, null);
    }

    /// <summary>Creates the record (input already normalized and checked) in the caller's transaction, with its audit line.</summary>
    public async Task<(long Id, string CandidateNumber)> CreateInAsync(DbSession s, string actor, CandidateInput input, CancellationToken ct = default)
    {
        var number = await candidates.NextCandidateNumberAsync(s, ct);
        var id = await candidates.CreateAsync(s, number, input.FullName!, input.Email!, input.Association!, input.Track!, input.Notes, ct);
        await audit.AppendAsync(s, new AuditEntry(actor, SchedulingAuditActions.CandidateCreated, "candidate", id.ToString(),
            AfterJson: Json(Snapshot(number, input))), ct);
        return (id, number);
    }

    public async Task<string?> UpdateAsync(string actor, long id, CandidateInput input, CancellationToken ct = default)
    {
        input = input.Normalized();
        if (Check(input, await blueprints.CurrentAsync(ct)) is { } error) return error;
        await using var s = await db.BeginAsync(ct: ct);
        var before = await candidates.GetForUpdateAsync(s, id, ct); // two coordinators editing take turns; the audit's before is true
        if (before is null) return "No such candidate.";
        var beforeSnapshot = Snapshot(before.CandidateNumber, new CandidateInput(before.FullName, before.Email, before.Association, before.Track, before.Notes));
        var afterSnapshot = Snapshot(before.CandidateNumber, input);
        if (beforeSnapshot == afterSnapshot) return null; // nothing changed: nothing to record
        await candidates.UpdateAsync(s, id, input.FullName!, input.Email!, input.Association!, input.Track!, input.Notes, ct);
        await audit.AppendAsync(s, new AuditEntry(actor, SchedulingAuditActions.CandidateUpdated, "candidate", id.ToString(),
            Json(beforeSnapshot), Json(afterSnapshot)), ct);
        await s.CommitAsync(ct);
        return null;
    }

    public async Task<IReadOnlyList<Candidate>> SearchAsync(string? query, int take, int skip, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        return await candidates.SearchAsync(s, query, take, skip, ct);
    }

    public async Task<Candidate?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        return await candidates.GetAsync(s, id, ct);
    }

    public async Task<CandidateRecordView?> RecordAsync(long id, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var candidate = await candidates.GetAsync(s, id, ct);
        if (candidate is null) return null;
        var codes = (await candidates.LiveAccessCodesAsync(s, id, ct))
            .Where(c => c.RegistrationId is not null)
            .GroupBy(c => c.RegistrationId!.Value)
            .ToDictionary(g => g.Key, g => g.First());
        return new CandidateRecordView(candidate, await registrations.SummariesForCandidateAsync(s, id, ct), codes,
            await attempts.ForCandidateAsync(s, id, ct));
    }

    private sealed record RecordSnapshot(string CandidateNumber, string FullName, string Email, string Association, string Track, string? Notes);

    private static RecordSnapshot Snapshot(string number, CandidateInput i) =>
        new(number, i.FullName ?? "", i.Email ?? "", i.Association ?? "", i.Track ?? "", i.Notes);

    private static string Json(object value) => JsonSerializer.Serialize(value, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
