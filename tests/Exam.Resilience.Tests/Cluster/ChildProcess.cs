using System.Diagnostics;
using System.Net.Sockets;

namespace Exam.Resilience.Tests.Cluster;

/// <summary>A tool run as a child of the test (nginx, redis-server), its output in a log file, killed when done.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly string _file;
    private readonly IReadOnlyList<string> _arguments;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private Process? _process;

    public ChildProcess(string file, IReadOnlyList<string> arguments, string logPath)
    {
        _file = file;
        _arguments = arguments;
        LogPath = logPath;
        _log = new StreamWriter(logPath, append: true) { AutoFlush = true };
    }

    public string LogPath { get; }

    /// <summary>Starts it and waits until it accepts connections on the port.</summary>
    public async Task StartAsync(int port, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(_file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in _arguments) psi.ArgumentList.Add(a);
        var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        Log($"--- start at {DateTimeOffset.UtcNow:O}: {_file} {string.Join(' ', _arguments)}");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (process.HasExited) throw new InvalidOperationException($"{Path.GetFileName(_file)} exited with {process.ExitCode} while starting; see {LogPath}.");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) { await Task.Delay(50); }
        }
        throw new TimeoutException($"{Path.GetFileName(_file)} did not listen on {port} within {timeout.TotalSeconds:0} s; see {LogPath}.");
    }

    /// <summary>SIGKILL, as a crash.</summary>
    public void Kill()
    {
        if (_process is not { } p) return;
        try
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            p.WaitForExit(10_000);
        }
        catch (InvalidOperationException) { }
        Log($"--- killed at {DateTimeOffset.UtcNow:O}");
        p.Dispose();
        _process = null;
    }

    private void Log(string? line)
    {
        if (line is null) return;
        lock (_logLock) _log.WriteLine(line);
    }

    public void Dispose()
    {
        Kill();
        lock (_logLock) _log.Dispose();
    }

    /// <summary>The tool's full path, from the usual places or PATH; null when it is not installed.</summary>
    public static string? Find(string name)
    {
        foreach (var dir in new[] { "/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin" }
                     .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path)) return path;
        }
        return null;
    }
}
