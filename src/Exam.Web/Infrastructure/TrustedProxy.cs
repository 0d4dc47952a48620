using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Exam.Web.Infrastructure;

/// <summary>
/// Whose X-Forwarded-* headers count. None unless the settings name the proxy: <c>Proxy:KnownProxies</c> (addresses)
/// or <c>Proxy:KnownNetworks</c> (CIDR), or <c>Proxy:TrustForwardedHeaders</c> for any peer (only where nothing but
/// the proxy can reach the app, as in the compose file, whose web nodes publish no port). A client talking to the app
/// directly therefore cannot choose the address its sign-ins are counted under. Only the last entry is taken (the one
/// the nearest proxy appended: nginx's <c>$proxy_add_x_forwarded_for</c>), so entries a client sends ahead of it are ignored.
/// </summary>
public static class TrustedProxy
{
    public static IServiceCollection AddTrustedProxy(this IServiceCollection services, IConfiguration config)
    {
        var proxies = (config.GetSection("Proxy:KnownProxies").Get<string[]>() ?? []).Select(p =>
            IPAddress.TryParse(p, out var ip) ? ip : throw new InvalidOperationException($"Proxy:KnownProxies: '{p}' is not an IP address.")).ToList();
        var networks = (config.GetSection("Proxy:KnownNetworks").Get<string[]>() ?? []).Select(n =>
            System.Net.IPNetwork.TryParse(n, out var net) ? net : throw new InvalidOperationException($"Proxy:KnownNetworks: '{n}' is not a network such as 10.0.0.0/8.")).ToList();
        var anyPeer = config.GetValue("Proxy:TrustForwardedHeaders", false);
        return services.Configure<ForwardedHeadersOptions>(o =>
        {
            // The framework's default trusts loopback; here nothing is trusted unless named.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            if (!anyPeer && proxies.Count == 0 && networks.Count == 0)
            {
                o.ForwardedHeaders = ForwardedHeaders.None;
                return;
            }
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.ForwardLimit = 1;
            foreach (var p in proxies) o.KnownProxies.Add(p);
            foreach (var n in networks) o.KnownIPNetworks.Add(n);
        });
    }
}
