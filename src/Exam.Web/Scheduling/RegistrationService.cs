using System.Globalization;
using System.Text.Json;
using Exam.Core;
using Exam.Core.Accounts;
using Exam.Core.Audit;
using Exam.Core.Delivery;
using Exam.Core.Scheduling;
using Exam.Data.Accounts;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.ItemBank;
using Exam.Data.Scheduling;

namespace Exam.Web.Scheduling;

/// <summary>
/// What a coordinator chooses for a registration. Extra time is a whole percentage per part; rest breaks are how many per
/// part and how long each (the console starts and ends them); <see cref="RestBreaks"/> is a free note.
/// </summary>
public sealed record RegistrationInput(
    long CandidateId, long? SittingId, bool PartOne, bool PartTwo, int ExtraTimePartOne, int ExtraTimePartTwo, string? RestBreaks,
    string? OverrideReason, int BreakCount = 0, int BreakMinutes = 0, bool SeparateRoom = false);

/// <summary>
/// The result of registering: the new registration and its access code in plain text (shown once, never stored),
/// or why not. <see cref="RetakeRefused"/> marks a refusal an Admin could override.
/// </summary>
public sealed record RegistrationOutcome(long? RegistrationId, string? AccessCode, string? Error, bool RetakeRefused = false)
{
    public static RegistrationOutcome Refused(string error, bool retake = false) => new(null, null, error, retake);
}

/// <summary>Everything an admission letter shows; <see cref="AccessCode"/> only right after the code was issued.</summary>
public sealed record AdmissionLetter(RegistrationSummary Registration, string FormTitle, int PartOneMinutes, int PartTwoMinutes, string? AccessCode);

