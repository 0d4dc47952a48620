using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Exam.Cli;

namespace Exam.Perf.Bench;

/// <summary>What the server process used, from /proc: CPU time so far and the peak resident set.</summary>
public sealed record ProcessUsage(TimeSpan CpuTime, long PeakRssBytes, long RssBytes);

/// <summary>
/// The web server as a real, separate process on loopback, on a SQLite file: started, killed with SIGKILL (no
/// graceful shutdown, as in a crash), and started again on the same database, keys and port.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly string _dll;
    private readonly IReadOnlyDictionary<string, string?> _environment;

    /// <summary>
    /// The server as it ships, for measurements: the production environment (demo data seeded on request) and the
    /// garbage collector its runtimeconfig chooses (server GC). Tests run several servers and keep the lighter defaults.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> AsShipped = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Demo__Seed"] = "true",
        ["DOTNET_gcServer"] = null,
    };
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private Process? _process;

    /// <param name="extraEnvironment">Variables for the server's process; a null value leaves that variable out.</param>
    /// <param name="logName">The log's file name in the data directory (nodes of one cluster share a directory).</param>
    public ServerProcess(
        string serverDll, string dataDirectory, string itemBankPath, IReadOnlyDictionary<string, string?>? extraEnvironment = null, int port = 0,
        string logName = "server.log")
    {
        _dll = Path.GetFullPath(serverDll);
        DataDirectory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(DataDirectory);
        SqlitePath = Path.Combine(DataDirectory, "exam.db");
        Port = port == 0 ? FreePort() : port;
        var env = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development", // seeds the demo data (form demo-2027 and its open sitting) on a new database
            ["Database__Provider"] = "Sqlite",
            ["Database__SqlitePath"] = SqlitePath,
            ["DataProtection__KeysPath"] = Path.Combine(DataDirectory, "keys"),
            ["ItemBank__Path"] = Path.GetFullPath(itemBankPath),
            ["SignIn__RateLimit__TokenLimit"] = "1000000",
            ["SignIn__RateLimit__TokensPerPeriod"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["DOTNET_gcServer"] = "0", // tests run several servers on a small machine; measurements use AsShipped
        };
        foreach (var (k, v) in extraEnvironment ?? new Dictionary<string, string?>()) env[k] = v;
        _environment = env;
        LogPath = Path.Combine(DataDirectory, logName);
        _log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
    }

    public string DataDirectory { get; }
    public string SqlitePath { get; }
    public int Port { get; }
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");
    public int? Pid => _process is { HasExited: false } p ? p.Id : null;
    public int Starts { get; private set; }
    public string LogPath { get; }

    /// <summary>Starts the server and waits until it answers /healthz (migrated, seeded, listening).</summary>
    public async Task StartAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        if (_process is { HasExited: false }) throw new InvalidOperationException("The server is already running.");
        var psi = new ProcessStartInfo("dotnet")
        {
            // The content root is the working directory: appsettings*.json sit beside the dll.
            WorkingDirectory = Path.GetDirectoryName(_dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(_dll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{Port}");
        foreach (var (k, v) in _environment)
            if (v is null) psi.Environment.Remove(k);
            else psi.Environment[k] = v;
        var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        Log($"--- start {++Starts} at {DateTimeOffset.UtcNow:O}");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited)
                throw new InvalidOperationException($"The server exited with code {process.ExitCode} while starting; see {LogPath}.");
            try
            {
                using var r = await probe.GetAsync(new Uri(BaseUrl, "healthz"), ct);
                if (r.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(50, ct);
        }
        Kill();
        throw new TimeoutException($"The server did not answer /healthz within {timeout.TotalSeconds:0} s; see {LogPath}.");
    }

    /// <summary>SIGKILL to the server and anything it started: no shutdown hooks, no flush, like a crash or a pulled plug.</summary>
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

    /// <summary>CPU time and memory of the running server, read from /proc (null when not on Linux or not running).</summary>
    public ProcessUsage? Usage() => Pid is { } pid ? ReadUsage(pid) : null;

    public static ProcessUsage? ReadUsage(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which may hold spaces) start after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            long peak = 0, rss = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line) * 1024;
                else if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kilobytes(line) * 1024;
            }
            const double ClockTicksPerSecond = 100; // USER_HZ on Linux
            return new ProcessUsage(TimeSpan.FromSeconds(ticks / ClockTicksPerSecond), peak, rss);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }

        static long Kilobytes(string line) =>
            long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>The built server: an explicit path, else Exam.Web's build output beside this tool's in the source tree.</summary>
    public static string FindServerDll(string? explicitPath, string startDirectory)
    {
        if (!string.IsNullOrEmpty(explicitPath))
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : throw new CliUsageException($"no server at {explicitPath}");
        var config = new DirectoryInfo(startDirectory).Parent?.Name; // .../bin/<Configuration>/<tfm>/
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var bin = Path.Combine(dir.FullName, "src", "Exam.Web", "bin");
            if (!Directory.Exists(bin)) continue;
            var candidates = Directory.GetFiles(bin, "Exam.Web.dll", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}publish{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .OrderByDescending(f => config is not null && f.Contains($"{Path.DirectorySeparatorChar}{config}{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .ThenByDescending(File.GetLastWriteTimeUtc)
                .ToList();
            if (candidates.Count > 0) return candidates[0];
        }
        throw new CliUsageException("no built Exam.Web.dll found; run `dotnet build src/Exam.Web -c Release` or pass --server <dll>");
    }

    /// <summary>The nearest itembank/ folder at or above the directory.</summary>
    public static string FindItemBank(string? explicitPath, string startDirectory)
    {
        if (!string.IsNullOrEmpty(explicitPath)) return Path.GetFullPath(explicitPath);
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var bank = Path.Combine(dir.FullName, "itembank");
            if (Directory.Exists(Path.Combine(bank, "forms"))) return bank;
        }
        throw new CliUsageException("no itembank/ folder found; pass --itembank <dir>");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
}
