using Exam.Data.Proctoring;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Exam.Web.Proctoring;

public static class ProctoringRegistration
{
    public static IServiceCollection AddExamProctoring(this IServiceCollection services, IConfiguration config)
    {
        services.TryAddSingleton<ProctorStore>();
        services.TryAddSingleton<RestBreakStore>();
        services.AddSingleton(config.GetSection("Presence").Get<PresenceOptions>() ?? new PresenceOptions());
        services.AddSingleton<RosterReader>();
        services.AddSingleton<RosterFeed>();
        services.AddSingleton<IAttemptChanges>(sp => sp.GetRequiredService<RosterFeed>());
        services.AddHostedService(sp => sp.GetRequiredService<RosterFeed>());
        services.AddSingleton<PresenceTracker>();
        services.AddHostedService(sp => sp.GetRequiredService<PresenceTracker>());
        services.AddSingleton<ProctorService>();
        // With the expiry sweeper (tests that drive the clock by hand switch both off and sweep themselves).
        if (config.GetValue("Delivery:SweeperEnabled", true)) services.AddHostedService<RestBreakSweeper>();
        return services;
    }
}
