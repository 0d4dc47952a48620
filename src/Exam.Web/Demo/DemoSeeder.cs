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
/// published demo form, an open sitting of that form, and the demo candidate registered for both parts; then the
/// rating demo and a past sitting of simulated candidates for the item analysis.
/// Several nodes may start on the same new database at once: one claims the seeding, the others wait until it is
/// done. Each step skips what is already there, so a node taking over from one that died mid-seed completes it.
/// </summary>
public sealed class DemoSeeder(
    Db db, StaffAccountStore staff, CandidateStore candidates, SittingStore sittings, RegistrationStore registrations,
    ItemBankImporter importer, AuditLog audit, PasswordHasher<StaffAccount> hasher, AccessCodeHasher codes, TimeProvider clock,
    DemoRatingSeeder ratingDemo, DemoValiditySeeder validityDemo, SimulatedSittingSeeder simulatedSitting, StartupClaims claims)
{
    public const string DemoFormId = "demo-2027";

    /// <summary>The start-up task's name in startup_claims.</summary>
    public const string SeedTask = "demo-seed";

    /// <summary>A seeding claim older than this (its node died) is taken over; far longer than a seed takes.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>Seeds once per database, whichever node gets there first; true when this call seeded.</summary>
    public async Task<bool> SeedAsync(string itemBankPath, CancellationToken ct = default)
    {
        var owner = $"{Environment.MachineName} pid {Environment.ProcessId} {Guid.NewGuid():N}";
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            bool claimed;
            await using (var s = await db.BeginAsync(ct: ct))
            {
                var claim = await claims.GetAsync(s, SeedTask, ct);
                if (claim?.CompletedAt is not null) return false;
                // A database seeded before claims existed, or filled by hand: nothing to seed.
                if (claim is null && await staff.CountAsync(s, ct) > 0) return false;
                claimed = await claims.TryClaimAsync(s, SeedTask, owner, clock.GetUtcNow(), Lease, ct);
                await s.CommitAsync(ct);
            }
            if (claimed) break;
            if (waiting.Elapsed > 2 * Lease) throw new TimeoutException($"Another node has held the demo seeding for over {2 * Lease.TotalMinutes} minutes.");
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct); // real time: another process is working
        }
        await SeedOnceAsync(itemBankPath, ct);
        await using (var s = await db.BeginAsync(ct: ct))
        {
            await claims.CompleteAsync(s, SeedTask, owner, clock.GetUtcNow(), ct);
            await s.CommitAsync(ct);
        }
        return true;
    }

    private async Task SeedOnceAsync(string itemBankPath, CancellationToken ct)
    {
        // Staff first: the bank's approvals name the demo committee accounts, and an import records only real ones.
        await using (var s = await db.BeginAsync(ct: ct))
        {
            // All or nothing: staff present means this transaction committed before (a seed taken over).
            if (await staff.CountAsync(s, ct) == 0)
                foreach (var login in DemoData.Staff)
                    await staff.CreateAsync(s, login.UserName, login.DisplayName, hasher.HashPassword(null!, login.Password), login.Roles, ct);
            await s.CommitAsync(ct);
        }

        var imported = await importer.ImportAsync(itemBankPath, DemoData.Staff[0].UserName, ct);
        if (!imported.Succeeded)
            throw new InvalidOperationException("The item bank did not import:\n" + string.Join("\n", imported.Problems));

        var now = clock.GetUtcNow();
        await using (var s = await db.BeginAsync(ct: ct))
        {
            // All or nothing: the demo candidate present means this transaction committed before (a seed taken over).
            if (await candidates.FindAsync(s, DemoData.Candidates[0].Number, ct) is null) await SeedPeopleAsync(s, itemBankPath, now, ct);
            await s.CommitAsync(ct);
        }
        await ratingDemo.SeedAsync(ct);
        await validityDemo.SeedAsync(ct);
        await simulatedSitting.SeedAsync(ct);
    }

    private async Task SeedPeopleAsync(DbSession s, string itemBankPath, DateTimeOffset now, CancellationToken ct)
    {
        long? proctorId = null;
        foreach (var login in DemoData.Staff.Where(l => l.Roles.Contains(Roles.Proctor)))
            proctorId ??= (await staff.FindAsync(s, login.UserName, ct))?.Id;
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
    }

    /// <summary>The demo logins, one per line as "role: user / password".</summary>
    public static IEnumerable<string> LoginLines() =>
        DemoData.Staff.Select(l => $"{l.Label}: {l.UserName} / {l.Password}")
            .Concat(DemoData.Candidates.Select(c => $"candidate: {c.Number} / {c.AccessCode}"));
}
