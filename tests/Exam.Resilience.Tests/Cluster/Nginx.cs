using Exam.Perf.Bench;

namespace Exam.Resilience.Tests.Cluster;

/// <summary>
/// nginx with the production configuration (deploy/nginx.conf), moved to loopback: the two upstream nodes, the listen
/// ports and the certificate paths are rewritten, and it runs in the foreground as one process with its files in the
/// test's directory. Everything else (TLS, HSTS, least_conn, WebSockets, the replay of idempotent exam requests) is
/// the file the compose shape ships.
/// </summary>
public sealed class Nginx : IDisposable
{
    private readonly ChildProcess _process;

    public Nginx(string binary, string deployConfig, string directory, string certificates, int nodeA, int nodeB)
    {
        HttpPort = ServerProcess.FreePort();
        HttpsPort = ServerProcess.FreePort();
        var temp = Path.Combine(directory, "nginx-temp");
        Directory.CreateDirectory(temp);
        var config = File.ReadAllText(deployConfig);
        config = Replace(config, "server web-1:8080", $"server 127.0.0.1:{nodeA}");
        config = Replace(config, "server web-2:8080", $"server 127.0.0.1:{nodeB}");
        config = Replace(config, "listen 80;", $"listen 127.0.0.1:{HttpPort};");
        config = Replace(config, "listen 443 ssl;", $"listen 127.0.0.1:{HttpsPort} ssl;");
        config = Replace(config, "/etc/nginx/certs/tls.crt;", Path.Combine(certificates, "tls.crt") + ";");
        config = Replace(config, "/etc/nginx/certs/tls.key;", Path.Combine(certificates, "tls.key") + ";");
        config = Replace(config, "worker_processes auto;",
            $"daemon off;\nmaster_process off;\npid {directory}/nginx.pid;\nerror_log {directory}/nginx-error.log warn;");
        config = Replace(config, "http {", "http {\n" + string.Join("\n", new[]
        {
            "access_log off;", $"client_body_temp_path {temp}/body;", $"proxy_temp_path {temp}/proxy;",
            $"fastcgi_temp_path {temp}/fastcgi;", $"uwsgi_temp_path {temp}/uwsgi;", $"scgi_temp_path {temp}/scgi;",
        }));
        var path = Path.Combine(directory, "nginx.conf");
        File.WriteAllText(path, config);
        _process = new ChildProcess(binary, ["-c", path, "-p", directory + "/", "-e", Path.Combine(directory, "nginx-error.log")],
            Path.Combine(directory, "nginx.log"));
    }

    public int HttpPort { get; }
    public int HttpsPort { get; }
    public Uri BaseUrl => new($"https://127.0.0.1:{HttpsPort}/");

    public Task StartAsync() => _process.StartAsync(HttpsPort, TimeSpan.FromSeconds(20));

    /// <summary>Each rewrite must find its text exactly once: a change to deploy/nginx.conf fails here, not silently.</summary>
    private static string Replace(string config, string find, string with)
    {
        var first = config.IndexOf(find, StringComparison.Ordinal);
        if (first < 0 || config.IndexOf(find, first + find.Length, StringComparison.Ordinal) >= 0)
            throw new InvalidOperationException($"deploy/nginx.conf should hold \"{find}\" exactly once.");
        return config.Replace(find, with, StringComparison.Ordinal);
    }

    public void Dispose() => _process.Dispose();
}
