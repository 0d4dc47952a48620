using System.Security.Cryptography;
using System.Text;

namespace Exam.Core.Accounts;

/// <summary>
/// Access codes are stored as HMAC-SHA256 under a server secret that is not in the database.
/// A slow password hash would make a thousand synchronized exam starts CPU-bound; the code is random,
/// short-lived, one-time and behind lockout, so a keyed fast hash is the right tool.
/// </summary>
public sealed class AccessCodeHasher(byte[] key)
{
    public string Hash(string normalizedCode) =>
        Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(normalizedCode)));

    public bool Verify(string normalizedCode, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Hash(normalizedCode)), Encoding.ASCII.GetBytes(storedHash));
}
