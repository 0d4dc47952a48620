using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Exam.Perf.Bench;
using Xunit.Abstractions;

namespace Exam.Resilience.Tests;

/// <summary>
/// Jepsen's set test for answers: candidates save concurrently against the real server on SQLite, the server is
/// killed with SIGKILL mid-load several times and started again on the same file, clients retry what was not
/// acknowledged (the same sequence, so a retry is idempotent), and in the end every acknowledged save must be in
/// the file with its latest acknowledged value, and every candidate must resume exactly where they were.
/// Sizes: EXAM_CRASH_CANDIDATES (20), EXAM_CRASH_KILLS (3), EXAM_CRASH_ACKS_BETWEEN_KILLS (10 per candidate).
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_acknowledged_answer_survives_kill_minus_nine_and_candidates_resume_where_they_were()
    {
        var candidates = Fixtures.Size("EXAM_CRASH_CANDIDATES", 20);
        var kills = Fixtures.Size("EXAM_CRASH_KILLS", 3);
        var acksBetweenKills = candidates * Fixtures.Size("EXAM_CRASH_ACKS_BETWEEN_KILLS", 10);
        var dir = Fixtures.ScratchDirectory("crash");
        var total = Stopwatch.StartNew();
        var clients = new List<CandidateClient>();
        try
        {
            using var server = new ServerProcess(Fixtures.ServerDll, dir, Fixtures.ItemBank);
            await server.StartAsync(Bound);
            var seats = await BenchSeats.SeatAsync(server.SqlitePath, candidates);
            clients.AddRange(seats.Select(s => new CandidateClient(s, server.BaseUrl, TimeSpan.FromSeconds(20))));
            await Task.WhenAll(clients.Select(async c =>
            {
                Assert.True((await c.SignInAsync()).Ok, $"{c.Seat.CandidateNumber} could not sign in");
                var start = await c.StartAsync();
                Assert.True(start.Ok, $"{c.Seat.CandidateNumber} could not start: {start.Failure}");
            }));

            var load = new SaveLoad(clients);
            var running = load.RunAsync();
            for (var k = 1; k <= kills + 1; k++)
            {
                var target = load.Acknowledged + acksBetweenKills;
                await WaitUntil(() => load.Acknowledged >= target || running.IsCompleted, $"{acksBetweenKills} acknowledged saves after start {k}");
                if (running.IsCompleted) break;
                if (k > kills) break;
                server.Kill();
                output.WriteLine($"kill {k}: {load.Acknowledged} acknowledged so far, {load.Retries} retries");
                await server.StartAsync(Bound);
            }
            load.Stop();
            await running.WaitAsync(Bound);
            Assert.Empty(load.Refusals);

            // Resume: a reload shows, at every question, the radio of the last acknowledged answer (or none).
            var resumeDiffs = new ConcurrentBag<string>();
            await Task.WhenAll(clients.Select(async c =>
            {
                var page = await c.OpenPartOneAsync();
                Assert.True(page.Ok, $"{c.Seat.CandidateNumber} could not reload Part One: {page.Failure}");
                foreach (var (position, shown) in c.CheckedSlots)
                {
                    var expected = c.AckedMc.TryGetValue(position, out var ack) ? ack.Slot : null;
                    if (shown != expected) resumeDiffs.Add($"{c.Seat.CandidateNumber} q{position}: shows {shown?.ToString() ?? "none"}, acknowledged {expected?.ToString() ?? "none"}");
                }
            }));

            server.Kill(); // the file is read as a crash left it
            var losses = await BenchSeats.AuditAsync(server.SqlitePath,
                clients.Select(c => (c.Seat, (IReadOnlyDictionary<int, AckedMc>)c.AckedMc, (IReadOnlyDictionary<long, AckedEssay>)c.AckedEssays)));

            output.WriteLine($"candidates={candidates} kills={kills} starts={server.Starts} acknowledged={load.Acknowledged} " +
                $"retries={load.Retries} lost={losses.Count} resume_diffs={resumeDiffs.Count} time={total.Elapsed.TotalSeconds:0.0}s");
            Assert.True(load.Retries > 0, "no save was in flight at any kill: the test did not test a crash");
            Assert.True(losses.Count == 0, "acknowledged saves lost:\n" + string.Join("\n", losses.Take(20)));
            Assert.True(resumeDiffs.IsEmpty, "resume differs from the acknowledged answers:\n" + string.Join("\n", resumeDiffs.Take(20)));
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
            Fixtures.Clean(dir);
        }
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > Bound) throw new TimeoutException($"waited {Bound.TotalSeconds:0} s for {what}");
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Each candidate changes one answer after another as fast as the server acknowledges, like the page's save
    /// queue: one change in flight, retried with the same sequence until acknowledged. A refusal (4xx) is a bug.
    /// </summary>
    private sealed class SaveLoad(IReadOnlyList<CandidateClient> clients)
    {
        private readonly CancellationTokenSource _stop = new();
        private long _acknowledged;
        private long _retries;

        public long Acknowledged => Interlocked.Read(ref _acknowledged);
        public long Retries => Interlocked.Read(ref _retries);
        public ConcurrentBag<string> Refusals { get; } = [];

        public void Stop() => _stop.Cancel();

        public Task RunAsync() => Task.WhenAll(clients.Select((c, i) => Task.Run(() => DriveAsync(c, new Random(i)))));

        private async Task DriveAsync(CandidateClient client, Random random)
        {
            var questions = client.QuestionCount;
            while (!_stop.IsCancellationRequested)
            {
                var position = random.Next(1, questions + 1);
                int? slot = random.Next(5) is var s and > 0 ? s : null;
                var flagged = random.Next(4) == 0;
                var seq = client.NextSeq();
                // Bounded: a save not acknowledged within a minute of retries fails the test (it would stay unacknowledged).
                var sw = Stopwatch.StartNew();
                for (var attempt = 0; ; attempt++)
                {
                    var outcome = await client.SaveMcAsync(seq, position, slot, flagged);
                    if (outcome.Ok) { Interlocked.Increment(ref _acknowledged); break; }
                    if (outcome.Status is not 0 and < HttpStatusCode.InternalServerError)
                    {
                        Refusals.Add($"{client.Seat.CandidateNumber} seq {seq}: {outcome.Failure}");
                        return;
                    }
                    if (sw.Elapsed > Bound)
                    {
                        Refusals.Add($"{client.Seat.CandidateNumber} seq {seq}: not acknowledged after {attempt} retries ({outcome.Failure})");
                        return;
                    }
                    Interlocked.Increment(ref _retries);
                    await Task.Delay(Math.Min(25 * (attempt + 1), 250)); // the page's retry backoff, while the server is down
                }
            }
        }
    }
}
