using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Exam.Data.Database;

/// <summary>
/// Reads a row's columns by position, converting as Dapper and <see cref="DateTimeOffsetHandler"/> do on either
/// database: for the few reads hot enough to be mapped by hand (Dapper matches every column by name on every call).
/// </summary>
public readonly struct ColumnReader(DbDataReader reader)
{
    // SQLite gives any integer column as a long and keeps instants as text; SQL Server's types are exact (int, bigint,
    // bit, datetimeoffset), so its values are converted from what the column holds.
    private readonly bool _sqlite = reader is SqliteDataReader;

    public bool IsNull(int i) => reader.IsDBNull(i);

    public long Int64At(int i) => _sqlite ? reader.GetInt64(i) : Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);

    public long? Int64OrNullAt(int i) => IsNull(i) ? null : Int64At(i);

    public int Int32At(int i) => _sqlite ? checked((int)reader.GetInt64(i)) : Convert.ToInt32(reader.GetValue(i), CultureInfo.InvariantCulture);

    public bool BooleanAt(int i) => _sqlite ? reader.GetInt64(i) != 0 : Convert.ToBoolean(reader.GetValue(i), CultureInfo.InvariantCulture);

    public string? TextOrNullAt(int i) => IsNull(i) ? null : reader.GetString(i);

    public DateTimeOffset InstantAt(int i)
    {
        if (!_sqlite) return DateTimeOffsetHandler.Read(reader.GetValue(i));
        var text = reader.GetString(i);
        return DateTimeOffset.TryParseExact(text, DateTimeOffsetHandler.SqliteFormat, CultureInfo.InvariantCulture, DateTimeOffsetHandler.Styles, out var at)
            ? at : DateTimeOffsetHandler.Read(text);
    }

    public DateTimeOffset? InstantOrNullAt(int i) => IsNull(i) ? null : InstantAt(i);
}
