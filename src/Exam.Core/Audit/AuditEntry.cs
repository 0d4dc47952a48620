namespace Exam.Core.Audit;

/// <summary>One line of the append-only audit log: who did what to which subject, and the state before and after.</summary>
public sealed record AuditEntry(
    string Actor,
    string Action,
    string SubjectType,
    string? SubjectId,
    string? BeforeJson = null,
    string? AfterJson = null,
    string? Detail = null);

/// <summary>Stable action names, so reports and tests can rely on them.</summary>
public static class AuditActions
{
    public const string SignInSucceeded = "sign-in.succeeded";
    public const string SignInFailed = "sign-in.failed";
    public const string SignInLockedOut = "sign-in.locked-out";
    public const string SignInAddressPaused = "sign-in.address-paused";
    public const string SignedOut = "sign-out";
    public const string AccountCreated = "account.created";
    public const string AccountDisabled = "account.disabled";
    public const string AccountEnabled = "account.enabled";
    public const string PasswordReset = "account.password-reset";
    public const string RolesChanged = "account.roles-changed";
}
