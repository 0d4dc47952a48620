using Exam.Core.Delivery;
using Exam.Data.Database;
using Exam.Data.Delivery;
using Exam.Data.Proctoring;
using Exam.Data.Scheduling;
using Exam.Web.Delivery;
using Exam.Web.Scheduling;

namespace Exam.Web.Proctoring;

/// <summary>Reads the console's roster and log from the database: the one source both the first load and every update use.</summary>
public sealed class RosterReader(Db db, ProctorStore store, SittingStore sittings, ExamContent content, TimeProvider clock)
{
    public async Task<Sitting?> SittingAsync(long sittingId, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        return await sittings.GetAsync(s, sittingId, ct);
    }

    public async Task<RosterSnapshot> SnapshotAsync(Sitting sitting, CancellationToken ct = default)
    {
        var rows = await RowsAsync(sitting, ct);
        return new RosterSnapshot(sitting.Id, sitting.Title, sitting.RequiresAdmission, clock.GetUtcNow(), rows, await LogAsync(sitting.Id, ct),
            sitting.TimeZone);
    }

    public async Task<IReadOnlyList<LogLine>> LogAsync(long sittingId, CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        return (await store.EventsAsync(s, sittingId, ct)).Select(Line).ToList();
    }

    public async Task<IReadOnlyList<RosterRow>> RowsAsync(Sitting sitting, CancellationToken ct = default)
    {
        IReadOnlyList<RosterEntry> entries;
        await using (var s = await db.OpenAsync(ct))
            entries = await store.RosterAsync(s, sitting.Id, ct);
        var form = await content.GetAsync(sitting.FormId, ct);
        var now = clock.GetUtcNow();
        return entries.Select(e => Row(e, form, sitting.RequiresAdmission, now)).ToList();
    }

    public static LogLine Line(ProctorEvent e) => new(e.Id, e.At, e.Actor, e.Kind, e.CandidateNumber, e.Category, e.Part, e.Minutes, e.Note);

    public static RosterRow Row(RosterEntry e, FormContent form, bool requiresAdmission, DateTimeOffset now)
    {
        var running = e.Status == AttemptStatus.InPart && e.PartSubmittedAt is null && e.Deadline is not null;
        var paused = running && e.PausedSince is not null;
        var onBreak = paused && e.BreakSince is not null;
        var breaks = new RestBreakAllowance(e.BreakCount, e.BreakMinutes);
        // Time run out, not yet swept: the part is being submitted, so pausing or extending it means nothing now.
        var timeUp = running && !paused && e.Deadline <= now;
        var status = e.Status switch
        {
            null => e.SignedIn ? "signed-in" : "not-started",
            AttemptStatus.InPart when onBreak => "on-break",
            AttemptStatus.InPart when paused => "paused",
            _ => e.Status,
        };
        var part = e.CurrentPart;
        var partName = part == 2 ? "Part Two" : "Part One";
        var text = status switch
        {
            "not-started" => "Not started",
            "signed-in" => "Signed in",
            AttemptStatus.Rules => "Reading the rules",
            AttemptStatus.Waiting => "Waiting for admission",
            AttemptStatus.InPart when timeUp => "Time up in " + partName + ": submitting",
            AttemptStatus.InPart => "In " + partName,
            "paused" => "Paused in " + partName,
            "on-break" => $"Rest break {e.BreaksTaken} of {breaks.Count} in {partName}",
            AttemptStatus.BetweenParts => "Between parts",
            AttemptStatus.Submitted => "Submitted",
            AttemptStatus.Voided => "Voided",
            _ => status,
        };
        var connection = e.LastSeenAt is null ? "none" : e.LostSince is null ? "connected" : "lost";
        var over = e.Status is AttemptStatus.Submitted or AttemptStatus.Voided;
        return new RosterRow
        {
            RegistrationId = e.RegistrationId,
            AttemptId = e.AttemptId,
            CandidateNumber = e.CandidateNumber,
            FullName = e.FullName,
            Status = status,
            StatusText = text,
            Part = part,
            Answered = part == 2 ? e.EssaysAnswered : e.McAnswered,
            AnswerTotal = part == 2 ? form.Track(e.Track)?.Choose ?? 0 : part == 1 ? form.PartOne.Count : 0,
            Deadline = running ? e.Deadline : null,
            PausedRemainingMs = paused ? (long)Math.Max(0, (e.Deadline!.Value - e.PausedSince!.Value).TotalMilliseconds) : null,
            ExtendedMinutes = e.ExtendedSeconds / 60,
            Connection = over ? "none" : connection,
            LostSince = !over && connection == "lost" ? e.LostSince : null,
            LastSavedAt = e.LastSavedAt,
            WaitingElsewhereSince = over ? null : e.PendingSince,
            Accommodations = SchedulingText.Accommodations(e.SitPartOne ? e.ExtraTimePartOne : 0, e.SitPartTwo ? e.ExtraTimePartTwo : 0, breaks,
                e.SeparateRoom, e.RestBreakNotes),
            BreaksAllowed = breaks.Any ? breaks.Count : 0,
            BreaksTaken = running ? e.BreaksTaken : 0,
            BreakEndsBy = onBreak ? RestBreakRule.EndsBy(e.BreakSince!.Value, breaks.Length) : null,
            CanAdmit = requiresAdmission && e.Status == AttemptStatus.Waiting,
            CanPause = running && !paused && !timeUp,
            CanResume = paused && !onBreak,
            CanExtend = running && !timeUp,
            CanVoid = e.AttemptId is not null && !over,
            CanReadmit = !over && e.PendingSince is not null,
            CanStartBreak = running && !paused && !timeUp && RestBreakRule.CanStart(breaks, e.BreaksTaken, false, false) is null,
            CanEndBreak = onBreak,
        };
    }
}
