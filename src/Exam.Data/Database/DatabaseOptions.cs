namespace Exam.Data.Database;

public enum DatabaseProvider { Sqlite, SqlServer }

/// <summary>Bound from the <c>Database</c> section; the connection string comes from <c>ConnectionStrings:Exam</c>.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQL Server, required. For SQLite, optional: built from <see cref="SqlitePath"/> when empty.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The SQLite file, relative to the content root unless absolute.</summary>
    public string SqlitePath { get; set; } = "data/exam.db";

    /// <summary>How long a SQLite writer waits for the lock before failing.</summary>
    public int BusyTimeoutMs { get; set; } = 5000;

    /// <summary>SQLite: writers in this process share commits (see GroupCommit); each commit still waits for its fsync.</summary>
    public bool GroupCommit { get; set; } = true;
}
