using System.Net;
using System.Text.RegularExpressions;
using Exam.Core.Accounts;
using Exam.Data.Accounts;
using Exam.Web.Accounts;
using Exam.Web.Tests.Fixtures;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Pages.Account;

/// <summary>The app with a password hasher that records which stored hashes it verified against.</summary>
public sealed class RecordingHasherFactory : ExamAppFactory
{
    public RecordingPasswordHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<PasswordHasher<StaffAccount>>(Hasher));
    }
}

public sealed class RecordingPasswordHasher : PasswordHasher<StaffAccount>
{
    private readonly List<string> _verified = [];

    public IReadOnlyList<string> Verified { get { lock (_verified) return [.. _verified]; } }

    public override PasswordVerificationResult VerifyHashedPassword(StaffAccount user, string hashedPassword, string providedPassword)
    {
        lock (_verified) _verified.Add(hashedPassword);
        return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>
/// An unknown candidate number or user name is answered, costs and counts exactly as a known one with a wrong secret:
/// the same bytes, the same hashing work (a decoy of the same kind), the same lockout.
/// </summary>
public sealed partial class UnknownNameTests(RecordingHasherFactory app) : IClassFixture<RecordingHasherFactory>
{
    private SignInGuard Guard => app.Services.GetRequiredService<SignInGuard>();

    /// <summary>The page with what differs by construction taken out: the antiforgery token and the name typed, echoed in its field.</summary>
    private static string Normalized(string html, string typed) =>
        Token().Replace(html, "TOKEN").Replace($"value=\"{typed}\"", "value=\"TYPED\"");

    private static void AssertSameAnswer(
        (HttpResponseMessage Response, string Body) known, string knownName, (HttpResponseMessage Response, string Body) unknown, string unknownName)
    {
        Assert.Equal(known.Response.StatusCode, unknown.Response.StatusCode);
        Assert.Equal(known.Response.Content.Headers.ContentType, unknown.Response.Content.Headers.ContentType);
        Assert.Equal(Normalized(known.Body, knownName), Normalized(unknown.Body, unknownName));
        Assert.Equal(known.Response.Headers.Select(h => h.Key).Order(), unknown.Response.Headers.Select(h => h.Key).Order());
    }

    [Fact]
    public async Task An_unknown_candidate_number_gets_the_same_bytes_and_the_same_hashing_as_a_known_one_with_a_wrong_code()
    {
        var (number, _) = (await SignInThrottleTests.RoomAsync(app, 1))[0];
        var unknown = "99" + number[2..];

        var wrong = AccessCode.Generate(); // well formed, so the known number's real code is verified against it
        var before = Guard.DecoyVerifications;
        var knownAnswer = await Browserless.For(app).CandidateSignInAsync(number, wrong);
        Assert.Equal(before, Guard.DecoyVerifications);
        var unknownAnswer = await Browserless.For(app).CandidateSignInAsync(unknown, wrong);
        Assert.Equal(before + 1, Guard.DecoyVerifications); // the decoy instead

        Assert.Equal(HttpStatusCode.OK, knownAnswer.Response.StatusCode);
        Assert.Contains("The candidate number or access code is not right", unknownAnswer.Body);
        AssertSameAnswer(knownAnswer, number, unknownAnswer, unknown);
    }

    [Fact]
    public async Task An_unknown_user_name_gets_the_same_bytes_and_a_password_hash_of_the_same_cost_as_a_known_one_with_a_wrong_password()
    {
        var known = DemoLogins.Staff("proctor").UserName;
        const string unknown = "no-such-proctor";

        var before = app.Hasher.Verified.Count;
        var knownAnswer = await Browserless.For(app).StaffSignInAsync(known, "wrong-password");
        var decoys = Guard.DecoyVerifications;
        var unknownAnswer = await Browserless.For(app).StaffSignInAsync(unknown, "wrong-password");
        Assert.Equal(decoys + 1, Guard.DecoyVerifications);

        var verified = app.Hasher.Verified.Skip(before).ToList();
        Assert.Equal(2, verified.Count); // one PBKDF2 verification each
        Assert.NotEqual(verified[0], verified[1]);
        // Same format, pseudo-random function, iteration count and salt length (the bytes before the salt).
        Assert.Equal(Convert.FromBase64String(verified[0])[..13], Convert.FromBase64String(verified[1])[..13]);

        Assert.Contains("The user name or password is not right", unknownAnswer.Body);
        AssertSameAnswer(knownAnswer, known, unknownAnswer, unknown);
    }

    [Fact]
    public async Task Five_wrong_codes_lock_an_unknown_number_exactly_as_they_lock_a_known_one()
    {
        var (number, _) = (await SignInThrottleTests.RoomAsync(app, 1))[0];
        var unknown = "98" + number[2..];
        for (var i = 0; i < 4; i++)
            AssertSameAnswer(await Browserless.For(app).CandidateSignInAsync(number, "WRNG-CODE"), number,
                await Browserless.For(app).CandidateSignInAsync(unknown, "WRNG-CODE"), unknown);
        var knownLocked = await Browserless.For(app).CandidateSignInAsync(number, "WRNG-CODE");
        var unknownLocked = await Browserless.For(app).CandidateSignInAsync(unknown, "WRNG-CODE");
        Assert.Contains("Sign-in is locked after too many wrong codes", unknownLocked.Body);
        AssertSameAnswer(knownLocked, number, unknownLocked, unknown);
        // And while locked.
        AssertSameAnswer(await Browserless.For(app).CandidateSignInAsync(number, "WRNG-CODE"), number,
            await Browserless.For(app).CandidateSignInAsync(unknown, "WRNG-CODE"), unknown);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_an_unknown_user_name_exactly_as_they_lock_a_known_one()
    {
        var known = DemoLogins.Staff("rater1").UserName;
        const string unknown = "no-such-rater";
        for (var i = 0; i < 5; i++)
            AssertSameAnswer(await Browserless.For(app).StaffSignInAsync(known, "wrong"), known,
                await Browserless.For(app).StaffSignInAsync(unknown, "wrong"), unknown);
        var unknownLocked = await Browserless.For(app).StaffSignInAsync(unknown.ToUpperInvariant(), "wrong");
        Assert.Contains("This account is locked after too many failed attempts", unknownLocked.Body);
        AssertSameAnswer(await Browserless.For(app).StaffSignInAsync(known.ToUpperInvariant(), "wrong"), known.ToUpperInvariant(),
            unknownLocked, unknown.ToUpperInvariant());
    }

    [Fact]
    public async Task A_wrong_password_for_a_disabled_account_reads_as_any_wrong_password()
    {
        var staff = app.Services.GetRequiredService<StaffAccountStore>();
        await using (var s = await app.Db.BeginAsync())
        {
            var id = await staff.CreateAsync(s, "gone-away", "Gone Away", new PasswordHasher<StaffAccount>().HashPassword(new StaffAccount(), "right-password-1"), [Roles.Proctor]);
            await staff.SetDisabledAsync(s, id, true);
            await s.CommitAsync();
        }
        var disabledWrong = await Browserless.For(app).StaffSignInAsync("gone-away", "wrong");
        var unknownWrong = await Browserless.For(app).StaffSignInAsync("never-was", "wrong");
        AssertSameAnswer(disabledWrong, "gone-away", unknownWrong, "never-was");
        var (_, right) = await Browserless.For(app).StaffSignInAsync("gone-away", "right-password-1");
        Assert.Contains("This account is disabled", right);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex Token();
}
