using System.Security.Cryptography;
using Exam.Data.Database;

namespace Exam.Web.Infrastructure;

/// <summary>
/// The secret that keys access-code hashes. Production sets <c>Security:AccessCodeKey</c> (base64, 32 bytes).
/// On the embedded SQLite default a key is made once and kept beside the database file, so codes stay valid
/// across restarts; SQL Server deployments must configure it (several nodes must share it).
/// </summary>
public static class AccessCodeKey
{
    public static byte[] Resolve(IConfiguration config, Db db)
    {
        if (config["Security:AccessCodeKey"] is { Length: > 0 } configured)
            return Convert.FromBase64String(configured);
        if (db.SqliteFile is null)
            throw new InvalidOperationException("Security:AccessCodeKey must be set when the database is SQL Server.");
        var path = Path.Combine(Path.GetDirectoryName(db.SqliteFile)!, "access-code.key");
        if (File.Exists(path)) return Convert.FromBase64String(File.ReadAllText(path).Trim());
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(stream);
            writer.Write(Convert.ToBase64String(key));
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim()); // another process made it first
        }
    }
}
