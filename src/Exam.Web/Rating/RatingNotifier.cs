using Exam.Data.Database;
using Exam.Data.Rating;
using Exam.Web.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace Exam.Web.Rating;

/// <summary>
/// Tells every connected rater that the queues changed; each client then asks for its own view. The send is queued and
/// never awaited on the wire (see Live/DetachedHubLifetimeManager), so a rating never waits on the backplane.
/// </summary>
public sealed partial class RatingNotifier(IHubContext<RatingHub, IRatingClient> hub, RatingStore ratings, ILogger<RatingNotifier> logger)
{
    public Task QueueChangedAsync() => hub.Clients.Group(RatingHub.RatersGroup).QueueChanged();

    /// <summary>
    /// Notifies once the caller's transaction (which queued the attempt's responses) has committed. The wait is the
    /// database's own: on SQLite a second BEGIN IMMEDIATE waits for the writer; on SQL Server the count reads with
    /// READCOMMITTEDLOCK, so it waits for the new rows' locks instead of reading the snapshot from before them
    /// (READ_COMMITTED_SNAPSHOT is on). A rolled-back submission leaves no rows and notifies nobody.
    /// </summary>
    public void AfterCommit(Db db, long attemptId) => _ = Task.Run(async () =>
    {
        try
        {
            int count;
            await using (var s = await db.BeginAsync())
                count = await ratings.CountResponsesAfterCommitAsync(s, attemptId);
            if (count > 0) await QueueChangedAsync();
        }
        catch (Exception e)
        {
            NotifyFailed(logger, e);
        }
    });

    [LoggerMessage(3100, LogLevel.Warning, "Could not tell raters about new responses; their pages catch up when they resync")]
    private static partial void NotifyFailed(ILogger logger, Exception e);
}
