using Exam.Data.Delivery;
using Exam.Data.ItemBank;
using Exam.Data.Scheduling;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Exam.Web.Scheduling;

public static class SchedulingRegistration
{
    /// <summary>Candidate records, sittings and registrations. Stores are added only if another feature has not added them.</summary>
    public static IServiceCollection AddExamScheduling(this IServiceCollection services)
    {
        services.TryAddSingleton<SittingStore>();
        services.TryAddSingleton<RegistrationStore>();
        services.TryAddSingleton<AttemptStore>();
        services.TryAddSingleton<ItemBankStore>();
        services.AddSingleton<CandidateRecords>();
        services.AddSingleton<SittingScheduler>();
        services.AddSingleton<RegistrationService>();
        services.AddSingleton<RosterImport>();
        return services;
    }
}
