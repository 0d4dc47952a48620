using Exam.Core.Psychometrics;
using Exam.Data.Analysis;
using Exam.Data.Demo;
using Exam.Data.ItemBank;
using Exam.Data.Scoring;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Exam.Web.Analysis;

public static class AnalysisRegistration
{
    /// <summary>
    /// Item analysis for the committee. Flag thresholds come from <c>Analysis:Flags</c> (MinP, MaxP, MinRpbCorrected,
    /// MaxDistractorRpb, MinKr20, MinStableN); unset ones keep the defaults in <see cref="FlagThresholds"/>.
    /// </summary>
    public static IServiceCollection AddExamAnalysis(this IServiceCollection services, IConfiguration config)
    {
        services.TryAddSingleton<ItemBankStore>();
        services.TryAddSingleton<ScoringKeyStore>();
        services.TryAddSingleton<ScoredResponsesStore>();
        services.AddSingleton(config.GetSection("Analysis:Flags").Get<FlagThresholds>() ?? FlagThresholds.Default);
        services.AddSingleton<ItemAnalyses>();
        services.TryAddSingleton<Data.StandardSetting.StandardSettingStore>();
        services.AddSingleton<StandardSetting.StandardSettingStudies>();
        services.AddSingleton<SimulatedSittingStore>();
        services.AddSingleton<Demo.DemoStudySeeder>();
        services.AddSingleton<Demo.SimulatedSittingSeeder>();
        return services;
    }
}
