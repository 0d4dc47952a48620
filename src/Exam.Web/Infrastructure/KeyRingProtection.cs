using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Exam.Web.Infrastructure;

/// <summary>
/// The cookie key ring, encrypted at rest: with <c>DataProtection:CertificatePath</c> (a PKCS#12 file, password in
/// <c>DataProtection:CertificatePassword</c>) every key is written encrypted to that certificate, so a copy of the
/// keys volume alone forges nothing. Every node mounts the same certificate. Keys written before stay readable.
/// </summary>
public static class KeyRingProtection
{
    public static IDataProtectionBuilder ProtectKeysAtRest(this IDataProtectionBuilder builder, IConfiguration config)
    {
        if (config["DataProtection:CertificatePath"] is not { Length: > 0 } path) return builder;
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, config["DataProtection:CertificatePassword"], X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey) throw new InvalidOperationException($"{path} holds no private key: the key ring could not be read back.");
        return builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
    }
}
