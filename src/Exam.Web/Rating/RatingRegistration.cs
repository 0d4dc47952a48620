using Exam.Data.Delivery;
using Exam.Data.ItemBank;
using Exam.Data.Rating;
using Exam.Data.Results;
using Exam.Data.Scheduling;
using Exam.Web.Results;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Exam.Web.Rating;

public static class RatingRegistration
{
    /// <summary>Rating queues, resolution, results and their release, rater monitoring, and the Part Two intake hook.</summary>
    public static IServiceCollection AddExamRating(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection("Rating").Get<RatingOptions>() ?? new RatingOptions();
        services.AddSingleton(options);
        services.AddSingleton(config.GetSection("Results").Get<ResultsOptions>() ?? new ResultsOptions());
        services.TryAddSingleton<ItemBankStore>();
        services.TryAddSingleton<SittingStore>();
        services.TryAddSingleton<RegistrationStore>();
        services.TryAddSingleton<AttemptStore>();
        services.TryAddSingleton<AnswerStore>();
        services.TryAddSingleton<ResultStore>();
        services.TryAddSingleton<RatingStore>();
        services.TryAddSingleton<RatingWindowStore>();
        services.TryAddSingleton<WaitingReadStore>();
        services.TryAddSingleton<ValidityStore>();
        services.TryAddSingleton<ExamResultStore>();
        services.TryAddSingleton<FeedbackReviewStore>();
        services.AddSingleton<RatingNotifier>();
        services.AddSingleton<ResultRecorder>();
        services.AddSingleton<RatingIntake>();
        services.AddSingleton<IPartTwoSubmitted>(sp => sp.GetRequiredService<RatingIntake>());
        services.AddSingleton<SeededReads>();
        services.AddSingleton<RatingService>();
        services.AddSingleton<Standardisation>();
        services.AddSingleton<RaterProfiles>();
        services.AddSingleton<RatingWindows>();
        services.AddSingleton<StuckReads>();
        services.AddSingleton<RaterMonitoring>();
        services.AddSingleton<FeedbackReviews>();
        services.AddSingleton<ResultService>();
        services.AddSingleton<DemoRatingSeeder>();
        services.AddSingleton<DemoValiditySeeder>();
        if (options.SweeperEnabled) services.AddHostedService<LeaseSweeper>();
        return services;
    }
}
