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
        start.Environment["EXAM_ACCESS_CODE_KEY"] = Convert.ToBase64String(new byte[32]);
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, errors);
    }

    [Fact]
    public void Compose_runs_two_web_replicas_on_SQL_Server_with_the_Redis_backplane_behind_nginx()
    {
        var compose = File.ReadAllText(Path.Combine(Root, "docker-compose.yml"));
        foreach (var expected in new[]
        {
            "web-1:", "web-2:", "nginx:", "mcr.microsoft.com/mssql/server:2022", "redis:", "Database__Provider: SqlServer",
            "Redis__Connection:", "Proxy__TrustForwardedHeaders: \"true\"", "DataProtection__KeysPath:", "Demo__Seed: \"false\"",
        })
            Assert.Contains(expected, compose);
        Assert.True(File.Exists(Path.Combine(Root, "Dockerfile")));
    }

    [Fact]
    public void Nginx_keeps_sessions_sticky_and_proxies_websockets_with_forwarded_headers()
    {
        var nginx = File.ReadAllText(Path.Combine(Root, "deploy", "nginx.conf"));
        foreach (var expected in new[] { "ip_hash;", "server web-1:8080;", "server web-2:8080;", "proxy_set_header Upgrade $http_upgrade;",
                     "proxy_set_header Connection $connection_upgrade;", "X-Forwarded-Proto $scheme;" })
            Assert.Contains(expected, nginx);
    }
}
