using Exam.Core.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Exam.Web.Infrastructure;

/// <summary>One policy per Razor Pages area; applied to folders in Program.</summary>
public static class Policies
{
    public const string Candidate = "Candidate";
    public const string Proctor = "Proctor";
    public const string Rating = "Rating";
    public const string Committee = "Committee";
    public const string Administration = "Administration";
    public const string Admin = "Admin";
    public const string Panel = "Panel";
    public const string Standards = "Standards";

    public static void Add(AuthorizationOptions o)
    {
        o.AddPolicy(Candidate, p => p.RequireRole(Roles.Candidate));
        o.AddPolicy(Proctor, p => p.RequireRole(Roles.Proctor, Roles.Admin));
        o.AddPolicy(Rating, p => p.RequireRole(Roles.Rater, Roles.LeadRater));
        o.AddPolicy(Committee, p => p.RequireRole(Roles.Committee));
        o.AddPolicy(Administration, p => p.RequireRole(Roles.Admin, Roles.Coordinator));
        o.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        // Standard-setting panelists: invited Panelist accounts and committee members (each study checks its own panel).
        o.AddPolicy(Panel, p => p.RequireRole(Roles.Panelist, Roles.Committee));
        // Validity papers and qualification sets: the committee and lead raters make them.
        o.AddPolicy(Standards, p => p.RequireRole(Roles.LeadRater, Roles.Committee));
    }
}
