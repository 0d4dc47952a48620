namespace Exam.Core.Accounts;

/// <summary>The roles of the system. Names are stored in the database and used in role policies.</summary>
public static class Roles
{
    public const string Candidate = "Candidate";
    public const string Proctor = "Proctor";
    public const string Rater = "Rater";
    public const string LeadRater = "LeadRater";
    public const string Committee = "Committee";
    public const string Coordinator = "Coordinator";
    public const string Admin = "Admin";
    /// <summary>A standard-setting panelist who is not on the committee: rates items in the studies they are invited to.</summary>
    public const string Panelist = "Panelist";

    /// <summary>Roles a staff account can hold (candidates are not staff).</summary>
    public static readonly IReadOnlyList<string> Staff = [Proctor, Rater, LeadRater, Committee, Coordinator, Admin, Panelist];

    public static bool IsStaffRole(string role) => Staff.Contains(role, StringComparer.Ordinal);
}
