using Exam.Core.Accounts;

namespace Exam.Web.Demo;

/// <summary>The demo logins: fixed, so that every start can print them. Seeded only when Demo:Seed is on.</summary>
public static class DemoData
{
    public sealed record StaffLogin(string Label, string UserName, string DisplayName, string Password, string[] Roles);

    public sealed record CandidateLogin(string Number, string FullName, string Email, string Association, string Track, string AccessCode);

    public static readonly IReadOnlyList<StaffLogin> Staff =
    [
        new("admin", "admin", "Avery Admin", "admin-demo-2026", [Roles.Admin]),
        new("coordinator", "coordinator", "Casey Coordinator", "coordinator-demo-2026", [Roles.Coordinator]),
        new("committee", "committee", "Morgan Committee", "committee-demo-2026", [Roles.Committee]),
        new("committee", "committee2", "Jordan Reviewer", "committee2-demo-2026", [Roles.Committee]),
        new("proctor", "proctor", "Pat Proctor", "proctor-demo-2026", [Roles.Proctor]),
        new("rater", "rater1", "Riley Rater", "rater1-demo-2026", [Roles.Rater]),
        new("rater", "rater2", "Robin Rater", "rater2-demo-2026", [Roles.Rater]),
        new("lead rater", "lead", "Lee Lead", "lead-demo-2026", [Roles.Rater, Roles.LeadRater]),
    ];

    public static readonly IReadOnlyList<CandidateLogin> Candidates =
    [
        new("100001", "Dana Demo", "dana.demo@example.org", "Michigan Association for Infant Mental Health", "IMHS", "7KXP-M4QD"),
    ];
}
