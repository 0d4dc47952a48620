using Exam.Web.Accounts;
using Exam.Web.Delivery;
using Exam.Web.Infrastructure;
using Exam.Web.Proctoring;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Exam.Web.Hubs;

/// <summary>
/// The candidate's live line to the server: the clock, pauses, submissions. On (re)connect the hub replays the
/// clock from the database, so a dropped message or a reconnect loses nothing.
/// </summary>
[Authorize(Policy = Policies.Candidate)]
public sealed class ExamHub(ExamService exams, PresenceTracker presence) : Hub<IExamClient>
{
    public const string Path = "/hubs/exam";

    public static string Group(long attemptId) => $"attempt-{attemptId}";

    public override async Task OnConnectedAsync()
    {
        var ctx = await exams.LoadAsync(Context.User!.AccountId()!.Value, Context.User!.RegistrationId(), ct: Context.ConnectionAborted);
        if (ctx?.Attempt is { } attempt)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, Group(attempt.Id), Context.ConnectionAborted);
            if (ctx.RunningPart is { } part) await Clients.Caller.Clock(exams.ClockFor(part));
            // The proctor's console shows the attempt's own page as connected, not a second computer waiting.
            if (attempt.SessionId == Context.User!.SessionId()) await presence.ConnectedAsync(Context.ConnectionId, attempt.Id, Context.ConnectionAborted);
        }
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await presence.DisconnectedAsync(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>The page asks for the clock (every minute, and after waking up); the answer is the server's.</summary>
    public async Task<ClockMessage?> Sync()
    {
        var ctx = await exams.LoadAsync(Context.User!.AccountId()!.Value, Context.User!.RegistrationId(), ct: Context.ConnectionAborted);
        return ctx?.RunningPart is { } part ? exams.ClockFor(part) : null;
    }
}
