using Microsoft.Data.SqlClient;

namespace Exam.Data.Database;

/// <summary>
/// SQL Server faults that pass (a failover, a deadlock victim, a lock or command timeout, a dropped connection) and
/// SqlClient's configurable retry logic for them. What is retried: opening a connection; a read outside a transaction;
/// and whole units of work that are idempotent (a save carries its sequence number, a submission closes a part once),
/// through <see cref="Db.RetryAsync{T}"/>. A statement inside a transaction is never retried on its own: after a
/// deadlock the server has rolled the whole transaction back, so only the whole unit may run again.
/// </summary>
public static class TransientFaults
{
    /// <summary>Added to SqlClient's baseline: the deadlock victim and lock timeout, a command timeout (-2) and the transport errors of a failover.</summary>
    public static readonly IReadOnlyList<int> Extra = [1205, 1222, -2, 0, 20, 64, 121, 233, 10053, 10054, 10060, 40197, 40613];

    public static IReadOnlyList<int> Numbers { get; } =
        SqlConfigurableRetryFactory.BaselineTransientErrors.Concat(Extra).Distinct().Order().ToList();

    /// <summary>Five tries in all, exponential back-off with jitter from 100 ms, never more than 5 s between tries.</summary>
    public static SqlRetryLogicBaseProvider CreateProvider() =>
        SqlConfigurableRetryFactory.CreateExponentialRetryProvider(new SqlRetryLogicOption
        {
            NumberOfTries = 5,
            DeltaTime = TimeSpan.FromMilliseconds(100),
            MinTimeInterval = TimeSpan.Zero,
            MaxTimeInterval = TimeSpan.FromSeconds(5),
            TransientErrors = Numbers,
        });
}
