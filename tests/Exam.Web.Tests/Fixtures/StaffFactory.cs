using Exam.Core.Accounts;
using Exam.Web.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Fixtures;

public static class StaffFactory
{
    /// <summary>A fresh staff account, so a test that locks or disables it touches nothing else.</summary>
    public static async Task<(string UserName, string Password)> CreateStaffAsync(this ExamAppFactory factory, params string[] roles)
    {
        var userName = "t" + Guid.NewGuid().ToString("N")[..10];
        const string password = "correct-horse-battery";
        var (id, error) = await factory.Services.GetRequiredService<StaffAdministration>()
            .CreateAsync("test-setup", userName, "Test Staff", password, roles.Length == 0 ? [Roles.Proctor] : roles);
        Assert.True(id is not null, error);
        return (userName, password);
    }
}
