using Exam.Core.Accounts;
using Exam.Data.Accounts;
using Exam.Data.Database;
using Exam.Data.Rating;

namespace Exam.Web.Rating;

/// <summary>Demo rating data: every demo rater assigned to every essay set.</summary>
public sealed class DemoRatingSeeder(Db db, StaffAccountStore staff, RatingStore ratings, TimeProvider clock)
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var s = await db.BeginAsync(ct: ct);
        foreach (var account in await staff.ListAsync(s, ct))
            if (account.Roles.Contains(Roles.Rater) || account.Roles.Contains(Roles.LeadRater))
                await ratings.SetSetsAsync(s, account.Id, RaterProfiles.AllSets, "demo-seed", clock.GetUtcNow(), ct);
        await s.CommitAsync(ct);
    }
}
