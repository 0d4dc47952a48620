using System.Security.Cryptography;
using System.Text.Json;
using Exam.Core.Audit;
using Exam.Data.Accounts;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.Delivery;
using Exam.Data.ItemBank;
using Exam.Data.Rating;
using Exam.Data.Scheduling;
using Exam.Web.Delivery;
using Exam.Web.Results;

namespace Exam.Web.Rating;

/// <summary>
/// Queues a submitted Part Two for rating: each essay answered becomes a response with a random code and two reads.
/// Runs inside the submission's transaction, so a submission is never without its queue entries; tells the raters
/// once that transaction has committed.
/// </summary>
public sealed class RatingIntake(
    Db db, AttemptStore attempts, RegistrationStore registrations, SittingStore sittings, CandidateStore candidates,
    AnswerStore answers, ItemBankStore bank, RatingStore ratings, ResultRecorder results, AuditLog audit, RatingNotifier notifier)
    : IPartTwoSubmitted
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task PartTwoSubmittedAsync(DbSession s, long attemptId, string actor, DateTimeOffset at, CancellationToken ct = default)
    {
        if (await ratings.ResponsesOfAttemptAsync(s, attemptId, ct) is { Count: > 0 }) return;
        if (await attempts.GetAsync(s, attemptId, ct) is not var (attempt, _)) return;
        var registration = (await registrations.GetAsync(s, attempt.RegistrationId, ct))!;
        var sitting = (await sittings.GetAsync(s, registration.SittingId, ct))!;
        var candidate = (await candidates.GetAsync(s, registration.CandidateId, ct))!;
        var (_, pinned) = await bank.FormPinsAsync(s, sitting.FormId, ct);
        var offered = pinned.Where(e => e.Track == candidate.Track).ToDictionary(e => e.ItemVersionId);
        var form = (await bank.GetFormAsync(s, sitting.FormId, ct))!.Definition;
        var (_, essays) = await answers.LoadAsync(s, attemptId, ct);
        // Only the essays the choice rule lets count go to rating: never more than the number to answer.
        var rated = EssayChoices.For(form, candidate.Track, pinned).Rated(essays.Where(e => e.Chosen && e.WordCount > 0).Select(e => e.ItemVersionId));
        var queued = new List<string>();
        foreach (var essay in essays.Where(e => rated.Contains(e.ItemVersionId)).OrderBy(e => offered[e.ItemVersionId].Position))
        {
            var pin = offered[essay.ItemVersionId];
            var responseId = await ratings.CreateResponseAsync(s, new RatingResponse
            {
                Code = NewCode(), AttemptId = attemptId, ItemVersionId = essay.ItemVersionId, RubricVersionId = pin.RubricVersionId,
                EssaySet = pin.EssaySet, FormId = sitting.FormId, CreatedAt = at,
            }, ct);
            await ratings.AddTaskAsync(s, responseId, 1, pin.EssaySet, at, ct);
            await ratings.AddTaskAsync(s, responseId, 2, pin.EssaySet, at, ct);
            queued.Add(pin.EssaySet);
        }
        await audit.AppendAsync(s, new AuditEntry(actor, "rating.queued", "attempt", attemptId.ToString(),
            AfterJson: JsonSerializer.Serialize(new { responses = queued.Count, sets = queued })), ct);
        // Nothing to rate (no essay written): Part Two is final now, at zero.
        if (queued.Count == 0) await results.RecordIfCompleteAsync(s, attemptId, actor, at, ct);
        else notifier.AfterCommit(db, attemptId);
    }

    /// <summary>A response code: random, eight characters without look-alikes, unrelated to any id or time.</summary>
    public static string NewCode() => "E-" + RandomNumberGenerator.GetString(Alphabet, 8);
}
