namespace Exam.Web.Infrastructure;

/// <summary>Source-generated log messages with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Database ready ({Provider}); migrations applied now: {Applied}")]
    public static partial void DatabaseReady(ILogger logger, string provider, string applied);

    [LoggerMessage(1002, LogLevel.Information, "SQL Server database: {Creation}")]
    public static partial void DatabaseCreation(ILogger logger, string creation);

    [LoggerMessage(1003, LogLevel.Warning, "The database is not ready yet (try {Try} of {Tries}); trying again in {DelaySeconds} s")]
    public static partial void DatabaseNotReady(ILogger logger, Exception e, int @try, int tries, double delaySeconds);

    [LoggerMessage(1001, LogLevel.Information, "Demo data seeded")]
    public static partial void DemoSeeded(ILogger logger);

    [LoggerMessage(1100, LogLevel.Warning, "Sign-in rate limit hit from {RemoteIp}")]
    public static partial void SignInRateLimited(ILogger logger, string? remoteIp);

    [LoggerMessage(1101, LogLevel.Information, "Staff sign-in {Outcome} for {UserName}")]
    public static partial void StaffSignIn(ILogger logger, string outcome, string userName);

    [LoggerMessage(1102, LogLevel.Information, "Candidate sign-in {Outcome} for {CandidateNumber}")]
    public static partial void CandidateSignIn(ILogger logger, string outcome, string candidateNumber);

    [LoggerMessage(1103, LogLevel.Warning, "Could not read the ended sign-ins; using what this node knew")]
    public static partial void SessionEndsUnreadable(ILogger logger, Exception e);

    [LoggerMessage(1104, LogLevel.Information, "Refused a cookie of an ended sign-in ({Kind} {PrincipalId})")]
    public static partial void EndedSignInRefused(ILogger logger, string kind, long principalId);
}
