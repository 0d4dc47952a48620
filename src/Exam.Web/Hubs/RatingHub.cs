using Exam.Core.Accounts;
using Exam.Web.Accounts;
using Exam.Web.Infrastructure;
using Exam.Web.Rating;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Exam.Web.Hubs;

/// <summary>What a rater's page hears: only that the queues changed. It then asks for its own view.</summary>
public interface IRatingClient
{
    Task QueueChanged();
}

/// <summary>
/// The raters' live queue. Messages carry no payload, and the view a rater asks for holds counts per essay set
/// and their own claims by response code: nothing that could identify a candidate. The database is the truth,
/// so a page that reconnects, is told to "Resync" (the backplane came back) or reaches its interval simply asks again.
/// </summary>
[Authorize(Policy = Policies.Rating)]
public sealed class RatingHub(RatingService rating) : Hub<IRatingClient>
{
    public const string Path = "/hubs/rating";
    public const string RatersGroup = "raters";

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, RatersGroup, Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }

    /// <summary>The caller's queue: waiting responses per set of theirs, adjudications for lead raters, their claims.</summary>
    public Task<QueueView> Queue() =>
        rating.QueueAsync(Context.User!.AccountId()!.Value, Context.User!.IsInRole(Roles.LeadRater), Context.ConnectionAborted);
}
