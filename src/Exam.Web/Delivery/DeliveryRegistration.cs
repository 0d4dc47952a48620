using Exam.Data.Delivery;
using Exam.Data.ItemBank;
using Exam.Data.Scheduling;
using Exam.Data.Scoring;
using Exam.ItemBank.Rendering;
using Exam.Web.Scoring;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Exam.Web.Delivery;

public static class DeliveryRegistration
{
    public static IServiceCollection AddExamDelivery(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(config.GetSection("Delivery").Get<DeliveryOptions>() ?? new DeliveryOptions());
        services.TryAddSingleton<ItemBankStore>();
        services.TryAddSingleton<SittingStore>();
        services.TryAddSingleton<RegistrationStore>();
        services.TryAddSingleton<AttemptStore>();
        services.TryAddSingleton<ExamRecordStore>();
        services.TryAddSingleton<AnswerStore>();
        services.TryAddSingleton<ResultStore>();
        services.TryAddSingleton<ItemMarkdown>();
        services.AddSingleton<ExamContent>();
        services.TryAddSingleton<ScoringKeyStore>();
        services.AddSingleton<KeyCorrections>();
        services.AddMemoryCache();
        services.AddSingleton<ExamService>();
        if (config.GetValue("Delivery:SweeperEnabled", true)) services.AddHostedService<ExpirySweeper>();
        return services;
    }
}
