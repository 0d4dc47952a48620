using Exam.Core.Accounts;
using Exam.Core.Audit;
using Exam.Data.Accounts;
using Exam.Data.Audit;
using Exam.Data.Database;
using Microsoft.AspNetCore.Identity;

namespace Exam.Web.Demo;

/// <summary>Seeds the demo accounts into a new database (one with no staff yet), in one transaction.</summary>
public sealed class DemoSeeder(
    Db db, StaffAccountStore staff, CandidateStore candidates, AuditLog audit,
    PasswordHasher<StaffAccount> hasher, AccessCodeHasher codes, TimeProvider clock)
{
    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        await using var s = await db.BeginAsync(ct: ct);
        if (await staff.CountAsync(s, ct) > 0) return false;
        foreach (var login in DemoData.Staff)
            await staff.CreateAsync(s, login.UserName, login.DisplayName, hasher.HashPassword(null!, login.Password), login.Roles, ct);
        var now = clock.GetUtcNow();
        foreach (var c in DemoData.Candidates)
        {
            var id = await candidates.CreateAsync(s, c.Number, c.FullName, c.Email, c.Association, c.Track, "Demo candidate", ct);
            await candidates.AddAccessCodeAsync(s, id, codes.Hash(AccessCode.Normalize(c.AccessCode)!), now.AddDays(-1), now.AddDays(365), ct);
        }
        await audit.AppendAsync(s, new AuditEntry("system", "demo.seeded", "database", null,
            Detail: $"{DemoData.Staff.Count} staff, {DemoData.Candidates.Count} candidates"), ct);
        await s.CommitAsync(ct);
        return true;
    }

    /// <summary>The demo logins, one per line as "role: user / password".</summary>
    public static IEnumerable<string> LoginLines() =>
        DemoData.Staff.Select(l => $"{l.Label}: {l.UserName} / {l.Password}")
            .Concat(DemoData.Candidates.Select(c => $"candidate: {c.Number} / {c.AccessCode}"));
}
