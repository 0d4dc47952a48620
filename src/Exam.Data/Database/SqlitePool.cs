using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Exam.Data.Database;

/// <summary>
/// Open SQLite connections kept for reuse, each keeping its prepared statements. Microsoft.Data.Sqlite prepares a
/// command's SQL afresh for every new command and finalizes it when the connection closes (dotnet/efcore#14044),
/// and parsing SQL was a fifth of the server's CPU on a save. Kept open, a connection prepares each statement once.
/// </summary>
internal sealed class SqlitePool(string connectionString, string pragmas) : IDisposable
{
    // Enough for the requests that overlap on a small server; more are opened when needed and closed on return.
    private const int MaxIdle = 32;

    private readonly ConcurrentStack<PreparedSqliteConnection> _idle = new();
    private int _disposed;

    public async Task<DbConnection> RentAsync(CancellationToken ct)
    {
        if (_idle.TryPop(out var pooled)) return pooled.Rented();
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = pragmas;
            await pragma.ExecuteNonQueryAsync(ct);
            return new PreparedSqliteConnection(connection, this).Rented();
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A connection back from a session: kept when healthy and there is room, closed otherwise.</summary>
    internal void Return(PreparedSqliteConnection connection)
    {
        if (Volatile.Read(ref _disposed) == 0 && connection.IsReusable && _idle.Count < MaxIdle)
        {
            _idle.Push(connection);
            return;
        }
        connection.Destroy();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        while (_idle.TryPop(out var connection)) connection.Destroy();
    }
}
