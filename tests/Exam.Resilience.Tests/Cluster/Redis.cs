using Exam.Perf.Bench;

namespace Exam.Resilience.Tests.Cluster;

/// <summary>A private redis-server on a free loopback port, nothing kept on disk; stopped (killed) and started again on the same port.</summary>
public sealed class Redis(string binary, string directory) : IDisposable
{
    private ChildProcess? _process;

    public int Port { get; } = ServerProcess.FreePort();

    public string Connection => $"127.0.0.1:{Port}";

    public async Task StartAsync()
    {
        _process?.Dispose();
        _process = new ChildProcess(binary,
            ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory],
            Path.Combine(directory, "redis.log"));
        await _process.StartAsync(Port, TimeSpan.FromSeconds(20));
    }

    /// <summary>Redis goes away at once (SIGKILL): every connection to it drops.</summary>
    public void Stop()
    {
        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => Stop();
}
