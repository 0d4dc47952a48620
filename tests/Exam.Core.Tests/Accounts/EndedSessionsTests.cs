using Exam.Core.Accounts;

namespace Exam.Core.Tests.Accounts;

public sealed class EndedSessionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private readonly EndedSessions _ended = new(TimeSpan.FromHours(12));

    private static SignInTicket Candidate(string signIn, string device, DateTimeOffset at) => new(PrincipalKind.Candidate, 7, signIn, device, at);

    [Fact]
    public void Signing_out_ends_that_sign_in_only()
    {
        _ended.Add(new SessionEnd(PrincipalKind.Candidate, 7, "a", null, Now, SessionEndReason.SignOut));
        Assert.Equal(SessionEndReason.SignOut, _ended.EndOf(Candidate("a", "pc1", Now.AddMinutes(-5)), Now));
        Assert.Null(_ended.EndOf(Candidate("b", "pc1", Now.AddMinutes(-5)), Now)); // another browser of the same candidate
        Assert.Null(_ended.EndOf(Candidate("c", "pc1", Now.AddMinutes(1)), Now.AddMinutes(1))); // signing in again
    }

    [Fact]
    public void A_re_admit_ends_the_old_computers_sign_ins_made_until_then_and_no_other_computers()
    {
        _ended.Add(new SessionEnd(PrincipalKind.Candidate, 7, null, "pc1", Now, SessionEndReason.Readmit));
        Assert.Equal(SessionEndReason.Readmit, _ended.EndOf(Candidate("a", "pc1", Now.AddMinutes(-5)), Now));
        Assert.Null(_ended.EndOf(Candidate("b", "pc2", Now.AddMinutes(-1)), Now));
        Assert.Null(_ended.EndOf(Candidate("c", "pc1", Now.AddSeconds(1)), Now.AddSeconds(1)));
        Assert.Null(_ended.EndOf(new SignInTicket(PrincipalKind.Candidate, 8, "d", "pc1", Now.AddMinutes(-5)), Now)); // another candidate
    }

    [Fact]
    public void Disabling_ends_every_sign_in_of_the_account_made_until_then()
    {
        _ended.Add(new SessionEnd(PrincipalKind.Staff, 7, null, null, Now, SessionEndReason.Disabled));
        Assert.Equal(SessionEndReason.Disabled, _ended.EndOf(new SignInTicket(PrincipalKind.Staff, 7, "a", null, Now), Now));
        Assert.Null(_ended.EndOf(new SignInTicket(PrincipalKind.Staff, 7, "b", null, Now.AddSeconds(1)), Now.AddSeconds(1)));
        Assert.Null(_ended.EndOf(Candidate("c", "pc1", Now.AddMinutes(-5)), Now)); // candidate 7 is someone else
    }

    [Fact]
    public void A_sign_in_ends_on_its_own_after_the_longest_day_and_older_ends_are_forgotten()
    {
        var ticket = Candidate("a", "pc1", Now);
        Assert.Null(_ended.EndOf(ticket, Now.AddHours(12)));
        Assert.Equal(SessionEndReason.Expired, _ended.EndOf(ticket, Now.AddHours(12).AddTicks(1)));

        _ended.Add(new SessionEnd(PrincipalKind.Candidate, 7, "a", null, Now, SessionEndReason.SignOut));
        _ended.Prune(Now.AddHours(12));
        Assert.Equal(1, _ended.Count);
        _ended.Prune(Now.AddHours(12).AddTicks(1));
        Assert.Equal(0, _ended.Count);
    }
}
