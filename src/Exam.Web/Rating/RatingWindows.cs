using System.Text.Json;
using Exam.Core.Audit;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.Rating;

namespace Exam.Web.Rating;

/// <summary>A pending conflict request as a lead or the committee reviews it: with what it matches in the queues.</summary>
public sealed record ConflictReview(ConflictRequest Request, IReadOnlyList<ConflictMatch> Matches);

/// <summary>
/// Rating windows and the review of conflict changes asked for during one. While a window is open a rater's
/// declarations are fixed: otherwise declaring a name and watching what "Start next" offers, then removing it, would
/// tell them which responses that person wrote. A change goes to the lead raters and the committee, who see the
/// match and decide; the rater learns only that their request was approved or declined. Every step is audited.
/// </summary>
public sealed class RatingWindows(Db db, RatingWindowStore windows, RatingStore ratings, AuditLog audit, RatingNotifier notifier, TimeProvider clock)
{
    public async Task<(RatingWindow? Open, IReadOnlyList<RatingWindow> Recent)> StateAsync(CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        return (await windows.OpenAsync(s, ct), await windows.RecentAsync(s, ct));
    }

    /// <summary>Opens a rating window; an error message when one is open already.</summary>
    public async Task<string?> OpenAsync(string actor, CancellationToken ct = default)
    {
        await using (var s = await db.BeginAsync(ct: ct))
        {
            var id = await windows.OpenWindowAsync(s, actor, clock.GetUtcNow(), ct);
            if (id is null) return "A rating window is open already.";
            await audit.AppendAsync(s, new AuditEntry(actor, "rating.window-opened", "rating-window", id.Value.ToString()), ct);
            await s.CommitAsync(ct);
        }
        await notifier.QueueChangedAsync();
        return null;
    }

    /// <summary>Closes the open window; an error message when none is open.</summary>
    public async Task<string?> CloseAsync(string actor, CancellationToken ct = default)
    {
        await using (var s = await db.BeginAsync(ct: ct))
        {
            var open = await windows.OpenAsync(s, ct);
            if (open is null || !await windows.CloseWindowAsync(s, open.Id, actor, clock.GetUtcNow(), ct)) return "No rating window is open.";
            await audit.AppendAsync(s, new AuditEntry(actor, "rating.window-closed", "rating-window", open.Id.ToString()), ct);
            await s.CommitAsync(ct);
        }
        await notifier.QueueChangedAsync();
        return null;
    }

    /// <summary>Pending requests with the responses each one matches (names shown: this is for leads and the committee).</summary>
    public async Task<IReadOnlyList<ConflictReview>> PendingAsync(CancellationToken ct = default)
    {
        await using var s = await db.OpenAsync(ct);
        var reviews = new List<ConflictReview>();
        foreach (var r in await windows.PendingAsync(s, ct))
            reviews.Add(new ConflictReview(r, await windows.MatchesAsync(s, r.UserId, r.Kind, r.Value, ct)));
        return reviews;
    }

    /// <summary>Approves (and applies) or declines a pending request; an error message when it was decided already.</summary>
    public async Task<string?> DecideAsync(long requestId, bool approve, string actor, CancellationToken ct = default)
    {
        await using (var s = await db.BeginAsync(ct: ct))
        {
            var request = await windows.RequestAsync(s, requestId, ct);
            var status = approve ? ConflictRequestStatus.Approved : ConflictRequestStatus.Declined;
            if (request is null || !await windows.DecideAsync(s, requestId, status, actor, clock.GetUtcNow(), ct))
                return "That request has been decided already.";
            if (approve && request.Action == ConflictAction.Declare)
                await ratings.AddConflictAsync(s, request.UserId, request.Kind, request.Value, clock.GetUtcNow(), ct);
            else if (approve)
                foreach (var c in (await ratings.ConflictsAsync(s, request.UserId, ct)).Where(c => c.Kind == request.Kind && c.Value == request.Value))
                    await ratings.RemoveConflictAsync(s, request.UserId, c.Id, ct);
            await audit.AppendAsync(s, new AuditEntry(actor, approve ? "rater.conflict-request-approved" : "rater.conflict-request-declined",
                "staff", request.UserId.ToString(),
                BeforeJson: JsonSerializer.Serialize(new { request.Id, request.Action, request.Kind, request.Value, request.Status }),
                AfterJson: JsonSerializer.Serialize(new { request.Id, status })), ct);
            await s.CommitAsync(ct);
        }
        await notifier.QueueChangedAsync();
        return null;
    }
}

public static class ConflictAction
{
    public const string Declare = "declare";
    public const string Remove = "remove";
}
