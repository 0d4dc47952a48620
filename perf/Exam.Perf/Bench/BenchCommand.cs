using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Exam.Cli;

namespace Exam.Perf.Bench;

/// <summary>
/// <c>exam-perf bench</c>: a sitting's worth of candidates against one server over real HTTP. Everyone signs in and
/// starts at once, answers are saved every few seconds, then everyone submits Part One, writes essays and
/// submits Part Two. A saturated phase compares durable saves with a plain endpoint at the same concurrency.
/// Afterwards every acknowledged save is looked up in the SQLite file.
/// </summary>
public sealed class BenchCommand(TextWriter output, TextWriter error, CliContext context)
{
    private static readonly string[] Words =
        "the infant and parent relationship shows attunement repair and reflective capacity within the home visit over time".Split(' ');

    private const int WarmUpWave = 20;
    private static readonly TimeSpan WarmUpPause = TimeSpan.FromMilliseconds(300);

    private readonly ConcurrentDictionary<string, int> _errorKinds = new(StringComparer.Ordinal);
    private long _errors;

    public async Task<int> RunAsync(CliArguments args, CancellationToken ct)
    {
        args.Only("candidates", "interval", "duration", "ratio-seconds", "concurrency", "warmup", "server", "itembank", "data-dir", "url", "sqlite", "pid");
        var n = Positive(args, "candidates", 1000);
        var interval = TimeSpan.FromSeconds(Positive(args, "interval", 5));
        var duration = TimeSpan.FromSeconds(Positive(args, "duration", 60));
        var ratioSeconds = TimeSpan.FromSeconds(Positive(args, "ratio-seconds", 5));
        var concurrency = Math.Min(n, Positive(args, "concurrency", 64));
        var warmup = args.Number("warmup") is { } w ? w >= 0 ? w : throw new CliUsageException("--warmup must be zero or more") : 100;

        ServerProcess? server = null;
        string? scratch = null;
        Uri baseUrl;
        string sqlite;
        int? pid;
        if (args.Option("url") is { } url)
        {
            baseUrl = new Uri(url.EndsWith('/') ? url : url + "/");
            if (!baseUrl.IsLoopback) throw new CliUsageException("--url must be a loopback address");
            sqlite = Path.GetFullPath(args.Required("sqlite"), context.CurrentDirectory);
            pid = args.Number("pid");
        }
        else
        {
            var dir = args.Option("data-dir") is { } d ? Path.GetFullPath(d, context.CurrentDirectory)
                : scratch = Path.Combine(Path.GetTempPath(), $"exam-bench-{Guid.NewGuid():N}");
            server = new ServerProcess(
                ServerProcess.FindServerDll(args.Option("server"), AppContext.BaseDirectory),
                dir, ServerProcess.FindItemBank(args.Option("itembank"), context.CurrentDirectory), ServerProcess.AsShipped);
            output.WriteLine($"bench: starting the server at {server.BaseUrl} on {server.SqlitePath}");
            await server.StartAsync(TimeSpan.FromMinutes(2), ct);
            baseUrl = server.BaseUrl;
            sqlite = server.SqlitePath;
            pid = server.Pid;
        }

        var clients = new List<CandidateClient>();
        try
        {
            if (warmup > 0)
            {
                // A server that has been up a while, as on the day: every path jitted and tiered up before anything is timed.
                output.WriteLine($"bench: warming up with {warmup} other candidates through the whole exam (not timed)");
                var warm = (await BenchSeats.SeatAsync(sqlite, warmup, ct)).Select(s => new CandidateClient(s, baseUrl, TimeSpan.FromSeconds(60))).ToList();
                clients.AddRange(warm);
                await WarmUpAsync(warm, ct);
                var settled = await SettleAsync(pid, ct);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: settled (background JIT done) {settled.TotalSeconds:0.0} s after the warm-up"));
            }
            output.WriteLine($"bench: seating {n} candidates on {BenchSeats.DemoFormId}");
            var seats = await BenchSeats.SeatAsync(sqlite, n, ct);
            await SettleAsync(pid, ct); // seating ran here, in this process: its code is optimized now, not during the burst
            var measured = seats.Select(s => new CandidateClient(s, baseUrl, TimeSpan.FromSeconds(60))).ToList();
            clients.AddRange(measured);

            // 1. Everyone clicks "Sign in" at once, then everyone clicks "Begin the exam" at once. The page each click is
            // on was shown before (all at once too, not timed): a room reads the rules before it begins together.
            var signIn = new Latencies();
            var start = new Latencies();
            var pages = new Latencies();
            await AllAtOnceAsync(measured, c => c.OpenSignInAsync(ct), pages, "sign-in page");
            var before = pid is { } p0 ? ServerProcess.ReadUsage(p0) : null;
            var self = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            await AllAtOnceAsync(measured, c => c.SubmitSignInAsync(ct), signIn, "sign-in");
            var signInCpu = CpuEach(before, pid is { } ps ? ServerProcess.ReadUsage(ps) : null, n);
            var selfAtStart = Process.GetCurrentProcess().TotalProcessorTime;
            await AllAtOnceAsync(measured, c => c.OpenRulesAsync(ct), pages, "rules page");
            var beforeStart = pid is { } pr ? ServerProcess.ReadUsage(pr) : null;
            var selfAtBegin = Process.GetCurrentProcess().TotalProcessorTime;
            await AllAtOnceAsync(measured, c => c.BeginAsync(ct), start, "start");
            var startCpu = CpuEach(beforeStart, pid is { } pe ? ServerProcess.ReadUsage(pe) : null, n);
            var selfAfterStart = Process.GetCurrentProcess().TotalProcessorTime;
            // The load generator shares the cores: what it spent per candidate in each burst is CPU the server did not have.
            var signInSelf = string.Create(CultureInfo.InvariantCulture, $", load generator CPU {(selfAtStart - self).TotalMilliseconds / n:0.00} ms each");
            var startSelf = string.Create(CultureInfo.InvariantCulture, $", load generator CPU {(selfAfterStart - selfAtBegin).TotalMilliseconds / n:0.00} ms each");
            var started = measured.Where(c => c.QuestionCount > 0).ToList();
            output.WriteLine($"bench: {started.Count} of {n} candidates in Part One");

            // 2. Part One: each candidate changes an answer every interval, at a random phase.
            var saves = new Latencies();
            var steady = Stopwatch.StartNew();
            var beforeSaves = pid is { } pp ? ServerProcess.ReadUsage(pp) : null;
            await Task.WhenAll(started.Select((c, i) => Task.Run(() => PartOneAsync(c, new Random(i), interval, duration / 2, saves, ct), ct)));
            var steadySeconds = steady.Elapsed.TotalSeconds;
            var saveCpu = CpuEach(beforeSaves, pid is { } pq ? ServerProcess.ReadUsage(pq) : null, saves.Count);

            // 3. Saturated: the plain endpoint and durable saves with the same number of clients in a closed loop, in
            // alternating one-second slices so that the machine's drift falls on both alike.
            var ratioClients = started.Take(concurrency).ToList();
            var (plain, durable, ratio) = await AlternatingSlices.SaveRatioAsync(
                ratioClients, ratioSeconds, () => pid is { } p ? ServerProcess.ReadUsage(p) : null, Error, ct);

            // 4. Part One submitted, Part Two opened, essays saved every interval, Part Two submitted.
            var submit = new Latencies();
            await AllAtOnceAsync(started, c => c.MoveToPartTwoAsync(ct), submit, "submit Part One");
            var inPartTwo = started.Where(c => c.Essays.Count > 0).ToList();
            var essaySaves = new Latencies();
            steady.Restart();
            await Task.WhenAll(inPartTwo.Select((c, i) => Task.Run(() => PartTwoAsync(c, new Random(i), interval, duration / 2, essaySaves, ct), ct)));
            steadySeconds += steady.Elapsed.TotalSeconds;
            await AllAtOnceAsync(inPartTwo, c => c.SubmitPartTwoAsync(ct), submit, "submit Part Two");

            var after = pid is { } p1 ? ServerProcess.ReadUsage(p1) : null;
            var selfCpu = Process.GetCurrentProcess().TotalProcessorTime - self;
            var elapsed = wall.Elapsed;

            // 5. The audit reads the file as the server left it.
            server?.Kill();
            var losses = await BenchSeats.AuditAsync(sqlite,
                clients.Select(c => (c.Seat, (IReadOnlyDictionary<int, AckedMc>)c.AckedMc, (IReadOnlyDictionary<long, AckedEssay>)c.AckedEssays)), ct);
            var acknowledged = clients.Sum(c => c.AckedMc.Count + c.AckedEssays.Count);

            var allSaves = saves.Count + essaySaves.Count;
            var saveLatency = Merge(saves, essaySaves);
            var inv = CultureInfo.InvariantCulture;
            output.WriteLine($"bench: candidates {n}, interval {interval.TotalSeconds:0} s, duration {duration.TotalSeconds:0} s, wall {elapsed.TotalSeconds:0.0} s, {Environment.ProcessorCount} cores");
            output.WriteLine($"bench: sign-in latency       {signIn.Describe()}{signInCpu}{signInSelf}  (form on screen: posted -> /Candidate shown, all at once)");
            output.WriteLine($"bench: start latency        {start.Describe()}{startCpu}{startSelf}  (rules on screen: accepted -> Part One shown, all at once)");
            output.WriteLine($"bench: page shown before     {pages.Describe()}  (the sign-in form, then the rules, each to everyone at once; not timed above)");
            output.WriteLine($"bench: save latency         {saveLatency.Describe()}  (answers {saves.Count}, essays {essaySaves.Count}; paced answers{(saveCpu.Length > 0 ? saveCpu : ": server CPU not known")})");
            output.WriteLine($"bench: submit latency       {submit.Describe()}");
            output.WriteLine(string.Create(inv, $"bench: saves/s              {allSaves / Math.Max(steadySeconds, 0.001):0.0} (paced: {n} candidates, one save each per {interval.TotalSeconds:0} s)"));
            output.WriteLine(string.Create(inv, $"bench: saturated, {concurrency} clients: plain /healthz/live {plain.PerSecond:0}/s ({plain.Describe()}); durable save {durable.PerSecond:0}/s ({durable.Describe()}); ratio {ratio:0.00}"));
            if (before is not null && after is not null)
                output.WriteLine(string.Create(inv,
                    $"bench: server CPU {(after.CpuTime - before.CpuTime).TotalSeconds:0.0} s over {elapsed.TotalSeconds:0.0} s ({(after.CpuTime - before.CpuTime).TotalSeconds / elapsed.TotalSeconds * 100:0}% of one core), peak memory {after.PeakRssBytes / 1048576.0:0} MiB; load generator CPU {selfCpu.TotalSeconds:0.0} s"));
            else
                output.WriteLine("bench: server CPU and memory not available (give --pid with --url)");
            output.WriteLine($"bench: errors {Interlocked.Read(ref _errors)}{(_errorKinds.IsEmpty ? "" : " (" + string.Join("; ", _errorKinds.OrderByDescending(k => k.Value).Take(5).Select(k => $"{k.Value}x {k.Key}")) + ")")}");
            output.WriteLine($"bench: audit: {acknowledged} acknowledged answers and essays (latest per question) checked in {sqlite}: {losses.Count} missing or older");
            foreach (var loss in losses.Take(10))
                output.WriteLine($"bench:   lost {loss.CandidateNumber} {loss.What}: acknowledged {loss.Expected}, found {loss.Found}");
            output.WriteLine(string.Create(inv,
                $"bench: candidates={n} saves={allSaves + durable.Count} errors={Interlocked.Read(ref _errors)} lost={losses.Count} save_p99_ms={saveLatency.Percentile(99):0.0} start_p99_ms={start.Percentile(99):0.0} ratio={ratio:0.00}"));
            return Interlocked.Read(ref _errors) == 0 && losses.Count == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
            server?.Dispose();
            if (scratch is not null)
                try { Directory.Delete(scratch, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// The warm-up candidates sign in and start all at once in waves, as the measured ones will, then each sits a short
    /// exam, 16 at a time: reloads, answers, essays, submissions. Waves, because the runtime counts calls towards
    /// optimized code only once no new method has been compiled for 100 ms: one burst of 100 left the sign-in and start
    /// paths unoptimized, and about 700 methods were compiled during the measured burst instead.
    /// </summary>
    private async Task WarmUpAsync(IReadOnlyList<CandidateClient> warm, CancellationToken ct)
    {
        var ignored = new Latencies();
        foreach (var wave in warm.Chunk(WarmUpWave))
        {
            await AllAtOnceAsync(wave, c => c.SignInAsync(ct), ignored, "warm-up sign-in");
            await Task.Delay(WarmUpPause, ct);
            await AllAtOnceAsync(wave, c => c.StartAsync(ct), ignored, "warm-up start");
            await Task.Delay(WarmUpPause, ct);
        }
        await Parallel.ForEachAsync(warm, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (c, token) =>
        {
            if (c.QuestionCount == 0) return;
            var random = new Random(c.Seat.CandidateNumber.GetHashCode(StringComparison.Ordinal));
            for (var i = 0; i < 40; i++)
            {
                Check("warm-up save", await c.SaveMcAsync(c.NextSeq(), random.Next(1, c.QuestionCount + 1), random.Next(1, 5), random.Next(8) == 0, token));
                if (i % 4 == 0) Check("warm-up reload", await c.OpenPartOneAsync(token));
                if (i % 4 == 2) Check("warm-up plain", await c.GetAsync("/healthz/live", token));
            }
        });
        await AllAtOnceAsync(warm, c => c.MoveToPartTwoAsync(ct), ignored, "warm-up submit Part One");
        await Parallel.ForEachAsync(warm, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (c, token) =>
        {
            for (var i = 0; i < 20 && c.Essays.Count > 0; i++)
                Check("warm-up essay save", await c.SaveEssayAsync(c.NextSeq(), c.Essays[i % Math.Min(2, c.Essays.Count)], true, $"Warm-up essay text {i}.", token));
        });
        await AllAtOnceAsync(warm.Where(c => c.Essays.Count > 0).ToList(), c => c.SubmitPartTwoAsync(ct), ignored, "warm-up submit Part Two");

        void Check(string what, Outcome outcome)
        {
            if (!outcome.Ok) Error(what, outcome);
        }
    }

    /// <summary>
    /// Waits (up to a minute) until the server (when known) and this load generator each idle below a tenth of a core:
    /// the runtime finishes optimizing what just ran in the background, and would otherwise do it during the next burst.
    /// </summary>
    private static async Task<TimeSpan> SettleAsync(int? pid, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var last = Usage();
        while (clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            var now = Usage();
            if (now.Server - last.Server < TimeSpan.FromSeconds(0.1) && now.Self - last.Self < TimeSpan.FromSeconds(0.1)) break;
            last = now;
        }
        return clock.Elapsed;

        (TimeSpan Server, TimeSpan Self) Usage() =>
            (pid is { } p && ServerProcess.ReadUsage(p) is { } u ? u.CpuTime : TimeSpan.Zero, Process.GetCurrentProcess().TotalProcessorTime);
    }

    private async Task AllAtOnceAsync(IReadOnlyList<CandidateClient> clients, Func<CandidateClient, Task<Outcome>> step, Latencies latencies, string what)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = clients.Select(async c =>
        {
            await go.Task;
            var outcome = await step(c);
            latencies.Add(outcome.Elapsed);
            if (!outcome.Ok) Error(what, outcome);
        }).ToList();
        go.SetResult();
        await Task.WhenAll(tasks);
    }

    private async Task PartOneAsync(CandidateClient c, Random random, TimeSpan interval, TimeSpan length, Latencies latencies, CancellationToken ct)
    {
        await PacedAsync(random, interval, length, async () =>
        {
            var outcome = await c.SaveMcAsync(c.NextSeq(), random.Next(1, c.QuestionCount + 1), random.Next(5) is var s and > 0 ? s : null, random.Next(8) == 0, ct);
            latencies.Add(outcome.Elapsed);
            if (!outcome.Ok) Error("save", outcome);
        }, ct);
    }

    private async Task PartTwoAsync(CandidateClient c, Random random, TimeSpan interval, TimeSpan length, Latencies latencies, CancellationToken ct)
    {
        var bodies = c.Essays.ToDictionary(e => e, _ => new StringBuilder());
        await PacedAsync(random, interval, length, async () =>
        {
            var index = random.Next(Math.Min(2, c.Essays.Count)); // the two essays this candidate chose
            var essay = c.Essays[index];
            for (var w = 0; w < 40; w++) bodies[essay].Append(Words[random.Next(Words.Length)]).Append(' ');
            var outcome = await c.SaveEssayAsync(c.NextSeq(), essay, true, bodies[essay].ToString(), ct);
            latencies.Add(outcome.Elapsed);
            if (!outcome.Ok) Error("essay save", outcome);
        }, ct);
    }

    /// <summary>One action per interval, at a random phase within the first interval, for the given length (bounded).</summary>
    private static async Task PacedAsync(Random random, TimeSpan interval, TimeSpan length, Func<Task> action, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var next = TimeSpan.FromMilliseconds(random.NextDouble() * interval.TotalMilliseconds);
        while (next < length)
        {
            var wait = next - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
            await action();
            next += interval;
        }
    }

    private void Error(string what, Outcome outcome)
    {
        Interlocked.Increment(ref _errors);
        var kind = $"{what}: {outcome.Failure ?? ((int)outcome.Status).ToString(CultureInfo.InvariantCulture)}";
        if (_errorKinds.AddOrUpdate(kind, 1, (_, v) => v + 1) == 1) error.WriteLine($"bench: {kind}");
    }

    /// <summary>The server CPU a phase used, per operation (empty when the server's process is not known).</summary>
    private static string CpuEach(ProcessUsage? before, ProcessUsage? after, int operations) =>
        before is not null && after is not null && operations > 0
            ? string.Create(CultureInfo.InvariantCulture, $", server CPU {(after.CpuTime - before.CpuTime).TotalMilliseconds / operations:0.00} ms each")
            : "";

    private static Latencies Merge(Latencies a, Latencies b)
    {
        var merged = new Latencies();
        a.CopyTo(merged);
        b.CopyTo(merged);
        return merged;
    }

    private static int Positive(CliArguments args, string name, int fallback) =>
        args.Number(name) is { } v ? v > 0 ? v : throw new CliUsageException($"--{name} must be above zero") : fallback;
}
