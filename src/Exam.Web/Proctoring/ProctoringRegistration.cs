using Exam.Data.Proctoring;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Exam.Web.Proctoring;

public static class ProctoringRegistration
{
    public static IServiceCollection AddExamProctoring(this IServiceCollection services)
    {
        services.TryAddSingleton<ProctorStore>();
        services.AddSingleton<RosterReader>();
        services.AddSingleton<RosterWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<RosterWatcher>());
        services.AddSingleton<PresenceTracker>();
        services.AddSingleton<ProctorService>();
        return services;
    }
}
