using Exam.Web.Demo;

namespace Exam.Web.Tests.Infrastructure;

public sealed class DemoLoginTests
{
    [Fact]
    public void Every_demo_login_prints_on_its_own_line_as_role_user_slash_password()
    {
        var lines = DemoSeeder.LoginLines().ToList();
        Assert.Equal(DemoData.Staff.Count + DemoData.Candidates.Count, lines.Count);
        Assert.All(lines, l => Assert.Matches(@"^[a-z ]+: \S+ / \S+$", l));
        Assert.Contains("candidate: 100001 / 7KXP-M4QD", lines);
        foreach (var role in new[] { "admin", "coordinator", "committee", "proctor", "rater", "lead rater" })
            Assert.Contains(lines, l => l.StartsWith(role + ":", StringComparison.Ordinal));
    }
}
