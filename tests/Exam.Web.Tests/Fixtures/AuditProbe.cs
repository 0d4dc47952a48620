using Exam.Data.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Exam.Web.Tests.Fixtures;

public static class AuditProbe
{
    public static async Task<IReadOnlyList<AuditRecord>> ActionsAsync(this ExamAppFactory factory, string action)
    {
        await using var s = await factory.Db.OpenAsync();
        return await factory.Services.GetRequiredService<AuditLog>().RecentAsync(s, 1000, action: action);
    }
}
