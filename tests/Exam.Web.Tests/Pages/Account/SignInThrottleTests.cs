using System.Net;
using Exam.Core.Accounts;
using Exam.Core.Audit;
using Exam.Data.Accounts;
using Exam.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Account;

/// <summary>The shipped per-address limit (20 failed sign-ins per 15 minutes) with the shipped lockout (5).</summary>
public class ShippedSignInLimitsFactory : ExamAppFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["SignIn:AddressLimit:MaxFailures"] = "20",
        ["SignIn:AddressLimit:WindowMinutes"] = "15",
    };
}

/// <summary>
/// Lockout and the per-address limit together: one address cannot lock out a room, is told plainly why it is
/// refused, and the count holds across nodes because it is kept in the database.
/// </summary>
public sealed class SignInThrottleTests(ShippedSignInLimitsFactory app) : IClassFixture<ShippedSignInLimitsFactory>
{
    private const string Paused = "Too many failed sign-ins have come from this network";

    internal static async Task<List<(string Number, string Code)>> RoomAsync(ExamAppFactory factory, int size)
    {
        var store = factory.Services.GetRequiredService<CandidateStore>();
        var hasher = factory.Services.GetRequiredService<AccessCodeHasher>();
        var now = factory.Clock.GetUtcNow();
        var room = new List<(string, string)>();
        await using var s = await factory.Db.BeginAsync();
        for (var i = 0; i < size; i++)
        {
            var number = await store.NextCandidateNumberAsync(s);
            var code = AccessCode.Generate();
            var id = await store.CreateAsync(s, number, $"Room Candidate {i}", $"r{i}@example.org", "Test AIMH", "IMHS");
            await store.AddAccessCodeAsync(s, id, hasher.Hash(AccessCode.Normalize(code)!), now.AddMinutes(-5), now.AddHours(4));
            room.Add((number, code));
        }
        await s.CommitAsync();
        return room;
    }

    private async Task<int> LockedAsync(IEnumerable<(string Number, string Code)> room)
    {
        var store = app.Services.GetRequiredService<CandidateStore>();
        var lockout = app.Services.GetRequiredService<LockoutPolicy>();
        await using var s = await app.Db.OpenAsync();
        var locked = 0;
        foreach (var (number, _) in room)
            if (lockout.IsLockedOut((await store.FindAsync(s, number))!.Lockout, app.Clock.GetUtcNow())) locked++;
        return locked;
    }

    /// <summary>Wrong codes from one address until it is refused; returns how many were taken (answered 200).</summary>
    private static async Task<int> SprayUntilPausedAsync(Browserless attacker, IEnumerable<string> numbers)
    {
        var taken = 0;
        foreach (var number in numbers)
        {
            var (response, html) = await attacker.CandidateSignInAsync(number, "WRNG-CODE");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains(Paused, html);
                Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single()) > 0);
                return taken;
            }
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            taken++;
        }
        throw new Xunit.Sdk.XunitException("the address was never paused");
    }

    [Fact]
    public async Task One_address_trying_wrong_codes_across_a_room_of_30_locks_out_nobody_is_told_429_and_another_address_still_signs_in()
    {
        var room = await RoomAsync(app, 30);
        var attacker = Browserless.At(app, "198.51.100.10");
        // Round after round over the room, one wrong code per candidate per round.
        var taken = await SprayUntilPausedAsync(attacker, Enumerable.Repeat(room.Select(c => c.Number), 5).SelectMany(r => r));
        Assert.Equal(20, taken);
        Assert.Equal(0, await LockedAsync(room));

        // Paused means paused: the right code from that address is refused too (it is not even checked).
        var (refused, html) = await attacker.CandidateSignInAsync(room[0].Number, room[0].Code);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains(Paused, html);
        Assert.Contains(await app.ActionsAsync(AuditActions.SignInAddressPaused), e => e.SubjectId == "198.51.100.10");

        // Everyone else signs in.
        var (signedIn, _) = await Browserless.At(app, "198.51.100.11").CandidateSignInAsync(room[0].Number, room[0].Code);
        Assert.Equal("/Candidate", signedIn.Headers.Location!.OriginalString);

        // The pause ends with the window.
        app.Clock.Advance(TimeSpan.FromMinutes(15));
        var (after, _) = await attacker.CandidateSignInAsync(room[1].Number, room[1].Code);
        Assert.Equal("/Candidate", after.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_address_that_locks_candidates_one_by_one_locks_out_at_most_the_documented_four_and_the_proctor_unlock_still_works()
    {
        var room = await RoomAsync(app, 30);
        var attacker = Browserless.At(app, "198.51.100.20");
        await SprayUntilPausedAsync(attacker, room.SelectMany(c => Enumerable.Repeat(c.Number, 5)));
        var bound = app.Services.GetRequiredService<AddressThrottle>().MostAccountsLockedPerWindow(app.Services.GetRequiredService<LockoutPolicy>().Options);
        Assert.Equal(4, bound);
        Assert.Equal(bound, await LockedAsync(room));
        Assert.Equal(bound, await LockedAsync(room.Take(bound)));
    }

    [Fact]
    public async Task Staff_and_candidate_forms_and_unknown_names_draw_on_one_budget_per_address()
    {
        var attacker = Browserless.At(app, "198.51.100.30");
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.OK, (await attacker.StaffSignInAsync($"no-such-user-{i}", "wrong")).Response.StatusCode);
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.OK, (await attacker.CandidateSignInAsync($"99{i:0000}", "WRNG-CODE")).Response.StatusCode);
        var admin = DemoLogins.Staff("admin");
        var (staff, html) = await attacker.StaffSignInAsync(admin.UserName, admin.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, staff.StatusCode);
        Assert.Contains(Paused, html);
    }

    [Fact]
    public async Task The_count_is_in_the_database_so_a_second_node_continues_it()
    {
        using var nodeB = new SecondNodeFactory(app);
        var a = Browserless.At(app, "198.51.100.40");
        var b = Browserless.At(nodeB, "198.51.100.40");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await a.CandidateSignInAsync("990001", "WRNG-CODE")).Response.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await b.CandidateSignInAsync("990002", "WRNG-CODE")).Response.StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await a.CandidateSignInAsync("990003", "WRNG-CODE")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await b.CandidateSignInAsync("990003", "WRNG-CODE")).Response.StatusCode);
    }

    /// <summary>Another node of the same deployment: the first one's database file and key ring.</summary>
    private sealed class SecondNodeFactory(ExamAppFactory first) : ShippedSignInLimitsFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings
        {
            get
            {
                var settings = new Dictionary<string, string?>(base.Settings)
                {
                    ["Database:SqlitePath"] = Path.Combine(first.DataDir, "exam.db"),
                    ["DataProtection:KeysPath"] = Path.Combine(first.DataDir, "keys"),
                };
                if (first.SqlServerDatabase is { } database) settings["ConnectionStrings:Exam"] = SqlServerConnectionString(database);
                return settings;
            }
        }
    }
}
