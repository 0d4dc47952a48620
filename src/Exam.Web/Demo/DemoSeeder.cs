using Exam.Core.Accounts;
using Exam.Core.Audit;
using Exam.Data.Accounts;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Data.Scheduling;
using Exam.ItemBank.Services;
using Exam.Web.Rating;
using Microsoft.AspNetCore.Identity;

namespace Exam.Web.Demo;

/// <summary>
/// Seeds a new database (one with no staff yet): the demo accounts, the item bank from itembank/ with its
/// published demo form, an open sitting of that form, and the demo candidate registered for both parts.
/// </summary>
public sealed class DemoSeeder(
    Db db, StaffAccountStore staff, CandidateStore candidates, SittingStore sittings, RegistrationStore registrations,
    ItemBankImporter importer, AuditLog audit, PasswordHasher<StaffAccount> hasher, AccessCodeHasher codes, TimeProvider clock,
    DemoRatingSeeder ratingDemo)
{
    public const string DemoFormId = "demo-2026";

    public async Task<bool> SeedAsync(string itemBankPath, CancellationToken ct = default)
    {
        await using (var check = await db.OpenAsync(ct))
            if (await staff.CountAsync(check, ct) > 0) return false;

        var imported = await importer.ImportAsync(itemBankPath, "demo-seed", ct);
        if (!imported.Succeeded)
            throw new InvalidOperationException("The item bank did not import:\n" + string.Join("\n", imported.Problems));

        var now = clock.GetUtcNow();
        await using var s = await db.BeginAsync(ct: ct);
        long? proctorId = null;
        foreach (var login in DemoData.Staff)
        {
            var id = await staff.CreateAsync(s, login.UserName, login.DisplayName, hasher.HashPassword(null!, login.Password), login.Roles, ct);
            if (login.Roles.Contains(Roles.Proctor)) proctorId ??= id;
        }
        var sitting = new Sitting
        {
            Title = "Demo sitting (open)", FormId = DemoFormId, OpensAt = now.AddHours(-1), ClosesAt = now.AddDays(60),
            Location = "Remote", ProctorUserId = proctorId, RequiresAdmission = false,
        };
        sitting = sitting with { Id = await sittings.CreateAsync(s, sitting, ct) };
        foreach (var c in DemoData.Candidates)
        {
            var candidateId = await candidates.CreateAsync(s, c.Number, c.FullName, c.Email, c.Association, c.Track, "Demo candidate", ct);
            var registration = new Registration { CandidateId = candidateId, SittingId = sitting.Id, SitPartOne = true, SitPartTwo = true };
            registration = registration with { Id = await registrations.CreateAsync(s, registration, ct) };
            await registrations.IssueAccessCodeAsync(s, registration, codes.Hash(AccessCode.Normalize(c.AccessCode)!), sitting.OpensAt, sitting.ClosesAt, ct);
        }
        await audit.AppendAsync(s, new AuditEntry("system", "demo.seeded", "database", null,
            Detail: $"{DemoData.Staff.Count} staff, {DemoData.Candidates.Count} candidates, item bank from {itemBankPath}"), ct);
        await s.CommitAsync(ct);
        await ratingDemo.SeedAsync(ct);
        return true;
    }

    /// <summary>The demo logins, one per line as "role: user / password".</summary>
    public static IEnumerable<string> LoginLines() =>
        DemoData.Staff.Select(l => $"{l.Label}: {l.UserName} / {l.Password}")
            .Concat(DemoData.Candidates.Select(c => $"candidate: {c.Number} / {c.AccessCode}"));
}
