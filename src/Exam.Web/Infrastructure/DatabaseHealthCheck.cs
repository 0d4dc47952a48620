using Dapper;
using Exam.Data.Database;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Exam.Web.Infrastructure;

/// <summary>Healthy when the database answers a query and the schema is migrated.</summary>
public sealed class DatabaseHealthCheck(Db db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var s = await db.OpenAsync(cancellationToken);
            var version = await s.Connection.ExecuteScalarAsync<int?>(
                new CommandDefinition("SELECT MAX(version) FROM schema_migrations;", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy($"{db.Dialect.Provider}, schema version {version}");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"{db.Dialect.Provider} unreachable", e);
        }
    }
}
