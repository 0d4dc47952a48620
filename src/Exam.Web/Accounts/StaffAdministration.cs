using System.Text.Json;
using Exam.Core;
using Exam.Core.Accounts;
using Exam.Core.Audit;
using Exam.Data.Accounts;
using Exam.Data.Audit;
using Exam.Data.Database;
using Microsoft.AspNetCore.Identity;

namespace Exam.Web.Accounts;

/// <summary>Creates and changes staff accounts; every change is audited with its before and after.</summary>
public sealed class StaffAdministration(
    Db db, StaffAccountStore accounts, AuditLog audit, PasswordHasher<StaffAccount> hasher, SignInSessions sessions, TimeProvider clock)
{
    public const int MinPasswordLength = 12;

    public static string? CheckPassword(string? password) =>
        password is null || password.Length < MinPasswordLength
            ? $"The password must have at least {MinPasswordLength} characters." : null;

    public async Task<(long? Id, string? Error)> CreateAsync(
        string actor, string userName, string displayName, string password, IReadOnlyList<string> roles, CancellationToken ct = default)
    {
        userName = userName.Trim();
        displayName = displayName.Trim();
        if (userName.Length is 0 or > FieldLimits.UserName || userName.Any(char.IsWhiteSpace))
            return (null, $"The user name must be 1 to {FieldLimits.UserName} characters without spaces.");
        if (displayName.Length > FieldLimits.DisplayName)
            return (null, $"The display name can have up to {FieldLimits.DisplayName} characters.");
        if (CheckPassword(password) is { } error) return (null, error);
        if (roles.Any(r => !Roles.IsStaffRole(r))) return (null, "Unknown role.");
        await using var s = await db.BeginAsync(ct: ct);
        var taken = $"The user name '{userName}' is taken.";
        if (await accounts.FindAsync(s, userName, ct) is not null) return (null, taken);
        long id;
        try
        {
            id = await accounts.CreateAsync(s, userName, displayName, hasher.HashPassword(null!, password), roles, ct);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            return (null, taken); // another admin created it a moment ago
        }
        await audit.AppendAsync(s, new AuditEntry(actor, AuditActions.AccountCreated, "staff", id.ToString(),
            AfterJson: Json(new { userName, displayName, roles })), ct);
        await s.CommitAsync(ct);
        return (id, null);
    }

    public async Task<string?> SetRolesAsync(string actor, long id, IReadOnlyList<string> roles, CancellationToken ct = default)
    {
        if (roles.Any(r => !Roles.IsStaffRole(r))) return "Unknown role.";
        await using var s = await db.BeginAsync(ct: ct);
        var account = await accounts.GetForUpdateAsync(s, id, ct);
        if (account is null) return "No such account.";
        if (account.UserName.Equals(actor, StringComparison.OrdinalIgnoreCase) && account.Roles.Contains(Roles.Admin) && !roles.Contains(Roles.Admin))
            return "You cannot remove your own Admin role.";
        await accounts.SetRolesAsync(s, id, roles, ct);
        await audit.AppendAsync(s, new AuditEntry(actor, AuditActions.RolesChanged, "staff", id.ToString(),
            Json(new { roles = account.Roles }), Json(new { roles = roles.Order(StringComparer.Ordinal) })), ct);
        await s.CommitAsync(ct);
        return null;
    }

    public async Task<string?> SetDisabledAsync(string actor, long id, bool disabled, CancellationToken ct = default)
    {
        await using var s = await db.BeginAsync(ct: ct);
        var account = await accounts.GetForUpdateAsync(s, id, ct);
        if (account is null) return "No such account.";
        if (disabled && account.UserName.Equals(actor, StringComparison.OrdinalIgnoreCase)) return "You cannot disable your own account.";
        await accounts.SetDisabledAsync(s, id, disabled, ct);
        // Disabling ends the account's sign-ins on the server: an open session or a copied cookie stops working at once
        // (on other nodes within the sessions' refresh interval). Enabling again revives none of them.
        var end = disabled ? new SessionEnd(PrincipalKind.Staff, id, null, null, clock.GetUtcNow(), SessionEndReason.Disabled) : null;
        if (end is not null) await sessions.EndAsync(s, end, ct);
        await audit.AppendAsync(s, new AuditEntry(actor, disabled ? AuditActions.AccountDisabled : AuditActions.AccountEnabled, "staff", id.ToString(),
            Json(new { disabled = account.IsDisabled }), Json(new { disabled }), Detail: disabled ? "sign-ins ended" : null), ct);
        await s.CommitAsync(ct);
        if (end is not null) sessions.Apply(end);
        return null;
    }

    public async Task<string?> ResetPasswordAsync(string actor, long id, string password, CancellationToken ct = default)
    {
        if (CheckPassword(password) is { } error) return error;
        await using var s = await db.BeginAsync(ct: ct);
        var account = await accounts.GetAsync(s, id, ct);
        if (account is null) return "No such account.";
        await accounts.SetPasswordHashAsync(s, id, hasher.HashPassword(account, password), ct);
        // The hash itself never goes to the audit log.
        await audit.AppendAsync(s, new AuditEntry(actor, AuditActions.PasswordReset, "staff", id.ToString(), Detail: "password reset; lockout cleared"), ct);
        await s.CommitAsync(ct);
        return null;
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
