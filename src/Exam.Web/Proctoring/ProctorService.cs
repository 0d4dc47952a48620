using System.Security.Claims;
using System.Text.Json;
using Exam.Core;
using Exam.Core.Accounts;
using Exam.Core.Audit;
using Exam.Core.Delivery;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.Delivery;
using Exam.Data.Proctoring;
using Exam.Data.Scheduling;
using Exam.Web.Accounts;
using Exam.Web.Delivery;
using Exam.Web.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace Exam.Web.Proctoring;

/// <summary>
/// The proctor's console: the roster read from the database, and the actions on attempts. Every action is checked
/// against the attempt's state inside its transaction, audited in that transaction, logged for the sitting, and then,
/// after the commit and without waiting on them, pushed to the candidate's page and to every console watching the sitting.
/// </summary>
public sealed class ProctorService(
    Db db, SittingStore sittings, RegistrationStore registrations, AttemptStore attempts, ProctorStore store, RestBreakStore breaks,
    ExamService exams, RosterReader roster, AuditLog audit, TimeProvider clock, IHubContext<ExamHub, IExamClient> examHub, RosterFeed feed,
    SignInSessions sessions)
{
    public const int MaxExtensionMinutes = 240;
    public const int MaxNoteLength = FieldLimits.ProctorNote;

    /// <summary>The sitting, when this user may proctor it (its proctor, or an admin); otherwise null.</summary>
    public async Task<Sitting?> SittingForAsync(ClaimsPrincipal user, long sittingId, CancellationToken ct = default)
    {
        if (sittingId <= 0 || !user.IsStaff()) return null;
        await using var s = await db.OpenAsync(ct);
        var sitting = await sittings.GetAsync(s, sittingId, ct);
        if (sitting is null) return null;
        return user.IsInRole(Roles.Admin) || (user.IsInRole(Roles.Proctor) && sitting.ProctorUserId == user.AccountId()) ? sitting : null;
    }

    /// <summary>The sittings this user proctors (every sitting for an admin).</summary>
    public async Task<IReadOnlyList<Sitting>> SittingsForAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        if (user.IsInRole(Roles.Admin)) return await sittings.ListAsync(s, ct);
        return user.AccountId() is { } id ? await sittings.ForProctorAsync(s, id, ct) : [];
    }

    public Task<RosterSnapshot> SnapshotAsync(Sitting sitting, CancellationToken ct = default) => roster.SnapshotAsync(sitting, ct);

    // ---- actions ----------------------------------------------------------------------------------------------

    public async Task<string?> AdmitAsync(Sitting sitting, string actor, long attemptId, CancellationToken ct = default)
    {
        if (!sitting.RequiresAdmission) return "This sitting does not require admission.";
        var loaded = await LoadAttemptAsync(sitting, attemptId, ct);
        if (loaded is not var (attempt, registration)) return NotInSitting;
        if (attempt.Status != AttemptStatus.Waiting) return "This candidate is not waiting for admission.";
        var ctx = await exams.LoadAsync(registration.CandidateId, registration.Id, ct);
        if (ctx is null) return NotInSitting;
        var now = clock.GetUtcNow();
        long eventId;
        await using (var s = await db.BeginAsync(ct: ct))
        {
            var fresh = (await attempts.GetForUpdateAsync(s, attemptId, ct))!.Value.Attempt;
            if (fresh.Status != AttemptStatus.Waiting) return "This candidate is not waiting for admission.";
            // Conditional on the attempt still waiting: a second proctor admitting at the same moment admits nothing more.
            if (!await exams.StartPartAsync(s, ctx, attemptId, AttemptStatus.Waiting, registration.FirstPart, now, ct, admittedBy: actor))
                return "This candidate is not waiting for admission.";
            await audit.AppendAsync(s, new AuditEntry(actor, ProctorAuditActions.Admitted, "attempt", attemptId.ToString(),
                BeforeJson: Json(new { fresh.Status }), AfterJson: Json(new { status = AttemptStatus.InPart, admittedAt = now })), ct);
            eventId = await LogAsync(s, sitting, attemptId, ProctorEventKind.Admit, actor, now, ct, part: registration.FirstPart);
            await s.CommitAsync(ct);
        }
        await examHub.Clients.Group(ExamHub.Group(attemptId)).Admitted();
        Announce(sitting, [attemptId], [eventId]);
        return null;
    }

    /// <summary>Pauses one candidate's running part, or every running part of the sitting when no attempt is named.</summary>
    public Task<string?> PauseAsync(Sitting sitting, string actor, long? attemptId, string? reason, CancellationToken ct = default) =>
        ClockActionAsync(sitting, actor, attemptId, reason, pause: true, ct);

    public Task<string?> ResumeAsync(Sitting sitting, string actor, long? attemptId, string? reason, CancellationToken ct = default) =>
        ClockActionAsync(sitting, actor, attemptId, reason, pause: false, ct);

    private async Task<string?> ClockActionAsync(Sitting sitting, string actor, long? attemptId, string? reason, bool pause, CancellationToken ct)
    {
        if (Note(reason) is { Error: { } bad }) return bad;
        var targets = new List<long>();
        if (attemptId is { } one)
        {
            if (await LoadAttemptAsync(sitting, one, ct) is null) return NotInSitting;
            targets.Add(one);
        }
        else
        {
            await using var s = await db.OpenAsync(ct);
            // A candidate on a rest break is not paused: resuming all leaves their break running.
            targets.AddRange((await store.RosterAsync(s, sitting.Id, ct))
                .Where(e => e.AttemptId is not null && e.Status == AttemptStatus.InPart && e.PartSubmittedAt is null && (e.PausedSince is null) == pause
                            && e.BreakSince is null)
                .Select(e => e.AttemptId!.Value));
            if (targets.Count == 0) return pause ? "No candidate is running a part to pause." : "No candidate is paused.";
        }
        var now = clock.GetUtcNow();
        var changed = new List<(long Attempt, AttemptPart Part)>();
        var events = new List<long>();
        await using (var s = await db.BeginAsync(ct: ct))
        {
            foreach (var id in targets)
            {
                var (attempt, parts) = (await attempts.GetForUpdateAsync(s, id, ct))!.Value;
                var part = attempt.Status == AttemptStatus.InPart ? parts.FirstOrDefault(p => p.Part == attempt.CurrentPart && !p.IsSubmitted) : null;
                if (part is null || part.Clock.IsPaused == pause)
                {
                    if (attemptId is not null)
                        return part is null ? "This candidate is not running a part." : pause ? "This candidate is already paused." : "This candidate is not paused.";
                    continue;
                }
                if (!pause && (await breaks.ForPartAsync(s, id, part.Part, ct)).Any(b => b.IsRunning))
                {
                    if (attemptId is not null) return "This candidate is on a rest break: end the break instead.";
                    continue;
                }
                var next = pause ? part.Clock.Pause(now) : part.Clock.Resume(now);
                if (!await attempts.SaveClockAsync(s, id, part.Part, part.Clock, next, ct))
                {
                    if (attemptId is not null) return ClockMoved;
                    continue;
                }
                await audit.AppendAsync(s, new AuditEntry(actor, pause ? ProctorAuditActions.Paused : ProctorAuditActions.Resumed, "attempt", id.ToString(),
                    BeforeJson: Json(new { part.Part, part.Deadline, part.PausedSince }),
                    AfterJson: Json(new { part.Part, next.Deadline, next.PausedSince, scope = attemptId is null ? "all" : "one" }),
                    Detail: Note(reason).Text), ct);
                events.Add(await LogAsync(s, sitting, id, pause ? ProctorEventKind.Pause : ProctorEventKind.Resume, actor, now, ct,
                    part: part.Part, note: JoinNotes(attemptId is null ? (pause ? "all candidates paused" : "all candidates resumed") : null, Note(reason).Text)));
                changed.Add((id, part with { Deadline = next.Deadline, PausedSince = next.PausedSince, PausedSeconds = (int)next.Paused.TotalSeconds }));
            }
            await s.CommitAsync(ct);
        }
        foreach (var (id, part) in changed)
            await examHub.Clients.Group(ExamHub.Group(id)).Clock(exams.ClockFor(part));
        Announce(sitting, changed.Select(c => c.Attempt), events);
        return null;
    }

    public async Task<string?> ExtendAsync(Sitting sitting, string actor, long attemptId, int minutes, string? reason, CancellationToken ct = default)
    {
        if (minutes is < 1 or > MaxExtensionMinutes) return $"Extend by 1 to {MaxExtensionMinutes} minutes.";
        if (Required(reason, "Give the reason for the extension.") is { } bad) return bad;
        if (await LoadAttemptAsync(sitting, attemptId, ct) is null) return NotInSitting;
        var now = clock.GetUtcNow();
        AttemptPart updated;
        long eventId;
        await using (var s = await db.BeginAsync(ct: ct))
        {
            var (attempt, parts) = (await attempts.GetForUpdateAsync(s, attemptId, ct))!.Value;
            var part = attempt.Status == AttemptStatus.InPart ? parts.FirstOrDefault(p => p.Part == attempt.CurrentPart && !p.IsSubmitted) : null;
            if (part is null) return "This candidate is not running a part.";
            if (part.Clock.HasExpired(now)) return "This part's time is already over.";
            var next = part.Clock.Extend(TimeSpan.FromMinutes(minutes));
            if (!await attempts.SaveClockAsync(s, attemptId, part.Part, part.Clock, next, ct)) return ClockMoved;
            await audit.AppendAsync(s, new AuditEntry(actor, ProctorAuditActions.Extended, "attempt", attemptId.ToString(),
                BeforeJson: Json(new { part.Part, part.Deadline, part.ExtendedSeconds }),
                AfterJson: Json(new { part.Part, next.Deadline, extendedSeconds = (int)next.Extended.TotalSeconds, minutes }),
                Detail: reason!.Trim()), ct);
            eventId = await LogAsync(s, sitting, attemptId, ProctorEventKind.Extend, actor, now, ct, part: part.Part, minutes: minutes, note: reason.Trim());
            updated = part with { Deadline = next.Deadline, ExtendedSeconds = (int)next.Extended.TotalSeconds };
            await s.CommitAsync(ct);
        }
        await examHub.Clients.Group(ExamHub.Group(attemptId)).Clock(exams.ClockFor(updated));
        Announce(sitting, [attemptId], [eventId]);
        return null;
    }

    /// <summary>Ends the attempt: the running part closes with what the server holds, and no save is taken after.</summary>
    public async Task<string?> VoidAsync(Sitting sitting, string actor, long attemptId, string? reason, CancellationToken ct = default)
    {
        if (Required(reason, "Give the reason for ending the attempt.") is { } bad) return bad;
        if (await LoadAttemptAsync(sitting, attemptId, ct) is null) return NotInSitting;
        var now = clock.GetUtcNow();
        var why = reason!.Trim();
        long eventId;
        await using (var s = await db.BeginAsync(ct: ct))
        {
            var (attempt, parts) = (await attempts.GetForUpdateAsync(s, attemptId, ct))!.Value;
            if (attempt.IsOver) return "This attempt has already ended.";
            // Close the running part too, so the expiry sweeper never submits (and un-voids) it later; and its running break,
            // so the break sweeper leaves it alone.
            foreach (var part in parts.Where(p => !p.IsSubmitted))
            {
                await attempts.SubmitPartAsync(s, attemptId, part.Part, now, "voided", "R-" + AccessCode.Generate(), ct);
                foreach (var running in (await breaks.ForPartAsync(s, attemptId, part.Part, ct)).Where(b => b.IsRunning))
                    await breaks.EndAsync(s, running.Id, now, RestBreakRule.Credited(running.StartedAt, now, running.Allowed), actor, ct);
            }
            if (!await attempts.VoidAsync(s, attemptId, now, why, ct)) return "This attempt has already ended.";
            await audit.AppendAsync(s, new AuditEntry(actor, ProctorAuditActions.Voided, "attempt", attemptId.ToString(),
                BeforeJson: Json(new { attempt.Status }), AfterJson: Json(new { status = AttemptStatus.Voided, endedAt = now }), Detail: why), ct);
            eventId = await LogAsync(s, sitting, attemptId, ProctorEventKind.Void, actor, now, ct, part: attempt.CurrentPart == 0 ? null : attempt.CurrentPart, note: why);
            await s.CommitAsync(ct);
        }
        await examHub.Clients.Group(ExamHub.Group(attemptId)).Ended(why);
        Announce(sitting, [attemptId], [eventId]);
        return null;
    }

    /// <summary>
    /// Starts one of the candidate's approved rest breaks: the part's clock stops as for a pause, but the break is counted
    /// apart, limited to the number approved per part, and stops the clock for at most its approved length.
    /// </summary>
    public async Task<string?> StartBreakAsync(Sitting sitting, string actor, long attemptId, CancellationToken ct = default)
    {
        if (await LoadAttemptAsync(sitting, attemptId, ct) is not var (_, registration)) return NotInSitting;
        var allowance = registration.Breaks;
        var now = clock.GetUtcNow();
        AttemptPart updated;
        long eventId;
        await using (var s = await db.BeginAsync(ct: ct))
        {
            var (attempt, parts) = (await attempts.GetForUpdateAsync(s, attemptId, ct))!.Value;
            var part = attempt.Status == AttemptStatus.InPart ? parts.FirstOrDefault(p => p.Part == attempt.CurrentPart && !p.IsSubmitted) : null;
            if (part is null) return "This candidate is not running a part.";
            var taken = await breaks.ForPartAsync(s, attemptId, part.Part, ct);
            if (RestBreakRule.CanStart(allowance, taken.Count, part.Clock.IsPaused, part.Clock.HasExpired(now)) is { } refused) return refused;
            var next = RestBreakRule.Start(part.Clock, now);
            if (!await attempts.SaveClockAsync(s, attemptId, part.Part, part.Clock, next, ct)) return ClockMoved;
            var number = taken.Count + 1;
            var started = new RestBreak
            {
                AttemptId = attemptId, Part = part.Part, Number = number, StartedAt = now,
                AllowedSeconds = (int)allowance.Length.TotalSeconds, StartedBy = actor,
            };
            if (await breaks.TryStartAsync(s, started, ct) is null) return ClockMoved;
            await audit.AppendAsync(s, new AuditEntry(actor, ProctorAuditActions.BreakStarted, "attempt", attemptId.ToString(),
                BeforeJson: Json(new { part.Part, part.Deadline, part.PausedSince }),
                AfterJson: Json(new { part.Part, number, of = allowance.Count, allowance.Minutes, next.PausedSince, endsBy = RestBreakRule.EndsBy(now, allowance.Length) })), ct);
            eventId = await LogAsync(s, sitting, attemptId, ProctorEventKind.BreakStart, actor, now, ct, part: part.Part, minutes: allowance.Minutes,
                note: $"rest break {number} of {allowance.Count}");
            updated = part with { PausedSince = next.PausedSince };
            await s.CommitAsync(ct);
        }
        await examHub.Clients.Group(ExamHub.Group(attemptId)).Clock(exams.ClockFor(updated, onBreak: true));
        Announce(sitting, [attemptId], [eventId]);
        return null;
    }

    /// <summary>Ends the candidate's running rest break from the console: the clock runs again.</summary>
    public async Task<string?> EndBreakAsync(Sitting sitting, string actor, long attemptId, CancellationToken ct = default)
    {
        if (await LoadAttemptAsync(sitting, attemptId, ct) is null) return NotInSitting;
        return await EndRunningBreakAsync(sitting, attemptId, actor, clock.GetUtcNow(), ct);
    }

    /// <summary>
    /// Ends every break that has lasted its approved length (any node may run this; ending a break is conditional). The
    /// clock is credited with the approved length only, so a break ended late by the sweep costs the candidate nothing.
    /// </summary>
    public async Task<int> EndOverdueBreaksAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<RestBreak> running;
        await using (var s = await db.OpenAsync(ct))
            running = await breaks.RunningAsync(s, ct);
        var ended = 0;
        foreach (var b in running.Where(b => RestBreakRule.EndsBy(b.StartedAt, b.Allowed) <= now))
        {
            Sitting? sitting;
            await using (var s = await db.OpenAsync(ct))
            {
                var attempt = (await attempts.GetAsync(s, b.AttemptId, ct))?.Attempt;
                var registration = attempt is null ? null : await registrations.GetAsync(s, attempt.RegistrationId, ct);
                sitting = registration is null ? null : await sittings.GetAsync(s, registration.SittingId, ct);
            }
            if (sitting is not null && await EndRunningBreakAsync(sitting, b.AttemptId, "system", now, ct) is null) ended++;
        }
        return ended;
    }

    private async Task<string?> EndRunningBreakAsync(Sitting sitting, long attemptId, string actor, DateTimeOffset now, CancellationToken ct)
    {
        AttemptPart updated;
        long eventId;
        await using (var s = await db.BeginAsync(ct: ct))
        {
            var (attempt, parts) = (await attempts.GetForUpdateAsync(s, attemptId, ct))!.Value;
            var part = attempt.Status == AttemptStatus.InPart ? parts.FirstOrDefault(p => p.Part == attempt.CurrentPart && !p.IsSubmitted) : null;
            var running = part is null ? null : (await breaks.ForPartAsync(s, attemptId, part.Part, ct)).FirstOrDefault(b => b.IsRunning);
            if (part is null || running is null || !part.Clock.IsPaused) return "This candidate is not on a rest break.";
            var credited = RestBreakRule.Credited(running.StartedAt, now, running.Allowed);
            var next = RestBreakRule.End(part.Clock, running.StartedAt, now, running.Allowed);
            if (!await attempts.SaveClockAsync(s, attemptId, part.Part, part.Clock, next, ct)) return ClockMoved;
            if (!await breaks.EndAsync(s, running.Id, now, credited, actor, ct)) return "This candidate is not on a rest break.";
            var overran = now - running.StartedAt - running.Allowed;
            await audit.AppendAsync(s, new AuditEntry(actor, ProctorAuditActions.BreakEnded, "attempt", attemptId.ToString(),
                BeforeJson: Json(new { part.Part, part.Deadline, part.PausedSince }),
                AfterJson: Json(new { part.Part, running.Number, next.Deadline, creditedSeconds = (int)credited.TotalSeconds })), ct);
            eventId = await LogAsync(s, sitting, attemptId, ProctorEventKind.BreakEnd, actor, now, ct, part: part.Part,
                minutes: (int)Math.Round(credited.TotalMinutes),
                note: $"rest break {running.Number} ended" + (actor == "system" ? " at its approved length" : "") +
                      (actor != "system" && overran > TimeSpan.FromSeconds(1) ? $"; {Math.Ceiling(overran.TotalMinutes):0} min beyond it not given back" : ""));
            updated = part with { Deadline = next.Deadline, PausedSince = null };
            await s.CommitAsync(ct);
        }
        await examHub.Clients.Group(ExamHub.Group(attemptId)).Clock(exams.ClockFor(updated));
        Announce(sitting, [attemptId], [eventId]);
        return null;
    }

    /// <summary>Moves the attempt to the computer waiting for it: the old session's page is signed out of the exam.</summary>
    public async Task<string?> ReadmitAsync(Sitting sitting, string actor, long attemptId, string? reason, CancellationToken ct = default)
    {
        if (Note(reason) is { Error: { } bad }) return bad;
        if (await LoadAttemptAsync(sitting, attemptId, ct) is not var (_, registration)) return NotInSitting;
        var now = clock.GetUtcNow();
        long eventId;
        SessionEnd ended;
        await using (var s = await db.BeginAsync(ct: ct))
        {
            var (attempt, _) = (await attempts.GetForUpdateAsync(s, attemptId, ct))!.Value;
            if (attempt.IsOver) return "This attempt has already ended.";
            var pending = await store.PendingSessionAsync(s, attemptId, ct);
            if (pending is null || !await store.MoveToPendingSessionAsync(s, attemptId, pending, ct))
                return "No other computer is waiting for this candidate. Ask them to sign in there first.";
            // The old computer's sign-ins end on the server: its cookie (or a copy) no longer works at all. Signing in
            // there again later is a new sign-in, which the proctor can re-admit back.
            ended = new SessionEnd(PrincipalKind.Candidate, registration.CandidateId, null, attempt.SessionId, now, SessionEndReason.Readmit);
            await sessions.EndAsync(s, ended, ct);
            await audit.AppendAsync(s, new AuditEntry(actor, ProctorAuditActions.Readmitted, "attempt", attemptId.ToString(),
                BeforeJson: Json(new { session = Fingerprint(attempt.SessionId) }), AfterJson: Json(new { session = Fingerprint(pending) }),
                Detail: Note(reason).Text), ct);
            eventId = await LogAsync(s, sitting, attemptId, ProctorEventKind.Readmit, actor, now, ct, note: Note(reason).Text);
            await s.CommitAsync(ct);
        }
        sessions.Apply(ended);
        // Both pages share the attempt's group: the old one leaves the exam, the waiting one moves in.
        await examHub.Clients.Group(ExamHub.Group(attemptId)).SignedOutElsewhere();
        await examHub.Clients.Group(ExamHub.Group(attemptId)).Admitted();
        Announce(sitting, [attemptId], [eventId]);
        return null;
    }

    public async Task<string?> RecordIncidentAsync(Sitting sitting, string actor, long? attemptId, string? category, string? text, CancellationToken ct = default)
    {
        if (category is null || !IncidentCategory.All.Contains(category)) return "Choose a category: environment, candidate, staff or technical.";
        if (Required(text, "Describe the incident.") is { } bad) return bad;
        if (attemptId is { } id && await LoadAttemptAsync(sitting, id, ct) is null) return NotInSitting;
        var now = clock.GetUtcNow();
        long eventId;
        await using (var s = await db.BeginAsync(ct: ct))
        {
            eventId = await LogAsync(s, sitting, attemptId, ProctorEventKind.Incident, actor, now, ct, category: category, note: text!.Trim());
            await audit.AppendAsync(s, new AuditEntry(actor, ProctorAuditActions.Incident, "sitting", sitting.Id.ToString(),
                AfterJson: Json(new { eventId, attemptId, category, text = text.Trim() })), ct);
            await s.CommitAsync(ct);
        }
        Announce(sitting, [], [eventId]);
        return null;
    }

    /// <summary>
    /// A candidate opened the exam from a sign-in other than the attempt's: remember it for re-admission. Returns false
    /// when this is the sign-in a re-admission moved the attempt away from: that computer is to be signed out instead.
    /// </summary>
    public async Task<bool> NoteSignInElsewhereAsync(long attemptId, string sessionId, string candidateNumber, CancellationToken ct = default)
    {
        await using (var s = await db.BeginAsync(ct: ct))
        {
            if (await store.WasReplacedAsync(s, attemptId, sessionId, ct))
            {
                await audit.AppendAsync(s, new AuditEntry(candidateNumber, AuditActions.SignedOut, "attempt", attemptId.ToString(),
                    Detail: "the exam moved to another computer"), ct);
                await s.CommitAsync(ct);
                return false;
            }
            if (!await store.SetPendingSessionAsync(s, attemptId, sessionId, clock.GetUtcNow(), ct)) return true;
            await audit.AppendAsync(s, new AuditEntry("system", ProctorAuditActions.SignedInElsewhere, "attempt", attemptId.ToString(),
                AfterJson: Json(new { session = Fingerprint(sessionId) })), ct);
            await s.CommitAsync(ct);
        }
        feed.Changed(attemptId);
        return true;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /// <summary>After the commit: the consoles hear of the changed rows and new log lines (at the feed's next flush).</summary>
    private void Announce(Sitting sitting, IEnumerable<long> changedAttempts, IEnumerable<long> logLines)
    {
        foreach (var id in changedAttempts) feed.Changed(id);
        foreach (var id in logLines) feed.Logged(sitting.Id, id);
    }

    private const string NotInSitting = "That candidate is not in this sitting.";

    private const string ClockMoved = "This candidate's clock changed a moment ago (another proctor?). Look at the roster and try again.";

    private async Task<(Attempt Attempt, Registration Registration)?> LoadAttemptAsync(Sitting sitting, long attemptId, CancellationToken ct)
    {
        if (attemptId <= 0) return null;
        await using var s = await db.OpenAsync(ct);
        if (await attempts.GetAsync(s, attemptId, ct) is not var (attempt, _)) return null;
        var registration = await registrations.GetAsync(s, attempt.RegistrationId, ct);
        return registration?.SittingId == sitting.Id ? (attempt, registration) : null;
    }

    private async Task<long> LogAsync(DbSession s, Sitting sitting, long? attemptId, string kind, string actor, DateTimeOffset at, CancellationToken ct,
        string? category = null, int? part = null, int? minutes = null, string? note = null)
    {
        var e = new ProctorEvent
        {
            SittingId = sitting.Id, AttemptId = attemptId, Kind = kind, Category = category, Part = part, Minutes = minutes, Note = note,
            Actor = actor, At = at,
        };
        return await store.AddEventAsync(s, e, ct);
    }

    private static (string? Text, string? Error) Note(string? note)
    {
        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return text is { Length: > MaxNoteLength } ? (null, $"Keep the note under {MaxNoteLength} characters.") : (text, null);
    }

    private static string? Required(string? note, string missing) =>
        string.IsNullOrWhiteSpace(note) ? missing : Note(note).Error;

    private static string? JoinNotes(string? a, string? b) => a is null ? b : b is null ? a : a + ": " + b;

    /// <summary>Sessions are bearer-like secrets in a cookie: the audit keeps a short fingerprint, never the id itself.</summary>
    private static string Fingerprint(string session) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(session)))[..12];

    private static string Json(object value) => JsonSerializer.Serialize(value);
}

/// <summary>Stable audit action names for proctoring.</summary>
public static class ProctorAuditActions
{
    public const string Admitted = "proctor.admitted";
    public const string Paused = "proctor.paused";
    public const string Resumed = "proctor.resumed";
    public const string Extended = "proctor.extended";
    public const string Voided = "proctor.voided";
    public const string Readmitted = "proctor.readmitted";
    public const string Incident = "proctor.incident";
    public const string BreakStarted = "proctor.break-started";
    public const string BreakEnded = "proctor.break-ended";
    public const string SignedInElsewhere = "attempt.signed-in-elsewhere";
}
