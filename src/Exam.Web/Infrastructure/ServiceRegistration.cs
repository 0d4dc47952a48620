using Exam.Core.Accounts;
using Exam.Data.Accounts;
using Exam.Data.Audit;
using Exam.Data.Database;
using Exam.Web.Accounts;
using Exam.Web.Delivery;
using Exam.Web.Demo;
using Exam.Data.ItemBank;
using Exam.Data.Scheduling;
using Exam.ItemBank.Files;
using Exam.ItemBank.Services;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Exam.Web.Infrastructure;

public static class ServiceRegistration
{
    public static IServiceCollection AddExamData(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        var options = config.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        options.ConnectionString = config.GetConnectionString("Exam") is { Length: > 0 } cs ? cs : options.ConnectionString;
        services.AddSingleton(_ => new Db(options, contentRoot)); // made by the container, so closed by it at shutdown
        services.AddSingleton<Migrator>();
        services.AddSingleton<StartupClaims>();
        services.TryAddTimeProvider();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<StaffAccountStore>();
        services.AddSingleton<CandidateStore>();
        return services;
    }

    public static IServiceCollection AddExamAccounts(this IServiceCollection services, IConfiguration config)
    {
        var lockout = config.GetSection("SignIn:Lockout");
        services.AddSingleton(new LockoutPolicy(new Exam.Core.Accounts.LockoutOptions
        {
            MaxFailedAttempts = lockout.GetValue("MaxFailedAttempts", 5),
            LockoutDuration = TimeSpan.FromMinutes(lockout.GetValue("Minutes", 15.0)),
        }));
        var perAddress = config.GetSection("SignIn:AddressLimit");
        services.AddSingleton(new AddressThrottle(new AddressThrottleOptions
        {
            MaxFailures = perAddress.GetValue("MaxFailures", 20),
            Window = TimeSpan.FromMinutes(perAddress.GetValue("WindowMinutes", 15.0)),
        }));
        services.AddSingleton<SignInThrottleStore>();
        services.AddSingleton<SignInGuard>();
        services.AddSingleton<PasswordHasher<StaffAccount>>();
        services.AddSingleton(sp => new AccessCodeHasher(AccessCodeKey.Resolve(config, sp.GetRequiredService<Db>())));
        services.AddSingleton(sp => new PartOneSeal(AccessCodeKey.Resolve(config, sp.GetRequiredService<Db>())));
        services.AddSingleton<StaffSignIn>();
        services.AddSingleton<CandidateSignIn>();
        services.AddSingleton<CandidateUnlock>();
        services.AddSingleton<ExamDevice>();
        services.AddSingleton(config.GetSection("SignIn:Sessions").Get<SignInSessionOptions>() ?? new SignInSessionOptions());
        services.AddSingleton<SessionEndStore>();
        services.AddSingleton<SignInSessions>();
        services.AddSingleton<StaffAdministration>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton(sp => new ItemBankImporter(sp.GetRequiredService<Db>(), sp.GetRequiredService<ItemBankStore>(), sp.GetRequiredService<AuditLog>(),
            new LintOptions { RequiredReviewers = config.GetValue("ItemBank:RequiredReviewers", 1) }));
        services.TryAddSingleton<ItemBankStore>();
        services.TryAddSingleton<SittingStore>();
        services.TryAddSingleton<RegistrationStore>();
        return services;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }
}
