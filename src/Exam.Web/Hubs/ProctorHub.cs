using System.Security.Claims;
using Exam.Data.Scheduling;
using Exam.Web.Infrastructure;
using Exam.Web.Proctoring;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Exam.Web.Hubs;

/// <summary>
/// The proctor's console. Only the sitting's proctor (or an admin) joins its group or acts on it; the hub checks
/// that on every call, from the database, and validates every argument. Join returns the whole console from the
/// database, so a console that reconnects, hears "Resync" or resyncs at its interval rebuilds itself rather than
/// trusting messages it may have missed. Joining works while the backplane is down (the group waits for it).
/// </summary>
[Authorize(Policy = Policies.Proctor)]
public sealed class ProctorHub(ProctorService proctoring) : Hub<IProctorClient>
{
    public const string Path = "/hubs/proctor";

    public static string Group(long sittingId) => $"sitting-{sittingId}";

    public async Task<RosterSnapshot> Join(long sittingId)
    {
        var sitting = await SittingAsync(sittingId);
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(sitting.Id), Context.ConnectionAborted);
        return await proctoring.SnapshotAsync(sitting, Context.ConnectionAborted);
    }

    public async Task Admit(long sittingId, long attemptId) =>
        Done(await proctoring.AdmitAsync(await SittingAsync(sittingId), Actor, attemptId, Context.ConnectionAborted));

    /// <summary>Pauses one candidate, or every candidate running a part when attemptId is null.</summary>
    public async Task Pause(long sittingId, long? attemptId, string? reason) =>
        Done(await proctoring.PauseAsync(await SittingAsync(sittingId), Actor, attemptId, reason, Context.ConnectionAborted));

    public async Task Resume(long sittingId, long? attemptId, string? reason) =>
        Done(await proctoring.ResumeAsync(await SittingAsync(sittingId), Actor, attemptId, reason, Context.ConnectionAborted));

    public async Task Extend(long sittingId, long attemptId, int minutes, string reason) =>
        Done(await proctoring.ExtendAsync(await SittingAsync(sittingId), Actor, attemptId, minutes, reason, Context.ConnectionAborted));

    public async Task Void(long sittingId, long attemptId, string reason) =>
        Done(await proctoring.VoidAsync(await SittingAsync(sittingId), Actor, attemptId, reason, Context.ConnectionAborted));

    public async Task Readmit(long sittingId, long attemptId, string? reason) =>
        Done(await proctoring.ReadmitAsync(await SittingAsync(sittingId), Actor, attemptId, reason, Context.ConnectionAborted));

    /// <summary>Starts one of the candidate's approved rest breaks (their clock stops for at most its length).</summary>
    public async Task StartBreak(long sittingId, long attemptId) =>
        Done(await proctoring.StartBreakAsync(await SittingAsync(sittingId), Actor, attemptId, Context.ConnectionAborted));

    public async Task EndBreak(long sittingId, long attemptId) =>
        Done(await proctoring.EndBreakAsync(await SittingAsync(sittingId), Actor, attemptId, Context.ConnectionAborted));

    public async Task RecordIncident(long sittingId, long? attemptId, string category, string text) =>
        Done(await proctoring.RecordIncidentAsync(await SittingAsync(sittingId), Actor, attemptId, category, text, Context.ConnectionAborted));

    private string Actor => Context.User!.FindFirstValue(ClaimTypes.Name) ?? "unknown";

    private async Task<Sitting> SittingAsync(long sittingId) =>
        await proctoring.SittingForAsync(Context.User!, sittingId, Context.ConnectionAborted)
        ?? throw new HubException("You are not the proctor of that sitting.");

    private static void Done(string? error)
    {
        if (error is not null) throw new HubException(error);
    }
}
