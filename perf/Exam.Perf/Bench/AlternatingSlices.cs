using System.Diagnostics;
using System.Globalization;

namespace Exam.Perf.Bench;

/// <summary>One kind of request in a saturated phase: how many succeeded, over how long, and the server CPU they cost (when known).</summary>
public sealed record Saturation(int Count, double Seconds, Latencies Latencies, TimeSpan? ServerCpu)
{
    public double PerSecond => Seconds > 0 ? Count / Seconds : 0;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"p50 {Latencies.Percentile(50):0.0} ms, p99 {Latencies.Percentile(99):0.0} ms{(ServerCpu is { } cpu && Count > 0 ? $", server CPU {cpu.TotalMicroseconds / Count:0} us each" : "")}");
}

/// <summary>
/// Kinds of request compared at the same concurrency: every client runs one kind in a closed loop for a one-second
/// slice, the kinds taking turns (after a warm-up of two slices each, so all are measured with their connections open
/// and their code jitted). Each kind's rate is its requests over its own slices, and every client's last request of a
/// slice ends inside it. A machine whose speed drifts (a shared host) slows every kind alike, where consecutive phases
/// would carry the drift into the ratio of their rates.
/// </summary>
public static class AlternatingSlices
{
    private static readonly TimeSpan Slice = TimeSpan.FromSeconds(1);
    private const int WarmUpRounds = 2;

    /// <summary>
    /// The durable-save ratio: <c>/healthz/live</c> (no page, no database) against a Part One save acknowledged once
    /// committed, at the same concurrency; the ratio is the saves' rate over the plain endpoint's.
    /// </summary>
    public static async Task<(Saturation Plain, Saturation Save, double Ratio)> SaveRatioAsync(
        IReadOnlyList<CandidateClient> clients, TimeSpan lengthEach, Func<ProcessUsage?> serverUsage, Action<string, Outcome> failed,
        CancellationToken ct)
    {
        var measured = await RunAsync(clients,
            [
                ("plain", (c, _) => c.GetAsync("/healthz/live", ct)),
                ("save", (c, r) => c.SaveMcAsync(c.NextSeq(), r.Next(1, c.QuestionCount + 1), r.Next(1, 5), false, ct)),
            ],
            lengthEach, serverUsage, failed);
        var (plain, save) = (measured[0], measured[1]);
        return (plain, save, plain.PerSecond > 0 ? save.PerSecond / plain.PerSecond : 0);
    }

    /// <param name="serverUsage">The server's usage now, for its CPU per request; null when not known.</param>
    /// <param name="failed">Called for each request that did not succeed (named by its kind).</param>
    public static async Task<Saturation[]> RunAsync(
        IReadOnlyList<CandidateClient> clients, IReadOnlyList<(string Name, Func<CandidateClient, Random, Task<Outcome>> Request)> kinds,
        TimeSpan lengthEach, Func<ProcessUsage?> serverUsage, Action<string, Outcome> failed)
    {
        var latencies = kinds.Select(_ => new Latencies()).ToArray();
        var counts = new int[kinds.Count];
        var seconds = new double[kinds.Count];
        var cpu = new TimeSpan?[kinds.Count];
        var random = clients.Select((_, i) => new Random(1000 + i)).ToArray();
        var rounds = Math.Max(1, (int)Math.Round(lengthEach / Slice));
        for (var round = -WarmUpRounds; round < rounds; round++)
        {
            var measured = round >= 0;
            for (var kind = 0; kind < kinds.Count; kind++)
            {
                var (name, request) = kinds[kind];
                var before = measured ? serverUsage() : null;
                var clock = Stopwatch.StartNew();
                await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
                {
                    while (clock.Elapsed < Slice)
                    {
                        var outcome = await request(client, random[i]);
                        if (!outcome.Ok) failed(name, outcome);
                        else if (measured)
                        {
                            latencies[kind].Add(outcome.Elapsed);
                            Interlocked.Increment(ref counts[kind]);
                        }
                    }
                })));
                if (!measured) continue;
                seconds[kind] += clock.Elapsed.TotalSeconds;
                if (before is not null && serverUsage() is { } after) cpu[kind] = (cpu[kind] ?? TimeSpan.Zero) + (after.CpuTime - before.CpuTime);
            }
        }
        return [.. kinds.Select((_, k) => new Saturation(counts[k], seconds[k], latencies[k], cpu[k]))];
    }
}
