using System.Diagnostics;

namespace Exam.Web.Tests.Infrastructure;

/// <summary>The production shape can't run here (no Docker engine), so it is kept honest by reading it.</summary>
public sealed class DeploymentShapeTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Exam.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Exam.sln not found above the test binaries.");
    }

    [SkippableFact]
    public async Task The_compose_file_is_valid_for_docker_compose()
    {
        var tool = new[] { "/usr/bin/docker-compose", "/usr/local/bin/docker-compose" }.FirstOrDefault(File.Exists);
        Skip.If(tool is null, "docker-compose is not installed (./test.sh installs it); it validates the file without an engine.");
        var start = new ProcessStartInfo(tool!, "-f docker-compose.yml config -q")
        {
            WorkingDirectory = Root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["EXAM_SA_PASSWORD"] = "placeholder-Passw0rd";
        start.Environment["EXAM_DB_PASSWORD"] = "placeholderAppPassw0rd";
        start.Environment["EXAM_ACCESS_CODE_KEY"] = Convert.ToBase64String(new byte[32]);
        start.Environment["EXAM_KEYRING_PASSWORD"] = "placeholder";
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, errors);
    }

    [Fact]
    public void Compose_runs_two_web_replicas_on_SQL_Server_with_the_Redis_backplane_behind_nginx()
    {
        var compose = Read("docker-compose.yml");
        foreach (var expected in new[]
        {
            "web-1:", "web-2:", "nginx:", "mcr.microsoft.com/mssql/server:2022", "redis:", "Database__Provider: SqlServer",
            "Redis__Connection:", "Proxy__TrustForwardedHeaders: \"true\"", "DataProtection__KeysPath:", "Demo__Seed: \"false\"",
        })
            Assert.Contains(expected, compose);
        Assert.True(File.Exists(Path.Combine(Root, "Dockerfile")));
    }

    [Fact]
    public void The_web_nodes_connect_as_their_own_login_created_by_an_init_step_never_as_sa()
    {
        var compose = Read("docker-compose.yml");
        Assert.Contains("User Id=exam_app;Password=${EXAM_DB_PASSWORD}", compose);
        Assert.DoesNotContain("User Id=sa", compose);
        Assert.Contains("sqlserver-init:", compose);
        Assert.Contains("/init/sqlserver-init.sql", compose);
        // The script's variables are the compose file's database and login.
        foreach (var expected in new[] { "ExamDatabase=Exam", "ExamLogin=exam_app", "ExamPassword=${EXAM_DB_PASSWORD}" })
            Assert.Contains(expected, compose);
        var init = Read("deploy/sqlserver-init.sql");
        foreach (var expected in new[] { "CREATE DATABASE [$(ExamDatabase)]", "CREATE LOGIN [$(ExamLogin)]", "CREATE USER [$(ExamLogin)]", "ALTER ROLE db_ddladmin ADD MEMBER [$(ExamLogin)]" })
            Assert.Contains(expected, init);
    }

    [Fact]
    public void Every_service_starts_only_when_what_it_needs_is_healthy()
    {
        var compose = Read("docker-compose.yml");
        // SQL Server is healthy once it accepts a login; the init step waits for that; the web nodes wait for the
        // init step to finish and Redis to answer; nginx waits for both web nodes' /healthz.
        Assert.Equal(3, Count(compose, "healthcheck:")); // the web nodes' (shared), SQL Server's, Redis's
        Assert.Contains("condition: service_completed_successfully", compose);
        Assert.Equal(4, Count(compose, "condition: service_healthy")); // init<-sqlserver, web<-redis, nginx<-web-1 and web-2
        Assert.Contains("GET /healthz", compose);
        Assert.Contains("sqlcmd -C -S localhost -U sa", compose);
    }

    [Fact]
    public void The_key_ring_is_on_a_volume_the_app_user_owns_and_encrypted_at_rest()
    {
        var dockerfile = Read("Dockerfile");
        Assert.Contains("chown app:app /keys", dockerfile);
        Assert.True(dockerfile.IndexOf("chown app:app /keys", StringComparison.Ordinal) < dockerfile.IndexOf("USER app", StringComparison.Ordinal));
        var compose = Read("docker-compose.yml");
        Assert.Contains("dataprotection-keys:/keys", compose);
        Assert.Contains("DataProtection__CertificatePath: /run/secrets/keyring", compose);
        Assert.Contains("file: ./deploy/certs/keyring.pfx", compose);
    }

    [Fact]
    public void The_build_context_leaves_out_host_builds_data_and_secrets()
    {
        var ignore = Read(".dockerignore").Split('\n', StringSplitOptions.TrimEntries);
        foreach (var expected in new[] { "**/bin/", "**/obj/", "**/data/", ".git", ".env", "deploy/certs/" })
            Assert.Contains(expected, ignore);
    }

    [Fact]
    public void Nginx_ends_TLS_with_HSTS_spreads_load_without_stickiness_and_proxies_websockets()
    {
        var nginx = Read("deploy/nginx.conf");
        foreach (var expected in new[]
                 {
                     "least_conn;", "server web-1:8080", "server web-2:8080", "listen 443 ssl;", "ssl_certificate     /etc/nginx/certs/tls.crt;",
                     "return 301 https://$host$request_uri;", "add_header Strict-Transport-Security", "proxy_set_header Upgrade $http_upgrade;",
                     "proxy_set_header Connection $connection_upgrade;", "X-Forwarded-Proto $scheme;",
                     "location ~* ^/Candidate/Exam(/|$)", "proxy_next_upstream error timeout non_idempotent;",
                 })
            Assert.Contains(expected, nginx);
        // Pinning by address sends a whole test centre behind one NAT address to one node.
        Assert.DoesNotContain("ip_hash", nginx);
        Assert.True(File.Exists(Path.Combine(Root, "deploy", "make-trial-certs.sh")));
    }

    [Fact]
    public void Every_browser_hub_connection_is_a_websocket_without_negotiation_so_no_node_affinity_is_needed()
    {
        var scripts = Directory.GetFiles(Path.Combine(Root, "src", "Exam.Web", "wwwroot", "js"), "*.js", SearchOption.AllDirectories);
        var hubs = scripts.SelectMany(f => File.ReadAllLines(f).Select(l => (File: Path.GetFileName(f), Line: l)))
            .Where(x => x.Line.Contains(".withUrl('/hubs/", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, hubs.Count); // the exam page, the waiting page, the proctor's console, the rater's queue
        foreach (var (file, line) in hubs)
            Assert.True(line.Contains("skipNegotiation: true", StringComparison.Ordinal) && line.Contains("HttpTransportType.WebSockets", StringComparison.Ordinal),
                $"{file}: {line.Trim()}");
    }

    private static string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    private static int Count(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