/// <summary>
/// Registers candidates for sittings and issues their one-time access codes, in one transaction with the audit
/// lines. Only the code's keyed hash is stored; the plain code goes back to the caller to show once.
/// </summary>
public sealed class RegistrationService(
    Db db, CandidateStore candidates, SittingStore sittings, RegistrationStore registrations, ItemBankStore bank, AuditLog audit,
    AccessCodeHasher hasher, TimeProvider clock)
{
    public const int MaxExtraTimePercent = 100;
    public const int MaxRestBreaksLength = FieldLimits.RestBreaks;
    public const int MaxOverrideReasonLength = FieldLimits.RetakeOverrideReason;

    public async Task<RegistrationOutcome> RegisterAsync(
        string actor, bool actorIsAdmin, RegistrationInput input, CancellationToken ct = default)
    {
        await using var s = await db.BeginAsync(ct: ct);
        var outcome = await RegisterInAsync(s, actor, actorIsAdmin, input, ct);
        if (outcome.RegistrationId is not null) await s.CommitAsync(ct);
        return outcome;
    }

    /// <summary>
    /// As <see cref="RegisterAsync"/>, in the caller's transaction (a roster import registers many in one); the caller
    /// commits, or rolls back on a refusal.
    /// </summary>
    public async Task<RegistrationOutcome> RegisterInAsync(
        DbSession s, string actor, bool actorIsAdmin, RegistrationInput input, CancellationToken ct = default)
    {
        if (!input.PartOne && !input.PartTwo) return RegistrationOutcome.Refused("Choose at least one part to sit.");
        // Extra time only means something for a part that is sat.
        var extraOne = input.PartOne ? input.ExtraTimePartOne : 0;
        var extraTwo = input.PartTwo ? input.ExtraTimePartTwo : 0;
        if (extraOne is < 0 or > MaxExtraTimePercent || extraTwo is < 0 or > MaxExtraTimePercent)
            return RegistrationOutcome.Refused($"Extra time is a whole percentage from 0 to {MaxExtraTimePercent}.");
        if (RestBreakAllowance.Check(input.BreakCount, input.BreakMinutes) is { } badBreaks) return RegistrationOutcome.Refused(badBreaks);
        var restBreaks = string.IsNullOrWhiteSpace(input.RestBreaks) ? null : input.RestBreaks.Trim();
        if (restBreaks is { Length: > MaxRestBreaksLength })
            return RegistrationOutcome.Refused($"Rest breaks can be described in up to {MaxRestBreaksLength} characters.");
        var overrideReason = string.IsNullOrWhiteSpace(input.OverrideReason) ? null : input.OverrideReason.Trim();
        if (overrideReason is { Length: > MaxOverrideReasonLength })
            return RegistrationOutcome.Refused($"The override reason can have up to {MaxOverrideReasonLength} characters.");
        if (input.SittingId is not { } sittingId) return RegistrationOutcome.Refused("Choose a sitting.");

        var now = clock.GetUtcNow();
        // The candidate's row lock first: registrations of one candidate take turns, so the already-registered and
        // retake-wait checks below read every registration made before this one.
        var candidate = await candidates.GetForUpdateAsync(s, input.CandidateId, ct);
        if (candidate is null) return RegistrationOutcome.Refused("No such candidate.");
        var sitting = await sittings.GetAsync(s, sittingId, ct);
        if (sitting is null) return RegistrationOutcome.Refused("No such sitting.");
        if (sitting.ClosesAt <= now)
            return RegistrationOutcome.Refused($"The sitting '{sitting.Title}' closed on {Date(sitting.ClosesAt)}; choose a later sitting.");
        var form = await bank.GetFormAsync(s, sitting.FormId, ct)
            ?? throw new InvalidOperationException($"Sitting {sitting.Id} names form '{sitting.FormId}', which does not exist.");

        var history = await registrations.SummariesForCandidateAsync(s, candidate.Id, ct);
        if (history.Any(r => r.SittingId == sitting.Id))
            return RegistrationOutcome.Refused($"{candidate.FullName} ({candidate.CandidateNumber}) is already registered for '{sitting.Title}'.");

        var waitDays = form.Definition.RetakeWaitDays;
        var conflicts = RetakeWait.Conflicts(sitting.OpensAt, input.PartOne, input.PartTwo, waitDays,
            history.Select(r => new PriorSitting(r.SittingTitle, r.OpensAt, r.SitPartOne, r.SitPartTwo)));
        string? storedOverride = null;
        if (conflicts.Count > 0)
        {
            var message = RetakeMessage(candidate, conflicts, waitDays);
            if (overrideReason is null)
                return RegistrationOutcome.Refused(message + (actorIsAdmin ? " To register anyway, give a reason to override the wait." : " Only an Admin can override the wait."), retake: true);
            if (!actorIsAdmin) return RegistrationOutcome.Refused(message + " Only an Admin can override the retake wait.", retake: true);
            storedOverride = overrideReason;
        }

        var registration = new Registration
        {
            CandidateId = candidate.Id, SittingId = sitting.Id, SitPartOne = input.PartOne, SitPartTwo = input.PartTwo,
            ExtraTimePartOne = extraOne, ExtraTimePartTwo = extraTwo, RestBreaks = restBreaks, RetakeOverride = storedOverride,
            SeparateRoom = input.SeparateRoom, BreakCount = input.BreakCount, BreakMinutes = input.BreakMinutes,
        };
        if (await registrations.TryCreateAsync(s, registration, ct) is not { } id)
            return RegistrationOutcome.Refused($"{candidate.FullName} ({candidate.CandidateNumber}) is already registered for '{sitting.Title}'.");
        registration = registration with { Id = id };
        var subject = id.ToString(CultureInfo.InvariantCulture);
        await audit.AppendAsync(s, new AuditEntry(actor, SchedulingAuditActions.RegistrationCreated, "registration", subject,
            AfterJson: Json(new
            {
                candidateNumber = candidate.CandidateNumber, sittingId = sitting.Id, partOne = input.PartOne, partTwo = input.PartTwo,
                extraTimePartOne = extraOne, extraTimePartTwo = extraTwo, restBreaks, retakeOverride = storedOverride,
                separateRoom = input.SeparateRoom, breakCount = input.BreakCount, breakMinutes = input.BreakMinutes,
            })), ct);
        if (storedOverride is not null)
        {
            await audit.AppendAsync(s, new AuditEntry(actor, SchedulingAuditActions.RetakeOverride, "registration", subject,
                AfterJson: Json(new
                {
                    candidateNumber = candidate.CandidateNumber, sittingId = sitting.Id, reason = storedOverride, waitDays,
                    parts = conflicts.Select(c => c.Part).Distinct(), earliestAllowed = RetakeWait.EarliestAllowed(conflicts).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                })), ct);
        }
        var code = await IssueAsync(s, actor, registration, sitting, SchedulingAuditActions.AccessCodeIssued, ct);
        return new RegistrationOutcome(id, code, null);
    }

    /// <summary>A new code for the registration; the old one stops working at once.</summary>
    public async Task<(string? AccessCode, string? Error)> ReissueAsync(string actor, long registrationId, CancellationToken ct = default)
    {
        await using var s = await db.BeginAsync(ct: ct);
        // Locked: two reissues at once would each revoke the codes they saw and leave two live codes.
        var registration = await registrations.GetForUpdateAsync(s, registrationId, ct);
        if (registration is null) return (null, "No such registration.");
        var sitting = (await sittings.GetAsync(s, registration.SittingId, ct))!;
        if (sitting.ClosesAt <= clock.GetUtcNow())
            return (null, $"The sitting '{sitting.Title}' closed on {Date(sitting.ClosesAt)}; a new code would not open anything.");
        var code = await IssueAsync(s, actor, registration, sitting, SchedulingAuditActions.AccessCodeReissued, ct);
        await s.CommitAsync(ct);
        return (code, null);
    }

    public async Task<RegistrationSummary?> GetAsync(long registrationId, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        return await registrations.GetSummaryAsync(s, registrationId, ct);
    }

    public async Task<StoredAccessCode?> LiveCodeAsync(long registrationId, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        return await registrations.LiveAccessCodeAsync(s, registrationId, ct);
    }

    /// <summary>
    /// The letter for a registration. <paramref name="issuedCode"/> is printed only when it is the registration's
    /// live code: a code carried over from before a reissue never reaches paper.
    /// </summary>
    public async Task<AdmissionLetter?> LetterAsync(long registrationId, string? issuedCode, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var registration = await registrations.GetSummaryAsync(s, registrationId, ct);
        if (registration is null) return null;
        return await LetterAsync(s, registration, await bank.GetFormAsync(s, registration.FormId, ct), issuedCode, ct);
    }

    /// <summary>
    /// Every letter of the sitting, by candidate number, or null when there is no such sitting. <paramref name="issuedCode"/>
    /// gives the code just issued for a registration, if any; as on a single letter, it is printed only when it is live.
    /// </summary>
    public async Task<(string Title, IReadOnlyList<AdmissionLetter> Letters)?> LettersForSittingAsync(
        long sittingId, Func<long, string?> issuedCode, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var sitting = await sittings.GetAsync(s, sittingId, ct);
        if (sitting is null) return null;
        var form = await bank.GetFormAsync(s, sitting.FormId, ct);
        var letters = new List<AdmissionLetter>();
        foreach (var registration in await registrations.SummariesForSittingAsync(s, sittingId, ct))
            letters.Add(await LetterAsync(s, registration, form, issuedCode(registration.Id), ct));
        return (sitting.Title, letters);
    }

    private async Task<AdmissionLetter> LetterAsync(DbSession s, RegistrationSummary registration, StoredForm? form, string? issuedCode, CancellationToken ct)
    {
        var live = await registrations.LiveAccessCodeAsync(s, registration.Id, ct);
        var normalized = AccessCode.Normalize(issuedCode);
        var code = normalized is not null && live is not null && hasher.Verify(normalized, live.CodeHash) ? AccessCode.Format(normalized) : null;
        return new AdmissionLetter(registration, form?.Title ?? registration.FormId,
            form?.Definition.PartOne.Minutes ?? 0, form?.Definition.PartTwo.Minutes ?? 0, code);
    }

    private async Task<string> IssueAsync(DbSession s, string actor, Registration registration, Sitting sitting, string action, CancellationToken ct)
    {
        var code = AccessCode.Generate();
        await registrations.IssueAccessCodeAsync(s, registration, hasher.Hash(AccessCode.Normalize(code)!), sitting.OpensAt, sitting.ClosesAt, ct);
        // The code itself never goes to the audit log.
        await audit.AppendAsync(s, new AuditEntry(actor, action, "registration", registration.Id.ToString(CultureInfo.InvariantCulture),
            Detail: $"valid {sitting.OpensAt:yyyy-MM-dd HH:mm} to {sitting.ClosesAt:yyyy-MM-dd HH:mm} UTC" +
                    (action == SchedulingAuditActions.AccessCodeReissued ? "; the previous code is revoked" : "")), ct);
        return code;
    }

    private static string RetakeMessage(Candidate candidate, IReadOnlyList<RetakeConflict> conflicts, int waitDays)
    {
        var sat = string.Join("; ", conflicts.Select(c => $"{PartName(c.Part)} in '{c.SittingTitle}' (opened {Date(c.SatOpensAt)})"));
        return $"Retake wait: {candidate.FullName} was registered for {sat}. This form requires {waitDays} days before a part is sat again, " +
               $"so the earliest allowed date is {RetakeWait.EarliestAllowed(conflicts):yyyy-MM-dd}.";
    }

    public static string PartName(int part) => part == 1 ? "Part One" : "Part Two";

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Json(object value) => JsonSerializer.Serialize(value, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
