using System.Globalization;

namespace Exam.Perf.Bench;

/// <summary>Latencies of one kind of request, thread-safe, with nearest-rank percentiles.</summary>
public sealed class Latencies
{
    private readonly List<double> _ms = [];
    private readonly Lock _lock = new();

    public void Add(TimeSpan elapsed)
    {
        lock (_lock) _ms.Add(elapsed.TotalMilliseconds);
    }

    public void CopyTo(Latencies other)
    {
        double[] mine;
        lock (_lock) mine = [.. _ms];
        lock (other._lock) other._ms.AddRange(mine);
    }

    public int Count
    {
        get { lock (_lock) return _ms.Count; }
    }

    public double Percentile(double p)
    {
        double[] sorted;
        lock (_lock) sorted = [.. _ms];
        if (sorted.Length == 0) return 0;
        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public string Describe() => Count == 0 ? "none" : string.Create(CultureInfo.InvariantCulture,
        $"p50 {Percentile(50):0.0} ms, p95 {Percentile(95):0.0} ms, p99 {Percentile(99):0.0} ms, max {Percentile(100):0.0} ms (n={Count})");
}
