using System.Threading.RateLimiting;

namespace Exam.Web.Infrastructure;

/// <summary>
/// A token bucket per client address on the sign-in posts, held in each node's memory: a flood guard that keeps
/// password hashing from eating the CPU (N nodes allow N times the rate). Failed sign-ins are limited apart, per
/// address across all nodes, by <see cref="Exam.Core.Accounts.AddressThrottle"/>. Generous by default: a whole test
/// centre may sit behind one address, and successful sign-ins count here too.
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
                    ? RateLimitPartition.GetTokenBucketLimiter(ClientAddress.Key(context), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.TokenLimit,
                        TokensPerPeriod = options.TokensPerPeriod,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(options.PeriodSeconds),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter("(not a sign-in)")); // a key no address can have
            o.OnRejected = async (ctx, ct) =>
            {
                Log.SignInRateLimited(ctx.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Exam.SignIn"),
                    ClientAddress.Key(ctx.HttpContext));
                ctx.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await ctx.HttpContext.Response.WriteAsync(
                    "Too many sign-in attempts from this network. Wait a minute, then try again.", ct);
            };
        });
    }
}
