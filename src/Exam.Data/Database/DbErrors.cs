using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Exam.Data.Database;

/// <summary>What a provider's error means, where the app decides on it.</summary>
public static class DbErrors
{
    /// <summary>
    /// A unique key or primary key refused the row: where an insert is the decision (two clicks on Begin, two
    /// coordinators registering one candidate), the loser gets the answer the winner's row implies, never a 500.
    /// </summary>
    public static bool IsUniqueViolation(Exception e) => e switch
    {
        // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY.
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        // 2627: UNIQUE or PRIMARY KEY constraint; 2601: unique index.
        SqlException s => s.Errors.Cast<SqlError>().Any(x => x.Number is 2627 or 2601),
        _ => false,
    };
}
