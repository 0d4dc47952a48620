using Exam.Web.Demo;

namespace Exam.Web.Tests.Fixtures;

/// <summary>Demo logins by user name, so tests read as "sign in as the proctor".</summary>
public static class DemoLogins
{
    public static DemoData.StaffLogin Staff(string userName) => DemoData.Staff.Single(s => s.UserName == userName);

    public static DemoData.CandidateLogin Candidate => DemoData.Candidates[0];
}
