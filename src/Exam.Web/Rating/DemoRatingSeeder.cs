using Exam.Core.Accounts;
using Exam.Data.Accounts;
using Exam.Data.Database;
using Exam.Data.Rating;

namespace Exam.Web.Rating;

/// <summary>Demo rating data: every demo rater assigned to every essay set.</summary>
public sealed class DemoRatingSeeder(Db db, StaffAccountStore staff, RatingStore ratings, TimeProvider clock)
{
    /// <summary>Demo candidates who have sat both parts of the demo form; their essays wait in the rating queues.</summary>
    public static readonly IReadOnlyList<Exam.Web.Demo.DemoData.CandidateLogin> Candidates =
    [
        new("100002", "Avery Okafor", "avery.okafor@example.org", "Alaska Association for Infant and Early Childhood Mental Health", "IMHS", "Q7MN-2KXD"),
        new("100003", "Jordan Whitfield", "jordan.whitfield@example.org", "Michigan Association for Infant Mental Health", "IMHS", "H4TR-9PZL"),
        new("100004", "Priya Raman", "priya.raman@example.org", "Texas Association for Infant Mental Health", "IMHS", "B8WC-5JNF"),
        new("100005", "Samuel Ortiz", "samuel.ortiz@example.org", "Infant Mental Health Association of Pennsylvania", "IMHS", "V3YG-6DKS"),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var s = await db.BeginAsync(ct: ct);
        foreach (var account in await staff.ListAsync(s, ct))
            if (account.Roles.Contains(Roles.Rater) || account.Roles.Contains(Roles.LeadRater))
                await ratings.SetSetsAsync(s, account.Id, RaterProfiles.AllSets, "demo-seed", clock.GetUtcNow(), ct);
        await s.CommitAsync(ct);
    }
}
