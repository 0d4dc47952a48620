using System.Threading.RateLimiting;

namespace Exam.Web.Infrastructure;

/// <summary>
/// A token bucket per client address on the sign-in posts. Per-account lockout stops guessing one account;
/// this stops spraying many. Generous by default: a whole test centre may sit behind one address.
/// </summary>
public sealed class SignInRateLimitOptions
{
    public int TokenLimit { get; set; } = 100;
    public int TokensPerPeriod { get; set; } = 50;
    public int PeriodSeconds { get; set; } = 10;
}

public static class SignInRateLimit
{
    public static readonly string[] Paths = ["/Account/SignIn", "/Account/CandidateSignIn"];

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection("SignIn:RateLimit").Get<SignInRateLimitOptions>() ?? new();
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && Paths.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase))
                    ? RateLimitPartition.GetTokenBucketLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.TokenLimit,
                        TokensPerPeriod = options.TokensPerPeriod,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(options.PeriodSeconds),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter("none"));
            o.OnRejected = async (ctx, ct) =>
            {
                Log.SignInRateLimited(ctx.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Exam.SignIn"),
                    ctx.HttpContext.Connection.RemoteIpAddress?.ToString());
                ctx.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await ctx.HttpContext.Response.WriteAsync(
                    "Too many sign-in attempts from this network. Wait a minute, then try again.", ct);
            };
        });
    }
}
