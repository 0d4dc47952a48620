using System.Globalization;
using Exam.Perf.Bench;

[assembly: CollectionBehavior(DisableTestParallelization = true)] // each test runs a server and a load; one at a time

namespace Exam.Resilience.Tests;

/// <summary>Where the built server and the item bank are, a scratch directory, and sizes that can be raised by hand.</summary>
public static class Fixtures
{
    public static string ServerDll => ServerProcess.FindServerDll(Environment.GetEnvironmentVariable("EXAM_SERVER_DLL"), AppContext.BaseDirectory);

    public static string ItemBank => ServerProcess.FindItemBank(null, AppContext.BaseDirectory);

    public static string ScratchDirectory(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"exam-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static int Size(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;

    /// <summary>Deletes the scratch directory unless the test failed and the environment asks to keep it.</summary>
    public static void Clean(string dir)
    {
        if (Environment.GetEnvironmentVariable("EXAM_KEEP_SCRATCH") is { Length: > 0 }) return;
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
