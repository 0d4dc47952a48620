using Exam.Data.Delivery;
using Exam.Data.ItemBank;
using Exam.Data.Scheduling;

namespace Exam.Web.Delivery;

public static class DeliveryRegistration
{
    public static IServiceCollection AddExamDelivery(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(config.GetSection("Delivery").Get<DeliveryOptions>() ?? new DeliveryOptions());
        services.AddSingleton<ItemBankStore>();
        services.AddSingleton<SittingStore>();
        services.AddSingleton<RegistrationStore>();
        services.AddSingleton<AttemptStore>();
        services.AddSingleton<AnswerStore>();
        services.AddSingleton<ResultStore>();
        services.AddSingleton<SafeMarkdown>();
        services.AddSingleton<ExamContent>();
        services.AddSingleton<ExamService>();
        if (config.GetValue("Delivery:SweeperEnabled", true)) services.AddHostedService<ExpirySweeper>();
        return services;
    }
}
