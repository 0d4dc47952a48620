using Exam.Core.ItemBank;
using Exam.Data.ItemBank;
using Exam.ItemBank.Rendering;
using Exam.ItemBank.Services;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Exam.Web.Committee;

public static class CommitteeRegistration
{
    /// <summary>
    /// The exam committee's item bank and forms. <c>ItemBank:RequiredReviewers</c> (default 1) is how many distinct
    /// reviewers, none the author, approve a version. Stores are added only if another feature has not added them.
    /// </summary>
    public static IServiceCollection AddExamCommittee(this IServiceCollection services, IConfiguration config)
    {
        services.TryAddSingleton<ItemBankStore>();
        services.TryAddSingleton<BankBlueprintStore>();
        services.TryAddSingleton<BankBlueprintSource>();
        services.TryAddSingleton(new ItemWorkflow(config.GetValue("ItemBank:RequiredReviewers", 1)));
        services.TryAddSingleton<ItemWorkflowService>();
        services.TryAddSingleton<RubricWorkflowService>();
        services.TryAddSingleton<ItemMarkdown>();
        services.AddSingleton<ItemCatalog>();
        services.AddSingleton<ItemEditor>();
        services.AddSingleton<ItemReview>();
        services.AddSingleton<RubricReview>();
        services.AddSingleton<RubricCatalog>();
        services.AddSingleton<RubricEditor>();
        services.AddSingleton<FormBuilder>();
        services.AddSingleton<BankBlueprintEditor>();
        services.AddSingleton<BankHealth>();
        return services;
    }
}
